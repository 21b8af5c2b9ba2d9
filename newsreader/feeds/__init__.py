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
from newsreader.feeds.enricher import ENRICH_BATCH, enrich_batch
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
    With a sync account the server's feeds come through the server (a sync
    first); a failed sync is one of the report's errors.
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
    from newsreader.sync.stage import sync_stage

    stage = sync_stage(library, settings)  # with an account, the server's feeds sync first
    if stage is None:
        return run_fetch(library, settings, chosen, progress, enrich_in=enrich_in)
    report = run_fetch(library, settings, stage.local(chosen), progress, enrich_in=enrich_in)
    errors = list(report.errors)
    ids = stage.report.new_ids
    for start in range(0, len(ids), ENRICH_BATCH):
        errors += enrich_batch(library, settings, ids[start : start + ENRICH_BATCH])
    synced = tuple(
        FeedResult(feed.id, feed.url, feed.title, "fetched", new=stage.new_by_feed.get(feed.id, 0))
        for feed in stage.synced(library.list_feeds() if feeds is None else chosen)
    )
    if not stage.report.ok:
        errors.append(stage.report.line())
    errors += stage.report.notes
    return FetchReport((*synced, *report.feeds), tuple(errors))
