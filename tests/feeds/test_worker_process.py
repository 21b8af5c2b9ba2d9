"""Feeds are parsed and pages extracted in a worker process beside the storing one.

The worker is a process of its own; the articles and summaries it makes are the
ones the fetching process makes itself (``[library] worker_processes = 0``); a worker that
dies costs only the work it had, and the next work gets a new worker; a worker
writes nothing to the terminal (the reader's screen) and exits on its own when
its fetching process is killed.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from feedtools import rss
from test_pipeline import items, teaser_items

from newsreader.config import LibrarySettings, Settings
from newsreader.feeds import fetch_feeds
from newsreader.ingest.worker import Worker, WorkerDied, available_cores
from newsreader.models import ArticleQuery
from newsreader.store import Library
from newsreader.summaries import cached_summary

needs_two_cores = pytest.mark.skipif(
    available_cores() < 2, reason="one core: parsing stays in the fetching process"
)


def stored(library: Library) -> list[tuple[object, ...]]:
    """Every article with its topics, story and summary as the reader shows them."""
    rows = library.list_articles(ArticleQuery(), limit=100)
    found = []
    for row in rows:
        a = library.get_article(row.id)
        assert a is not None
        summary = cached_summary(library, a, None, Settings().summary.sentences)
        assert summary is not None  # made during the fetch, not left for the reader
        sentences = tuple(sentence.text for sentence in summary.sentences)
        found.append((a.title, a.text, a.url, a.topics, sentences, a.story_id is not None))
    return sorted(found)


def test_a_worker_process_stores_what_the_fetching_process_would(
    tmp_path: Path, feed_server
) -> None:
    full = feed_server.add("/full.xml", rss("Full", items("Full", 6)))
    teasers = feed_server.add("/t.xml", rss("T", teaser_items(feed_server, "t", 3)))
    results = []
    for processes in (1, 0):
        with Library(tmp_path / f"{processes}.sqlite") as library:
            library.add_feed(full, "Full", topics=("harbour",))
            library.add_feed(teasers, "Teasers")
            settings = replace(Settings(), library=LibrarySettings(worker_processes=processes))
            report = fetch_feeds(library, settings)
            assert (report.new, report.pages) == (9, 3)
            results.append(stored(library))
    assert results[0] == results[1]
    assert len(results[0]) == 9


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"  # a zombie has ended


@needs_two_cores
def test_a_worker_that_dies_costs_its_work_and_the_next_work_gets_a_new_one() -> None:
    async def run() -> tuple[int, int]:
        worker = Worker(1)
        try:
            first = await worker.run(os.getpid)
            with pytest.raises(WorkerDied):
                await worker.run(os._exit, 3)
            return first, await worker.run(os.getpid)
        finally:
            worker.close()

    first, second = asyncio.run(run())
    assert os.getpid() not in (first, second)  # work is done in another process
    assert first != second  # ... and in a new one after the first died


CHILD = """
import asyncio, os, sys
from newsreader.ingest.worker import Worker
async def main():
    worker = Worker(1)
    print(await worker.run(os.getpid), flush=True)
    await worker.run(os.write, 2, b"worker noise")  # the reader's screen may be there
    await worker.run(os.write, 1, b"worker noise")
    os._exit(9)  # the fetching process killed: nothing closes the worker
asyncio.run(main())
"""


CAPTURED_STDERR = """
import asyncio, os, sys
from newsreader.ingest.worker import Worker
class Captured:  # what a TUI puts in sys.stderr while it runs: no descriptor
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1
sys.stderr = Captured()
async def main():
    worker = Worker(1)
    try:
        print(await worker.run(os.getpid) != os.getpid(), flush=True)
    finally:
        worker.close()
asyncio.run(main())
"""


@needs_two_cores
def test_a_worker_starts_while_stderr_has_no_descriptor() -> None:
    child = subprocess.run(
        [sys.executable, "-c", CAPTURED_STDERR],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (child.returncode, child.stdout.strip()) == (0, "True"), child.stderr


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@needs_two_cores
def test_a_worker_writes_nothing_out_and_exits_when_its_process_is_killed() -> None:
    child = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, check=False
    )
    assert child.returncode == 9, child.stderr
    assert "noise" not in child.stdout + child.stderr
    worker = int(child.stdout.split()[0])
    deadline = time.monotonic() + 60
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)  # waiting for the orphan to notice, with a generous bound
    assert not _alive(worker)
