"""What happens to an article after it is stored: summary, topics, story.

Importers and the feed fetcher call :func:`enrich_articles` on the ids they
added, so that opening an article later is instant and offline. Topic rules
that changed in the config since the last run are first re-applied to the
whole library (so rules reach existing articles too; ``newsreader topics
apply`` does it on demand).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from newsreader.config import Settings
from newsreader.store import Library

log = logging.getLogger(__name__)


def _summariser():
    """``ensure_summary`` of the summaries module, or None while it is missing."""
    try:
        from newsreader.summaries import ensure_summary
    except ImportError:  # pragma: no cover - the summaries module is optional here
        return None
    return ensure_summary


def enrich_articles(library: Library, article_ids: Iterable[int], settings: Settings) -> None:
    """Make and store the summary, topics and story of each new article."""
    from newsreader.stories.grouping import place_article
    from newsreader.stories.story_summary import ensure_story_summary
    from newsreader.topics.assign import TopicAssigner, load_model, sync_rules

    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return
    sync_rules(library, settings)
    assigner = TopicAssigner(settings, load_model(library, settings))
    summarise = _summariser()
    stories: set[int] = set()
    for article_id in ids:
        found = library.grouping_input(article_id)
        if found is None:
            continue
        title, text = found[0], found[1]
        if summarise is not None:
            summarise(library, article_id, settings)
        source = library.article_source(article_id)
        assigner.store(library, article_id, assigner.assign(title, text, source))
        placed = place_article(library, article_id)
        if placed is not None:
            stories.add(placed.story_id)
    for story_id in sorted(stories):
        ensure_story_summary(library, story_id, settings)
