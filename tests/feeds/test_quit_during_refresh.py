"""``q`` during ``r`` ends the real reader at once, whatever the server does (issue 14, item 7).

The reader runs as ``newsreader`` on a pseudo-terminal; its refresh asks a
feed on 127.0.0.1 that never answers (its deadlines are set to ten minutes),
and ``q`` must end the process while that request is still open.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from newsreader.models import NewArticle
from newsreader.store import Library

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
#: Ceiling of each wait: far under the feed's ten-minute deadlines.
CEILING = 120.0
TEXT = "The lock keepers of the fictional canal at Brill painted the gates green in May. " * 6


def _read_until(fd: int, done: Callable[[bytes], bool]) -> bool:
    """Read the pty (so the reader never blocks writing) until ``done(what was read)``."""
    seen = bytearray()
    deadline = time.monotonic() + CEILING
    while not done(bytes(seen)) and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the reader closed its side
                chunk = b""
            if not chunk:
                break
            seen.extend(chunk)
    return done(bytes(seen))


def _wait_exit(pid: int, fd: int) -> int | None:
    """The reader's exit status, or None if it still runs after :data:`CEILING`."""
    deadline = time.monotonic() + CEILING
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if select.select([fd], [], [], 0.05)[0]:  # the pty closes as the reader ends
            with contextlib.suppress(OSError):
                os.read(fd, 65536)
    return None


def test_q_during_a_refresh_ends_the_reader_while_the_server_still_holds_it(
    feed_server, isolated_home: Path
) -> None:
    asked, release = threading.Event(), threading.Event()

    def never_answers(request) -> None:
        asked.set()
        release.wait(600)

    library_file = isolated_home / "library.sqlite"
    with Library(library_file) as library:
        library.add_feed(feed_server.handle("/silent.xml", never_answers), "Silent")
        library.add_article(NewArticle(title="Green gates", text=TEXT, source_name="Brill"))
    config = isolated_home / "quit-config.toml"
    config.write_text(
        "[feeds]\nread_timeout = 600\nconnect_timeout = 600\nrequest_seconds = 600\n"
        "run_seconds = 600\nfeed_seconds = 600\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", NEWSREADER_HOME=str(isolated_home))
    env["NEWSREADER_CONFIG"] = str(config)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the reader on the pty
        os.execve(NEWSREADER, [NEWSREADER, "--library", str(library_file)], env)
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        assert _read_until(fd, lambda seen: b"Green gates" in seen), "no list shown"
        os.write(fd, b"r")
        assert _read_until(fd, lambda _seen: asked.is_set()), "the refresh never asked"
        os.write(fd, b"q")
        status = _wait_exit(pid, fd)
        still_held = not release.is_set()
    finally:
        release.set()
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
    assert status == 0, "the reader did not end after q while its refresh waited"
    assert still_held  # it ended while the feed's request was still open
