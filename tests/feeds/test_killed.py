"""A process killed (SIGKILL) while it enriches: the library stays whole, the next run finishes.

Real subprocesses of the CLI against feeds served from 127.0.0.1; each is
killed at a moment it announces itself (a line it prints), never after a sleep.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from feedtools import rss

from newsreader.config import Settings
from newsreader.feeds import fetch_feeds
from newsreader.models import ArticleQuery
from newsreader.store import Library
from summarize.algorithms import resolve

FEEDS, ENTRIES = 4, 40
WORDS = [
    *("harbour", "council", "ferry", "island", "storm", "pier", "school", "budget"),
    *("union", "strike", "hospital", "clinic", "railway", "station", "bridge", "river"),
    *("flood", "museum", "library", "theatre", "festival", "market", "farmers"),
]


def _feed(f: int) -> str:
    entries = []
    for n in range(ENTRIES):
        words = " ".join(WORDS[(n * 7 + k + f) % len(WORDS)] for k in range(12))
        text = " ".join(
            f"Report {f}-{n} sentence {k} says the {words.split()[k]} plan moved on {words}."
            for k in range(10)
        )
        entries.append({"title": f"Feed {f} report {n}", "guid": f"f{f}-{n}", "description": text})
    return rss(f"Feed {f}", entries)


def _serve(feed_server) -> list[str]:
    return [feed_server.add(f"/feed/{f}.xml", _feed(f)) for f in range(FEEDS)]


@contextmanager
def _cli(library: Path, *args: str) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", "from newsreader.cli import main; main()"]
        + ["--library", str(library), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=60)


def _kill_at(process: subprocess.Popen[str], wanted: str) -> str:
    """Read the process's lines until one contains ``wanted``, then SIGKILL it."""
    assert process.stdout is not None
    for line in process.stdout:
        if wanted in line:
            process.send_signal(signal.SIGKILL)
            process.wait(60)
            return line
    raise AssertionError(f"the process ended before printing {wanted!r}")


def _assert_whole(library: Library) -> tuple[int, int]:
    """Every article enriched in full or waiting in the queue; (enriched, waiting)."""
    assert library.consistency_problems() == []
    pending = set(library.pending_enrichment(limit=10_000))
    algorithm, sentences = resolve(None), Settings().summary.sentences
    for article_id, story_id in library.story_members():
        summary = library.cached_summary(article_id, algorithm, sentences)
        if article_id in pending:
            assert story_id is None, f"article {article_id} half enriched"
        else:
            assert story_id is not None and summary is not None, f"article {article_id} lost"
    total = library.count_articles(ArticleQuery())
    return total - len(pending), len(pending)


def test_enrich_killed_between_batches_is_finished_by_the_next_run(library, feed_server) -> None:
    for n, url in enumerate(_serve(feed_server)):
        library.add_feed(url, f"Feed {n}")
    assert fetch_feeds(library, Settings(), enrich=False).new == FEEDS * ENTRIES
    with _cli(library.path, "enrich") as process:
        line = _kill_at(process, " enriched, ")
    assert process.returncode == -signal.SIGKILL
    enriched, waiting = _assert_whole(library)
    assert enriched > 0 and waiting > 0, line
    with _cli(library.path, "enrich") as again:
        out, _ = again.communicate(timeout=300)
    assert again.returncode == 0, out
    assert out.splitlines()[0] == f"{waiting} articles to enrich"
    assert _assert_whole(library) == (FEEDS * ENTRIES, 0)


def test_fetch_killed_after_storing_a_feed_is_finished_by_the_next_fetch(
    library, feed_server
) -> None:
    for n, url in enumerate(_serve(feed_server)):
        library.add_feed(url, f"Feed {n}")
    with _cli(library.path, "fetch") as process:
        _kill_at(process, f"[1/{FEEDS}]")
    assert process.returncode == -signal.SIGKILL
    enriched, waiting = _assert_whole(library)
    assert enriched + waiting >= ENTRIES  # the first feed was stored
    with _cli(library.path, "fetch") as again:
        out, err = again.communicate(timeout=300)
    assert again.returncode == 0, out + err
    assert _assert_whole(library) == (FEEDS * ENTRIES, 0)
