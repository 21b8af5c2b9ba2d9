"""Topics of articles: automatic sections, subject tags and the user's rules.

:func:`newsreader.topics.assign.assign_topics` combines them for one article;
source topics (feed categories, ``--topic``) are stored when the article is.
"""
