"""Sync as the first stage of a refresh: the server's feeds come through the server.

With an account, a refresh first syncs (push the outbox, pull the server's
state, fetch the pages of new teasers); the feeds the server has are then not
fetched from here, and the new articles are reported per feed like fetched
ones. Without an account this does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsreader.config import Settings
from newsreader.ingest.cancel import Cancel
from newsreader.ingest.events import Timings
from newsreader.store import Library
from newsreader.store.feeds import Feed
from newsreader.sync.runner import SyncReport, sync_library


@dataclass
class SyncStage:
    """What the sync stage did, for the rest of the refresh."""

    report: SyncReport
    #: Feeds the server brings: the refresh does not fetch them itself.
    feed_ids: set[int] = field(default_factory=set)
    #: New articles per synced feed.
    new_by_feed: dict[int, int] = field(default_factory=dict)
    #: Pages of synced teasers extracted per feed, and why some could not be.
    pages_by_feed: dict[int, int] = field(default_factory=dict)
    page_errors: dict[int, list[str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        """Pages the sync fetched in all (taken from the refresh's allowance)."""
        return sum(self.report.pages.values())

    def local(self, feeds: list[Feed]) -> list[Feed]:
        """The feeds the refresh still fetches from here."""
        return [feed for feed in feeds if feed.id not in self.feed_ids]

    def synced(self, feeds: list[Feed]) -> list[Feed]:
        """The feeds the sync brought, among ``feeds``."""
        return [feed for feed in feeds if feed.id in self.feed_ids]


def sync_stage(
    library: Library,
    settings: Settings,
    *,
    cancel: Cancel | None = None,
    timings: Timings | None = None,
) -> SyncStage | None:
    """Sync when the library has an account, teasers' pages and all; None when it has none."""
    if library.sync_account() is None:
        return None
    report = sync_library(library, settings, full_text=True, cancel=cancel, timings=timings)
    synced = library.synced_feeds()
    by_stream = {stream: feed_id for feed_id, stream in synced.items()}
    return SyncStage(
        report,
        set(synced),
        library.new_by_feed(report.new_ids) if report.new_ids else {},
        {by_stream[s]: n for s, n in report.pages.items() if s in by_stream},
        {by_stream[s]: lines for s, lines in report.page_errors.items() if s in by_stream},
    )
