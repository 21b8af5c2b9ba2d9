"""Stories: reports of one event, from any outlet, grouped as they arrive.

:mod:`newsreader.stories.terms` turns an article into a term vector;
:mod:`newsreader.stories.grouping` places each new article in a story (close to the
story as a whole, at a cost bounded per article); :mod:`newsreader.stories.story_summary`
summarises a story from its newest reports' kept sentences.
"""
