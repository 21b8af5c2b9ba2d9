"""``newsreader`` without a terminal prints plainly and exits; with one, it ends with it."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import termios

import pyte
import pytest

from newsreader.models import ArticleQuery, NewArticle
from newsreader.store import Library

#: A safety net only: a hang shows as a failure after this long, never as a pass.
HANG = 120


def _newsreader() -> str:
    found = shutil.which("newsreader")
    assert found, "the newsreader script is not installed"
    return found


@pytest.fixture
def stored(library: Library) -> list[str]:
    """Three articles of the user's own, newest first."""
    for n in range(3):
        library.add_article(
            NewArticle(
                title=f"Harbour bulletin {n}",
                text=f"The harbour master issued bulletin {n}.",
                source_name="Gazette",
            ),
            now=1_700_000_000 + n,
        )
    return [f"Harbour bulletin {n}" for n in (2, 1, 0)]


@pytest.mark.parametrize("stdin_tty", [False, True], ids=["pipes", "output-piped"])
def test_without_a_terminal_the_newest_articles_are_printed(
    stored: list[str], library: Library, stdin_tty: bool
) -> None:
    """``ssh host newsreader`` (pipes both ways) and ``newsreader >file`` at a terminal."""
    leader, follower = pty.openpty()
    stdin = {"stdin": follower} if stdin_tty else {"input": ""}
    try:
        done = subprocess.run(
            [_newsreader()], capture_output=True, text=True, timeout=HANG, **stdin
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split("\t")[-1] for line in lines] == stored
    assert done.stderr.count("\n") == 1 and "no terminal" in done.stderr
    assert "\x1b" not in done.stdout  # plain lines, no screen drawn
    assert library.count_articles(ArticleQuery(unread=True)) == 3  # nothing opened


def test_without_a_terminal_an_empty_library_stays_empty(library: Library) -> None:
    done = subprocess.run(
        [_newsreader()],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=HANG,
    )
    assert done.returncode == 0
    assert done.stdout == ""
    assert "no articles yet" in done.stderr
    assert library.is_empty()  # no samples stored for a reader that never opened


def test_the_reader_ends_when_its_terminal_goes_away(stored: list[str]) -> None:
    """The terminal's other end closes (the ssh client is gone): the reader exits."""
    pid, fd = pty.fork()
    if pid == 0:  # the child, on the new pty
        try:
            os.execvpe(_newsreader(), [_newsreader()], {**os.environ, "TERM": "xterm-256color"})
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    screen = pyte.Screen(100, 24)
    stream = pyte.ByteStream(screen)
    pidfd = os.pidfd_open(pid)
    try:
        shown = False
        while not shown:  # the event: the reader shows the newest title
            ready, _, _ = select.select([fd, pidfd], [], [], HANG)
            assert fd in ready, "the reader drew nothing (or ended) before its first screen"
            stream.feed(os.read(fd, 1 << 16))
            shown = any(stored[0] in line for line in screen.display)
        os.close(fd)
        ended, _, _ = select.select([pidfd], [], [], HANG)
        assert ended, "the reader outlived its terminal"
    finally:
        if not select.select([pidfd], [], [], 0)[0]:
            os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(pidfd)
