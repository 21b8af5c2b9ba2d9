"""Feeds: subscribing, refreshing, and fetching full text ahead so everything reads offline.

One job per module: :mod:`.http` (polite, capped GETs), :mod:`.parse` (feed
bytes to entries), :mod:`.discover` (feeds an HTML page links),
:mod:`.fulltext` (teasers and trafilatura), :mod:`.pages` (one page for
``newsreader summarize URL``), :mod:`.opml` (import and export),
:mod:`.subscribe` (``newsreader add``) and :mod:`.fetcher` (a refresh).
"""

from __future__ import annotations

from collections.abc import Callable

from newsreader.config import Settings
from newsreader.feeds.fetcher import EnrichIn, FeedResult, FetchEvent, FetchReport, run_fetch
from newsreader.store import Library

__all__ = ["FeedResult", "FetchEvent", "FetchReport", "UnknownFeedError", "fetch_feeds"]


class UnknownFeedError(ValueError):
    """A feed named on the command line is not subscribed."""


def fetch_feeds(
    library: Library,
    settings: Settings,
    feeds: list[str] | None = None,
    progress: Callable[[FetchEvent], None] | None = None,
    *,
    enrich_in: EnrichIn = "auto",
) -> FetchReport:
    """Refresh the named feeds (ids, URLs or titles), or all of them.

    Blocks until done; ``progress`` is called in the caller's thread. New
    articles are stored, summarised and given topics before this returns.
    ``enrich_in`` says where summaries, topics and stories are made: a big
    refresh ("auto") or any ("process") gives them a child process on a core
    of its own, "thread" keeps them in this process.
    Raises :class:`UnknownFeedError` when a named feed is not subscribed.
    """
    if feeds is None:
        chosen = library.list_feeds()
    else:
        chosen = []
        for key in feeds:
            feed = library.find_feed(key)
            if feed is None:
                raise UnknownFeedError(
                    f"no subscribed feed matches {key!r} (see `newsreader feeds`)"
                )
            if all(feed.id != other.id for other in chosen):
                chosen.append(feed)
    return run_fetch(library, settings, chosen, progress, enrich_in=enrich_in)
