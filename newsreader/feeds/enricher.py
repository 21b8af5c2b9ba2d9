"""Enrichment of a refresh's new articles in a child process, on a core of its own.

The fetcher's process spends its core on the network, parsing, extraction and
storing; summaries, topics and stories (:func:`newsreader.enrich.enrich_articles`)
cost more CPU than all of that. A ``spawn`` child opens its own
:class:`~newsreader.store.Library` on the same file and takes batches of article
ids through a queue, in the order they were stored; each batch is written in one
transaction, so a killed child leaves whole batches or none, and while the
fetcher holds the write lock the child prepares the next batches instead of
waiting. What it did comes back as messages the fetcher reads in its own thread.
"""

from __future__ import annotations

import multiprocessing
import queue
import resource
import threading
from collections import deque
from pathlib import Path

from newsreader.config import Settings
from newsreader.enrich import PreparedBatch, prepare_batch, store_batch
from newsreader.store import Library

#: Articles enriched in one call (one set-up of rules and topic model, one transaction).
ENRICH_BATCH = 100
#: Batches the child prepares while the write lock is taken, before it waits for it.
PREPARE_AHEAD = 4
_POLL_SECONDS = 0.25


def enrich_batch(library: Library, settings: Settings, ids: list[int]) -> list[str]:
    """Summaries, topics and stories for stored articles; failures returned, not raised."""
    if not ids:
        return []
    try:
        from newsreader.enrich import enrich_articles

        enrich_articles(library, ids, settings)
    except Exception as exc:
        return [_failure(ids, exc)]
    return []


def _failure(ids: list[int], exc: Exception) -> str:
    return f"summaries and topics not made for {len(ids)} articles: {type(exc).__name__}: {exc}"


def _child(
    path: str, settings: Settings, tasks: multiprocessing.Queue, results: multiprocessing.Queue
) -> None:
    """The child's main: enrich batches until the ``None`` sentinel, then report its peak RSS."""
    library = Library(Path(path))
    try:
        _ChildLoop(library, settings, tasks, results).run()
    finally:
        library.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results.put(("finished", 0, [str(peak_kb)]))


class _ChildLoop:
    """Batches in the order submitted: prepared, then stored.

    While the fetcher holds the write lock, the next batches are prepared (up to
    :data:`PREPARE_AHEAD`) instead of waiting for it; batches are stored in order.
    """

    def __init__(
        self,
        library: Library,
        settings: Settings,
        tasks: multiprocessing.Queue,
        results: multiprocessing.Queue,
    ) -> None:
        self.library, self.settings = library, settings
        self.tasks, self.results = tasks, results
        self.pending: list[int] = []
        self.prepared: deque[tuple[list[int], PreparedBatch | None]] = deque()
        self.closed = False

    def run(self) -> None:
        while not self.closed or self.pending or self.prepared:
            self._take(block=not self.pending and not self.prepared)
            if not self.prepared:
                if not self.pending:
                    continue
                self._prepare_next()
            ids, batch = self.prepared[0]
            if batch is not None and not self._store(ids, batch, wait=False):
                if self.pending and len(self.prepared) < PREPARE_AHEAD:
                    self._prepare_next()
                    continue
                self._store(ids, batch, wait=True)
            self.prepared.popleft()

    def _take(self, block: bool) -> None:
        """Move submitted ids into ``pending`` (waiting for some when ``block``)."""
        while not self.closed:
            try:
                item = self.tasks.get(block=block)
            except queue.Empty:
                return
            block = False
            if item is None:
                self.closed = True
            else:
                self.pending.extend(item)

    def _prepare_next(self) -> None:
        ids, self.pending = self.pending[:ENRICH_BATCH], self.pending[ENRICH_BATCH:]
        unsaved: dict[str, str] = {}
        for _, earlier in self.prepared:
            if earlier is not None:
                unsaved.update(earlier.state)
        try:
            batch: PreparedBatch | None = prepare_batch(self.library, ids, self.settings, unsaved)
        except Exception as exc:
            batch = None
            self.results.put(("enriched", len(ids), [_failure(ids, exc)]))
        self.prepared.append((ids, batch))

    def _store(self, ids: list[int], batch: PreparedBatch, wait: bool) -> bool:
        """Store a prepared batch and report it; False when the lock was taken (not waiting)."""
        try:
            if not store_batch(self.library, batch, self.settings, wait=wait):
                return False
            errors: list[str] = []
        except Exception as exc:
            errors = [_failure(ids, exc)]
        self.results.put(("enriched", len(ids), errors))
        return True


class ProcessEnricher:
    """A child process enriching the ids given to :meth:`submit`, in that order.

    Its messages are put on ``inbox`` as ``("enriched", (count, errors))`` and, if
    it ends without finishing its work, ``("enrich-lost", message)``.
    """

    def __init__(self, path: Path, settings: Settings, inbox: queue.Queue) -> None:
        context = multiprocessing.get_context("spawn")
        self._tasks: multiprocessing.Queue = context.Queue()
        self._results: multiprocessing.Queue = context.Queue()
        self._inbox = inbox
        self.outstanding = 0
        #: Peak RSS of the child in KiB, once it has finished.
        self.peak_kb = 0
        self._closed = False
        self._process = context.Process(
            target=_child,
            args=(str(path), settings, self._tasks, self._results),
            name="newsreader-enrich",
            daemon=True,
        )
        self._process.start()
        self._forwarder = threading.Thread(
            target=self._forward, name="newsreader-enrich-results", daemon=True
        )
        self._forwarder.start()

    def submit(self, ids: list[int]) -> None:
        """Queue ids for enrichment (after everything submitted before)."""
        if ids:
            self.outstanding += len(ids)
            self._tasks.put(list(ids))

    def close(self) -> None:
        """No more ids: the child ends once it has enriched everything queued."""
        if not self._closed:
            self._closed = True
            self._tasks.put(None)

    def done(self, count: int) -> None:
        """Count ``count`` ids as handled (enriched or reported lost)."""
        self.outstanding = max(0, self.outstanding - count)

    def finish(self, timeout: float = 10.0) -> None:
        """Wait for the child to exit (after :meth:`close`); stop it when it will not."""
        self.close()
        self._process.join(timeout)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout)
        self._forwarder.join(timeout)

    def stop(self) -> None:
        """End the child now (an interrupted refresh): its open batch is rolled back."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(10.0)

    def _forward(self) -> None:
        while True:
            try:
                kind, count, errors = self._results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if self._process.is_alive():
                    continue
                try:  # the last messages may land just after the exit
                    kind, count, errors = self._results.get(timeout=_POLL_SECONDS)
                except queue.Empty:
                    code = self._process.exitcode
                    self._inbox.put(("enrich-lost", f"enrichment process ended (exit code {code})"))
                    return
            if kind == "finished":
                self.peak_kb = int(errors[0])
                self._inbox.put(("enrich-finished", None))
                return
            self._inbox.put(("enriched", (count, errors)))
