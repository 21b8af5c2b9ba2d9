"""Stories: reports of one event, from any outlet, grouped as they arrive.

:mod:`newsreader.stories.grouping` places each new article; :mod:`newsreader.stories.story_summary`
summarises a story from all its reports.
"""
