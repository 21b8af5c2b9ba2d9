"""Refreshing the feeds from the reader (``r``, and every ``[reader] refresh_every`` minutes).

The refresh runs in a daemon thread of its own rather than a pooled worker:
quitting the reader never waits for it (an interrupted refresh leaves the
library as its last committed transaction left it). It reports with
:class:`~tui.messages.RefreshProgress` and :class:`~tui.messages.RefreshFinished`.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual.screen import Screen

from tui import loaders
from tui.context import ReaderContext
from tui.messages import RefreshFinished, RefreshProgress

if TYPE_CHECKING:
    from newsreader.ingest import Cancel, Event

_running: set[str] = set()
#: The running refreshes' cancel flags, by library: quitting stops them at once.
_cancels: dict[str, Cancel] = {}


def refreshing(context: ReaderContext) -> bool:
    """True while a refresh of this library runs."""
    return str(context.library_path) in _running


def stop_refreshes() -> None:
    """Cancel every running refresh (the reader is quitting); what they stored stays."""
    for cancel in list(_cancels.values()):
        cancel.cancel()


def start_refresh(screen: Screen[object], context: ReaderContext, quiet: bool = False) -> bool:
    """Start refreshing the feeds unless a refresh runs; True when one was started.

    ``quiet`` (the timed refresh) says nothing when there is nothing to refresh.
    """
    key = str(context.library_path)
    if key in _running:
        if not quiet:
            screen.notify("A refresh is already running.", markup=False, timeout=3)
        return False
    from newsreader.ingest import Cancel  # the pipeline loads with the first refresh

    _running.add(key)
    cancel = _cancels[key] = Cancel()
    screen.post_message(RefreshProgress("refreshing…"))

    def progress(event: Event) -> None:
        screen.post_message(
            RefreshProgress(loaders.describe_progress(event), event.progress.articles_new)
        )

    def run() -> None:
        try:
            from newsreader.feeds import fetch_feeds

            library = loaders.library(context.library_path)
            # With a sync account the refresh syncs first, feeds of its own or not.
            if not library.list_feeds() and library.sync_account() is None:
                text = "" if quiet else "No feeds to refresh: subscribe with `newsreader add URL`."
                screen.post_message(RefreshFinished(text, False))
                return
            report = fetch_feeds(library, context.settings, progress=progress, cancel=cancel)
            screen.post_message(
                RefreshFinished(loaders.describe_report(report), True, failed=not report.ok)
            )
        except Exception as error:  # reported on screen, never lost in a thread
            screen.post_message(RefreshFinished(f"Refresh failed: {error}", True, failed=True))
        finally:
            _running.discard(key)
            _cancels.pop(key, None)

    threading.Thread(target=run, name="newsreader-refresh", daemon=True).start()
    return True
