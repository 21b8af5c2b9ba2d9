"""The real ``newsreader`` command on a pseudo-terminal: what it writes to the wire.

It asks for mouse clicks, the wheel and drags (``?1002h``), never for every mouse
move (``?1003h``: over SSH each move would be sent); a ``j`` in the list sends a small
change, not the screen again; ``q`` ends the process.
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
import time
from pathlib import Path

import pytest
from reader_support import write_library

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

TIMEOUT = 60.0


def _read_until(fd: int, wanted: bytes, seen: bytearray) -> None:
    """Read the pty until ``wanted`` has been written (or fail after :data:`TIMEOUT`)."""
    deadline = time.monotonic() + TIMEOUT
    while wanted not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"{wanted!r} never came; got {bytes(seen[-400:])!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            assert chunk, f"the reader ended before {wanted!r}"
            seen.extend(chunk)


def test_the_wire(isolated_home: Path) -> None:
    library = write_library(isolated_home / "library.sqlite")
    newsreader = str(Path(sys.executable).with_name("newsreader"))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", NEWSREADER_HOME=str(isolated_home))
    pid, fd = pty.fork()
    if pid == 0:  # the child: the reader on the pty
        os.execve(newsreader, [newsreader, "--library", str(library)], env)
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        seen = bytearray()
        _read_until(fd, b"sentences \xe2\x94\x80\xe2\x95\xaf", seen)  # the summary box's end
        assert b"\x1b[?1002h" in seen and b"\x1b[?1003h" not in seen
        start = len(seen)
        os.write(fd, b"j")
        _read_until(fd, b"Snow had closed the line", seen)  # the second article shown
        # The changed cells (under 1 KB here), not the list and the pane again (about 10 KB).
        assert len(seen) - start < 4000
        os.write(fd, b"q")
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                assert os.waitstatus_to_exitcode(status) == 0
                return
            # drain the pty (it closes as the reader ends); read only what is there
            if select.select([fd], [], [], 0.05)[0]:
                with contextlib.suppress(OSError):
                    os.read(fd, 65536)
        raise AssertionError("the reader did not end after q")
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
