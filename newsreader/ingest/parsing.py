"""Parsing feeds and extracting pages, in a process of their own beside the storing one.

Both are CPU work on bytes already fetched (feedparser, the HTML walker, the
text cleaning, trafilatura). In a refresh the process that stores and enriches
keeps one core busy, so a :class:`ParseWorker` runs this work in one worker
process on the other core (``[feeds] parse_processes``; 0, or a machine with
one core, runs it in a thread of the fetching process instead). The worker
starts on the first document to parse, so a refresh where every feed answers
304 starts none. It is handed bytes and plain values and never opens the
library: a worker that dies (a document crashing a C parser, say) costs only
the work it had, which is tried once more in a new worker and then fails with
a line saying so. The worker ignores Ctrl-C (the fetching process stops it)
and exits on its own when the fetching process is gone.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from newsreader.models import NewArticle

if TYPE_CHECKING:
    from newsreader.feeds.parse import ParsedFeed
    from newsreader.text import PageText

T = TypeVar("T")

#: How often the worker looks whether the process that started it is still there.
_PARENT_CHECK_SECONDS = 1.0


class WorkerDied(RuntimeError):
    """The parsing process stopped while it had this work (twice)."""


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


class ParseWorker:
    """Runs parsing work in a worker process (or in a thread when ``processes`` is 0).

    Use from one asyncio loop; :meth:`close` when the refresh ends.
    """

    def __init__(self, processes: int) -> None:
        self.processes = processes if available_cores() > 1 else 0
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False

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
                if self._pool is pool:  # the first to see it starts the next worker
                    self._pool = None
                    pool.shutdown(wait=False, cancel_futures=True)
                if attempt == 2 or self._closed:
                    break
        raise WorkerDied("the parsing process stopped while working on it")

    def _worker(self) -> Executor:
        if self._closed:
            raise WorkerDied("the refresh is over")
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_started,
                initargs=(os.getpid(),),
            )
        return self._pool

    def close(self) -> None:
        """Stop the worker: what it is doing is finished, what waits is dropped."""
        self._closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _worker_started(parent: int) -> None:
    """In the worker: leave Ctrl-C to the fetching process, and end when it is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="newsreader-parent-watch", daemon=True).start()
