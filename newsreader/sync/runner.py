"""One sync: push the outbox, pull the server's state, merge it in one transaction.

A sync that fails at any step (server down, refused login, timeout, an answer
cut short) leaves the library as it was, but for the actions the server took
before the failure (they leave the outbox); it says why in one line.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from newsreader.config import Settings
from newsreader.ingest.cancel import Cancel
from newsreader.ingest.events import Timings
from newsreader.store import Library
from newsreader.store.sync_merge import MergeResult
from newsreader.sync.credentials import (
    forget_session,
    load_session,
    password_source,
    save_session,
    session_file,
)
from newsreader.sync.greader import AuthError, GReaderClient, SyncError
from newsreader.sync.pages import PageRules, SyncedPages, fetch_pages
from newsreader.sync.pull import Pulled, pull
from newsreader.sync.push import push


@dataclass
class SyncReport:
    """What one sync did, or why it failed."""

    server: str
    error: str | None = None
    pushed: int = 0
    merge: MergeResult = field(default_factory=MergeResult)
    #: New articles left for the next sync.
    left: int = 0
    notes: list[str] = field(default_factory=list)
    calls: int = 0
    seconds: float = 0.0
    #: Stream -> pages of synced teasers extracted, and why some could not be.
    pages: dict[str, int] = field(default_factory=dict)
    page_errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the sync went through."""
        return self.error is None

    @property
    def new_ids(self) -> list[int]:
        """Articles the sync added to the library."""
        return self.merge.new_ids

    def line(self) -> str:
        """The sync in one line."""
        if self.error is not None:
            return f"sync with {self.server} failed, nothing changed here: {self.error}"
        merge = self.merge
        parts = [
            f"{self.pushed} actions sent",
            f"{len(merge.new_ids)} new articles",
            f"{merge.read_changed} read/unread and {merge.starred_changed} stars from the server",
        ]
        if merge.feeds_added or merge.feeds_removed:
            parts.append(f"{merge.feeds_added} feeds added, {merge.feeds_removed} removed")
        if self.left:
            parts.append(f"{self.left} more articles next time")
        return f"synced with {self.server}: " + ", ".join(parts)


def sync_library(
    library: Library,
    settings: Settings,
    *,
    prompt: Callable[[], str] | None = None,
    full_text: bool = False,
    cancel: Cancel | None = None,
    timings: Timings | None = None,
) -> SyncReport:
    """Sync the library with its account; never raises for a server's failure.

    With ``full_text``, the pages of new teasers are fetched and extracted
    before the merge, as a refresh does for a feed's entries
    (:mod:`newsreader.sync.pages`).
    """
    account = library.sync_account()
    if account is None:
        raise ValueError("this library has no sync account (`newsreader account add`)")
    started = time.perf_counter()
    report = SyncReport(server=account.url)
    session = session_file(library.path)
    kept = load_session(session, account.url, account.username)
    client = GReaderClient(
        account.url,
        account.username,
        password_source(settings.sync.password_command, prompt),
        auth=kept,
        timeout=settings.sync.timeout,
    )
    try:
        with client:
            sent = push(client, library, settings.sync.mark_batch)
            report.notes += sent.refused
            pulled = pull(
                client,
                library.known_items(),
                fetch_batch=settings.sync.fetch_batch,
                max_new=settings.sync.max_new_articles,
            )
            report.left = pulled.left
            if full_text:
                pages = _pages(library, settings, pulled, cancel, timings)
                pulled.items = pages.items
                report.left += pages.deferred
                report.pages, report.page_errors = pages.extracted, pages.errors
                report.notes += pages.notes
            report.merge = library.apply_pull(
                pulled.feeds,
                pulled.items,
                pulled.unread,
                pulled.starred,
                full_text=settings.feeds.full_text,
            )
            if report.merge.requeued:
                sent.actions += push(client, library, settings.sync.mark_batch).actions
            report.pushed = sent.actions
    except AuthError as exc:
        forget_session(session)
        report.error = str(exc)
    except SyncError as exc:
        report.error = str(exc)
    except sqlite3.Error as exc:
        report.error = f"the library could not be written: {exc}"
    if client.auth and client.auth != kept and report.error is None:
        save_session(session, account.url, account.username, client.auth)
    report.calls = client.calls
    report.seconds = time.perf_counter() - started
    with contextlib.suppress(sqlite3.Error):
        library.record_sync(report.error)
    return report


def _pages(
    library: Library,
    settings: Settings,
    pulled: Pulled,
    cancel: Cancel | None,
    timings: Timings | None,
) -> SyncedPages:
    """Fetch the pages of the pulled teasers, within the refresh's caps."""
    feeds = settings.feeds
    streams = library.synced_feeds()
    rules = PageRules(
        modes={streams[f.id]: f.full_text for f in library.list_feeds() if f.id in streams},
        default_mode=feeds.full_text,
        teaser_words=feeds.teaser_words,
        per_feed=feeds.max_pages_per_feed,
        allowed=feeds.max_pages_per_run,
    )
    return fetch_pages(
        pulled.items,
        {feed.stream: feed.url for feed in pulled.feeds},
        library.held_links,
        rules,
        feeds,
        max_chars=settings.library.max_text_chars,
        cancel=cancel,
        timings=timings,
    )


def check_login(url: str, username: str, password: str, timeout: float) -> str:
    """Log in once (for ``account add``); returns the token, raises :class:`SyncError`."""
    with GReaderClient(url, username, lambda: password, timeout=timeout) as client:
        return client.login()
