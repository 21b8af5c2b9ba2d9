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
from newsreader.store import Library, transaction

log = logging.getLogger(__name__)


def _summariser():
    """``new_summary`` of the summaries module, or None while it is missing."""
    try:
        from newsreader.summaries import new_summary
    except ImportError:  # pragma: no cover - the summaries module is optional here
        return None
    return new_summary


def enrich_articles(library: Library, article_ids: Iterable[int], settings: Settings) -> None:
    """Make and store the summary, topics and story of each new article.

    The work that needs nothing from the store's state is done first; then one
    transaction (one wait for the write lock, which the fetcher shares) stores
    it, places the stories in order and gives each story of two reports or
    more that the batch touched its summary once, at the end.
    """
    from newsreader.stories.grouping import place_article
    from newsreader.stories.story_summary import new_story_summary
    from newsreader.topics.assign import TopicAssigner, TopicAssignment, load_model, sync_rules

    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return
    sync_rules(library, settings)
    assigner = TopicAssigner(settings, load_model(library, settings))
    summarise = _summariser()
    found: list[int] = []
    summaries: list[tuple[int, str, int, str]] = []
    topics: list[tuple[int, TopicAssignment]] = []
    for article_id in ids:
        row = library.grouping_input(article_id)
        if row is None:
            continue
        found.append(article_id)
        title, text = row[0], row[1]
        if summarise is not None:
            made = summarise(library, article_id, settings)
            if made is not None:
                summaries.append((article_id, *made))
        source = library.article_source(article_id)
        topics.append((article_id, assigner.assign(title, text, source)))
    stories: set[int] = set()
    with transaction(library.conn):
        with library.batched_term_counts():
            library.store_summaries(summaries)
            for article_id, assignment in topics:
                assigner.store(library, article_id, assignment)
            for article_id in found:
                placed = place_article(library, article_id)
                if placed is not None:
                    stories.add(placed.story_id)
        for story_id in library.unsummarised_stories(stories):
            sentences = new_story_summary(library, story_id, settings)
            if sentences:
                library.store_story_summary(story_id, sentences)
