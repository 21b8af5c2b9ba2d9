"""What happens to an article after it is stored: summary, topics, story.

Importers and the feed fetcher call :func:`enrich_articles` on the ids they
added, so that opening an article later is instant and offline.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsreader.config import Settings
from newsreader.store import Library


def enrich_articles(library: Library, article_ids: Iterable[int], settings: Settings) -> None:
    """Make and store the summary, topics and story of each new article."""
    # Filled in by the summarize/ and topics issues: see their modules.
    for _article_id in article_ids:
        pass
