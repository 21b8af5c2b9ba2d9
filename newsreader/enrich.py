"""Enriching given articles at once: summary, topics and story, as the ingest pipeline does.

The pipeline (:mod:`newsreader.ingest`) enriches what every run stores, from
the library's enrichment queue. :func:`enrich_articles` runs the same steps on
articles named by id, for callers that store articles themselves and want
them enriched before going on.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsreader.config import Settings
from newsreader.store import Library


def enrich_articles(library: Library, article_ids: Iterable[int], settings: Settings) -> None:
    """Make and store the summary, topics and story of each article, then of their stories."""
    from newsreader.ingest.enrichment import Enricher

    enricher = Enricher(library, settings)
    done = enricher.enrich(article_ids)
    if done.errors:
        raise RuntimeError(done.errors[0])
    enricher.summarise_stories(every=False)
