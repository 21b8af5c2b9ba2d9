"""Feeds: subscribing, refreshing, and fetching full text ahead so everything reads offline.

One job per module: :mod:`.http` (polite, capped GETs), :mod:`.parse` (feed
bytes to entries), :mod:`.discover` (feeds an HTML page links),
:mod:`.fulltext` (teasers and trafilatura), :mod:`.pages` (one page for
``newsreader summarize URL``), :mod:`.opml` (import and export) and
:mod:`.subscribe` (``newsreader add``). A refresh is the ingest pipeline's
(:func:`newsreader.ingest.refresh`); :func:`fetch_feeds` runs one to the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from newsreader.config import Settings
from newsreader.ingest import Cancel, Event, FeedResult, FetchReport, RunFinished
from newsreader.store import Library
from newsreader.store.feeds import Feed

__all__ = ["FeedResult", "FetchReport", "UnknownFeedError", "choose_feeds", "fetch_feeds"]


class UnknownFeedError(ValueError):
    """A feed named on the command line is not subscribed."""


def choose_feeds(library: Library, names: list[str] | None) -> list[Feed]:
    """The feeds named (ids, URLs or titles), or every subscription when None.

    A feed named is fetched now, whatever a server's Retry-After asked for
    before: its deferral is dropped. Raises :class:`UnknownFeedError` when a
    named feed is not subscribed.
    """
    if names is None:
        return library.list_feeds()
    chosen: list[Feed] = []
    for key in names:
        feed = library.find_feed(key)
        if feed is None:
            raise UnknownFeedError(f"no subscribed feed matches {key!r} (see `newsreader feeds`)")
        if all(feed.id != other.id for other in chosen):
            chosen.append(replace(feed, retry_after=None))
    return chosen


def fetch_feeds(
    library: Library,
    settings: Settings,
    feeds: list[str] | None = None,
    progress: Callable[[Event], None] | None = None,
    *,
    enrich: bool = True,
    cancel: Cancel | None = None,
) -> FetchReport:
    """Refresh the named feeds (ids, URLs or titles), or all of them, to the end.

    ``progress`` gets every event of the run, in this thread. New articles are
    stored, then (unless ``enrich`` is False) summarised and given topics and
    stories before this returns. Raises :class:`UnknownFeedError` when a named
    feed is not subscribed.
    """
    from newsreader.ingest import refresh

    report = FetchReport()
    chosen = None if feeds is None else choose_feeds(library, feeds)
    for event in refresh(library, settings, chosen, enrich=enrich, cancel=cancel):
        if progress is not None:
            progress(event)
        if isinstance(event, RunFinished):
            report = event.report
    return report
