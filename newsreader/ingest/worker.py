"""The CPU work of an ingest run that needs nothing but its inputs, in a process of its own.

Parsing feeds, cleaning their new entries' text, extracting pages (feedparser,
the HTML walker, trafilatura) and making summaries are pure CPU work. The
process that stores and enriches keeps one core busy, so a :class:`Worker` runs
that work in a worker process on the other core (``[library] worker_processes``;
0, or a machine with one core, runs it in a thread of the same process). The
worker starts on the first work given to it, so a refresh where every feed
answers 304 starts none. It is handed bytes and plain values; summaries are
made from the library's committed articles, which it only reads. A worker that
dies (a document crashing a C parser, say) costs only the work it had: a feed's
parse is tried once more in a new worker and then fails with a line saying so,
a summary is made by the enriching process instead. The worker ignores Ctrl-C
(its run stops it) and exits on its own when the process that started it is gone.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from newsreader.ingest.gc_threshold import raise_young_threshold
from newsreader.models import NewArticle

if TYPE_CHECKING:
    from newsreader.feeds.parse import ParsedFeed
    from newsreader.text import PageText

T = TypeVar("T")

#: How often the worker looks whether the process that started it is still there.
_PARENT_CHECK_SECONDS = 1.0
#: Offers (:meth:`Worker.offer`) outstanding at once at most; a slot of the board each.
_OFFER_SLOTS = 64
#: In the worker: the board of offers shared with the process that started it.
_BOARD: Any = None


class WorkerDied(RuntimeError):
    """The worker process stopped while it had this work (twice)."""


@dataclass(frozen=True)
class ParsedDocument:
    """A parsed feed with the articles of its entries that are new or changed."""

    parsed: ParsedFeed
    #: Entry index -> its article (None when the entry makes none), for the entries
    #: cleaned here: those not stored already with the same fingerprint.
    articles: dict[int, NewArticle | None]
    #: CPU seconds parsing took, and then making the articles.
    parse_seconds: float
    clean_seconds: float


def parse_document(
    body: bytes,
    url: str,
    content_type: str,
    max_text_chars: int,
    known: Mapping[str, str | None],
    source_name: str,
    topics: tuple[str, ...],
    clean: bool = True,
) -> ParsedDocument:
    """Parse a feed and make the articles of its entries (``known``: guid -> fingerprint).

    Entries whose guid is known with the same fingerprint are left out (they
    are unchanged); with ``clean`` False (every entry's page will be fetched)
    no article is made.
    """
    from newsreader.feeds.parse import parse_feed
    from newsreader.ingest.decide import article_from_entry, entry_hash

    started = time.thread_time()
    parsed = parse_feed(body, url, content_type, max_text_chars=max_text_chars)
    parsed_at = time.thread_time()
    articles: dict[int, NewArticle | None] = {}
    if clean:
        for index, entry in enumerate(parsed.entries):
            if entry.guid in known and known[entry.guid] == entry_hash(entry):
                continue
            articles[index] = article_from_entry(entry, source_name, topics)
    return ParsedDocument(parsed, articles, parsed_at - started, time.thread_time() - parsed_at)


def extract_page(
    body: bytes, url: str, title: str | None, author: str | None
) -> tuple[PageText, float]:
    """An article page's title and text, with the CPU seconds extracting took."""
    from newsreader.text import page_to_text

    started = time.thread_time()
    found = page_to_text(body, url, title, author)
    return found, time.thread_time() - started


def available_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


class Offer(Generic[T]):
    """Work offered to the worker that the offering process may still take back.

    The worker marks an offer begun on a board both processes share before it
    starts on it; :meth:`take_back` succeeds only while it has not, and then
    the worker skips it. So the offering process, finding the worker still busy
    with earlier work, does the work itself instead of waiting.
    """

    def __init__(self, future: Future[T | None], board: Any, slot: int, ticket: int) -> None:
        self.future = future
        self._board, self._slot, self._ticket = board, slot, ticket

    def take_back(self) -> bool:
        """True when the worker had not begun (it never will); False when it has."""
        if self.future.cancel():
            return True
        with self._board.get_lock():
            if self._board[self._slot] == self._ticket:
                self._board[self._slot] = 0
                return True
        return False

    def busy(self) -> bool:
        """True while the worker is doing it (begun, not done)."""
        return not self.future.done() and self._board[self._slot] == -self._ticket

    def result(self) -> T | None:
        """The work's result: None when the worker skipped it (its slot was reused).

        Raises what the work raised, or
        :class:`~concurrent.futures.process.BrokenProcessPool` when the worker died.
        """
        return self.future.result()


class Worker:
    """Runs work in a worker process (or in a thread when ``processes`` is 0).

    :meth:`run` from an asyncio loop, :meth:`submit` from any thread;
    :meth:`close` when the run ends.
    """

    def __init__(self, processes: int) -> None:
        self.processes = processes if available_cores() > 1 else 0
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        self._lock = threading.Lock()
        self._board: Any = None
        self._tickets = 0

    @property
    def in_process(self) -> bool:
        """True when the work is done in this process (no worker process)."""
        return self.processes == 0

    async def run(self, work: Callable[..., T], *args: Any) -> T:
        """``work(*args)`` in the worker; raises :class:`WorkerDied` if it dies twice."""
        loop = asyncio.get_running_loop()
        if self.processes == 0:
            return await loop.run_in_executor(None, work, *args)
        for attempt in (1, 2):
            pool = self._worker()
            try:
                return await loop.run_in_executor(pool, work, *args)
            except BrokenProcessPool:
                self._forget(pool)
                if attempt == 2 or self._closed:
                    break
        raise WorkerDied("the worker process stopped while working on it")

    def submit(self, work: Callable[..., T], *args: Any) -> Future[T]:
        """``work(*args)`` in the worker process, as a future (no second try).

        A future that fails with :class:`~concurrent.futures.process.BrokenProcessPool`
        means the worker died: the next work gets a new one.
        """
        pool = self._worker()
        future = pool.submit(work, *args)
        future.add_done_callback(lambda done: self._forget_if_broken(pool, done))
        return future

    def offer(self, work: Callable[..., T], *args: Any) -> Offer[T]:
        """``work(*args)`` in the worker process unless taken back before it begins."""
        pool = self._worker()
        with self._lock:
            self._tickets += 1
            ticket, slot = self._tickets, self._tickets % _OFFER_SLOTS
            self._board[slot] = ticket
        future = pool.submit(_if_not_taken_back, slot, ticket, work, args)
        future.add_done_callback(lambda done: self._forget_if_broken(pool, done))
        return Offer(future, self._board, slot, ticket)

    def _forget_if_broken(self, pool: Executor, future: Future[Any]) -> None:
        if not future.cancelled() and isinstance(future.exception(), BrokenProcessPool):
            self._forget(pool)

    def _forget(self, pool: Executor) -> None:
        with self._lock:
            if self._pool is pool:  # the first to see it starts the next worker
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)

    def _worker(self) -> Executor:
        with self._lock:
            if self._closed:
                raise WorkerDied("the run is over")
            if self.processes == 0:
                raise WorkerDied("no worker process")
            if self._pool is None:
                _start_resource_tracker()
                context = multiprocessing.get_context("spawn")
                if self._board is None:
                    self._board = context.Array("q", _OFFER_SLOTS)
                self._pool = ProcessPoolExecutor(
                    self.processes,
                    mp_context=context,
                    initializer=_worker_started,
                    initargs=(os.getpid(), self._board),
                )
            return self._pool

    def close(self) -> None:
        """Stop the worker: what waits is dropped, what it is doing is finished first.

        Waiting here costs a process nothing it would not pay at its exit, where
        Python joins the pool's threads anyway; and a pool left shutting down by
        then races that exit (Python 3.11's pool closes a pipe its exit hook may be
        writing to: "OSError: Bad file descriptor", printed after an interrupted run).
        """
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr in place.

    The tracker's start passes ``sys.stderr``'s descriptor to its process. A host
    that replaced ``sys.stderr`` with an object without one (Textual, while the
    reader runs, answers -1) makes that start fail, and with it the worker's.
    """
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    from multiprocessing import resource_tracker

    if usable:
        resource_tracker.ensure_running()
        return
    host_stderr = sys.stderr
    with open(os.devnull, "w") as nowhere:
        sys.stderr = nowhere
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = host_stderr


def _if_not_taken_back(slot: int, ticket: int, work: Callable[..., T], args: Any) -> T | None:
    """In the worker: mark the offer begun and do it, unless it was taken back (None)."""
    with _BOARD.get_lock():
        if _BOARD[slot] != ticket:
            return None
        _BOARD[slot] = -ticket
    return work(*args)


def _worker_started(parent: int, board: Any) -> None:
    """In the worker: leave Ctrl-C to the process that started it, and end when it is gone.

    Its output goes nowhere: the terminal may be the reader's screen, and all
    the worker has to say (results, errors) goes back to the process that asked.
    """
    global _BOARD
    _BOARD = board
    raise_young_threshold()  # it does nothing but such work
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    nowhere = os.open(os.devnull, os.O_WRONLY)
    for stream in (1, 2):
        os.dup2(nowhere, stream)
    os.close(nowhere)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="newsreader-parent-watch", daemon=True).start()
