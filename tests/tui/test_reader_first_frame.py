"""The reader's first frame: the titles, the topic bar and the article at once.

The reader runs on a pseudo-terminal read through pyte (as in
``test_reader_16_colours``); every frame it writes is looked at as the
terminal shows it once the frame has ended. The first frame that shows
anything shows the whole first view: no empty list, no "Loading…" first.
"""

from __future__ import annotations

import os
import select
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from reader_support import ALGORITHMS, ARTICLES, build_app, fictional_articles, settle, wait_until

from newsreader.sample import load_samples
from newsreader.store import Library
from tui.first_view import FirstView, summary_prefs
from tui.reading import LoadView
from tui.state import Filters

pytest.importorskip("pyte")

from test_reader_16_colours import FRAME_END, PATIENCE, SYNC_ANSWER, SYNC_QUERY, Terminal

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


def _frames(terminal: Terminal, done: Callable[[str], bool]) -> list[str]:
    """The screen at the end of each frame, until one for which ``done(screen)`` holds."""
    frames: list[str] = []
    deadline = time.monotonic() + PATIENCE
    pending = b""
    while not (frames and done(frames[-1])):
        left = deadline - time.monotonic()
        assert left > 0, f"the screen expected never came:\n{terminal.text()}"
        if not select.select([terminal.fd], [], [], left)[0]:
            continue
        try:
            chunk = os.read(terminal.fd, 65536)
        except OSError:
            chunk = b""
        assert chunk, f"the reader ended:\n{terminal.text()}"
        if SYNC_QUERY in chunk:
            os.write(terminal.fd, SYNC_ANSWER)
        pending += chunk
        while FRAME_END in pending:  # feed frame by frame, looking at each one whole
            frame, _, pending = pending.partition(FRAME_END)
            terminal.stream.feed(frame + FRAME_END)
            frames.append(terminal.text())
    return frames


def _pane(screen: str) -> list[str]:
    """The article pane's lines (right of its edge, ``▊``)."""
    return [line.partition("▊")[2] for line in screen.splitlines() if "▊" in line]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_the_first_frame_shows_the_list_and_the_article_follows_whole(
    library_path: Path, isolated_home: Path, size: str
) -> None:
    columns, lines = SIZES[size]
    wide = columns >= 100
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm-256color", NEWSREADER_HOME=str(isolated_home))
    terminal = Terminal(library_path, columns, lines, env)
    try:
        if wide:
            frames = _frames(terminal, lambda screen: "sentences ─╯" in screen)
        else:
            frames = _frames(terminal, lambda screen: bool(screen.strip()))
        frames = [frame for frame in frames if frame.strip()]
    finally:
        terminal.close()
    newest, oldest = ARTICLES[0][0], ARTICLES[-1][0]
    first = frames[0]
    assert newest[:20] in first and oldest[:20] in first, first  # the list, whole
    assert " 1 " in first.splitlines()[0], first  # the topic bar
    assert "Loading" not in first, first
    if wide:  # the article's pane: empty, or the article wrapped to the pane's width
        for frame in frames:
            pane = "\n".join(_pane(frame))
            assert not pane.strip() or newest[:20] in pane, frame
        assert "sentences ─╯" in "\n".join(_pane(frames[-1])), frames[-1]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_a_first_run_says_the_samples_are_coming_from_its_first_frame(
    isolated_home: Path,
) -> None:
    library = isolated_home / "first-run.sqlite"  # nothing there yet: a first run
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm-256color", NEWSREADER_HOME=str(isolated_home))
    count = len(load_samples()[0])
    terminal = Terminal(library, 120, 40, env)
    try:
        frames = _frames(terminal, lambda screen: f"Articles {count}" in screen)
    finally:
        terminal.close()
    shown = [frame for frame in frames if frame.strip()]
    said = [pane for pane in ("\n".join(_pane(frame)).strip() for frame in shown) if pane]
    # The pane's first words, whole on one line: the samples are coming, never "empty".
    assert said[0].startswith(f"Preparing the sample library ({count} articles)…"), said[0]
    assert not any("library is empty" in frame for frame in shown)


@pytest.mark.asyncio
async def test_samples_said_to_be_coming_but_not_stored_leave_the_users_own(
    isolated_home: Path,
) -> None:
    library_path = isolated_home / "library.sqlite"
    Library(library_path).close()
    app = build_app(library_path)
    first = FirstView(library_path, summary_prefs(app.context))
    bundle = await first.wait()
    assert bundle is not None and not bundle.view.total and first.samples == len(load_samples()[0])
    with Library(library_path) as library:  # the user's own article, stored meanwhile
        library.add_articles(fictional_articles()[:1])
    app = build_app(library_path, first=first)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_until(pilot, lambda: screen.article_list.total == 1, "the user's article")
        await settle(pilot)
        assert not screen.preparing
        assert screen.article_list.border_subtitle is None  # no "preparing" left
        assert not any("sample library is ready" in str(n.message) for n in app._notifications)


@pytest.mark.asyncio
async def test_the_first_view_answers_only_the_first_job(library_path: Path) -> None:
    app = build_app(library_path)
    prefs = summary_prefs(app.context)
    first = FirstView(library_path, prefs)
    bundle = await first.wait()
    assert bundle is not None
    assert bundle.view.total == len(ARTICLES)
    assert bundle.article is not None and bundle.article.title == ARTICLES[0][0]
    assert bundle.counts  # the topic bar's
    assert first.answers(LoadView(1, Filters(), None, prefs)) is bundle
    assert first.answers(LoadView(1, Filters(unread=True), None, prefs)) is None
    assert first.answers(LoadView(1, Filters(), 5, prefs)) is None
    other = prefs.next_algorithm(ALGORITHMS)
    assert first.answers(LoadView(1, Filters(), None, other)) is None


@pytest.mark.asyncio
async def test_a_first_view_that_cannot_be_read_leaves_it_to_the_screen(
    isolated_home: Path,
) -> None:
    broken = isolated_home / "library.sqlite"
    broken.write_bytes(b"not a database\0" * 100)
    first = FirstView(broken, summary_prefs(build_app(broken).context))
    assert await first.wait() is None  # the screen's own worker reads it and says why
    assert first.answers(LoadView(1, Filters(), None, first.prefs)) is None


@pytest.mark.asyncio
async def test_a_locked_library_is_waited_for_only_as_long_as_asked(library_path: Path) -> None:
    import sqlite3

    holder = sqlite3.connect(library_path)  # another process's exclusive lock on the file
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    first = FirstView(library_path, summary_prefs(build_app(library_path).context))
    try:
        assert await first.wait(0.01) is None  # the reader opens meanwhile
    finally:
        holder.rollback()
        holder.close()
    bundle = await first.wait()  # and the view is read once the lock is gone
    assert bundle is not None and bundle.view.total == len(ARTICLES)
