"""The early paint's test terminal: the real ``newsreader`` on a pseudo-terminal,
what it writes fed to a VT emulator (pyte), as a session's leader or as a job of a
job-control shell."""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from reader_support import ARTICLES

pyte = pytest.importorskip("pyte")

#: Far beyond what a loaded machine takes; reached only when the screen never comes.
PATIENCE = 120.0
SYNC_QUERY, SYNC_ANSWER = b"\x1b[?2026$p", b"\x1b[?2026;2$y"
#: How the early paint begins (tui.early_paint.ENTER) and how a synchronized update ends.
PAINT_START = b"\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[?2026h"
UPDATE_END = b"\x1b[?2026l"
COLOURS = {
    "truecolor": {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    "256": {"TERM": "xterm-256color"},
    "16": {"TERM": "xterm-16color"},
    "no-color": {"TERM": "xterm-256color", "NO_COLOR": "1"},
    "vt100": {"TERM": "vt100"},  # no colour at all: reverse video
}
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


def colour_env(colours: str) -> dict[str, str]:
    drop = ("COLUMNS", "LINES", "NO_COLOR", "COLORTERM", "FORCE_COLOR", "TEXTUAL_COLOR_SYSTEM")
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("TEXTUAL")}
    env.update(COLOURS[colours])
    return env


#: Runs the console script ``argv[2]`` (with the arguments after it) as it runs, except
#: that Textual's modules load only once a byte is written to the FIFO ``argv[1]``: the
#: early paint (drawn before Textual is loaded) stays on the screen until then.
HOLDING_TEXTUAL = """
import runpy, sys
class Hold:
    def find_spec(self, name, path=None, target=None):
        if name.startswith("textual.") and Hold in sys.meta_path:
            sys.meta_path.remove(Hold)
            with open(hold, "rb") as fifo:
                fifo.read(1)
Hold = Hold()
hold, sys.argv = sys.argv[1], sys.argv[2:]
sys.meta_path.insert(0, Hold)
runpy.run_path(sys.argv[0], run_name="__main__")
"""


#: A shell's job control, in short: runs ``argv[3:]`` as a job (a process group of its
#: own, in the terminal's foreground) of this session's leader, says on the fd
#: ``argv[1]`` when it stops, and on a byte read from the fd ``argv[2]`` brings it back
#: to the foreground and continues it (``fg``); ends with its exit status.
JOB_SHELL = """
import os, signal, sys
report, orders, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
signal.signal(signal.SIGTTOU, signal.SIG_IGN)
pid = os.fork()
if pid == 0:
    os.setpgid(0, 0)
    os.tcsetpgrp(0, os.getpgrp())
    signal.signal(signal.SIGTTOU, signal.SIG_DFL)
    os.execv(argv[0], argv)
try:
    os.setpgid(pid, pid)
except OSError:
    pass
os.tcsetpgrp(0, pid)
while True:
    _, status = os.waitpid(pid, os.WUNTRACED)
    if not os.WIFSTOPPED(status):
        sys.exit(os.waitstatus_to_exitcode(status))
    os.tcsetpgrp(0, os.getpgrp())
    os.write(report, b"stopped")
    os.read(orders, 1)
    os.tcsetpgrp(0, pid)
    os.killpg(pid, signal.SIGCONT)
"""


def _take_terminal() -> None:
    """In the child: the pty becomes its controlling terminal, and Ctrl-C (SIGINT) gets its
    default meaning back, as in a login shell: a runner started with SIGINT ignored
    (``nohup``, a background job) passes that on, and Python then leaves SIGINT ignored."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Reader:
    """``newsreader`` on a pty of ``size``, what it wrote kept whole and fed to pyte."""

    def __init__(
        self,
        library: Path,
        size: tuple[int, int],
        env: dict[str, str],
        hold: Path | None = None,
        job_shell: bool = False,
    ) -> None:
        self.columns, self.lines = size
        self.fd, child = os.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", self.lines, self.columns, 0, 0))
        #: The tty's modes before the reader started.
        self.initial = termios.tcgetattr(child)
        newsreader = str(Path(sys.executable).with_name("newsreader"))
        held = [sys.executable, "-c", HOLDING_TEXTUAL, str(hold)] if hold else []
        #: With ``job_shell``, the reader runs as a job of :data:`JOB_SHELL`: ``stops``
        #: reads that it stopped, and a byte written to ``orders`` is its ``fg``.
        self.stops, report = os.pipe() if job_shell else (-1, -1)
        orders, self.orders = os.pipe() if job_shell else (-1, -1)
        shell = [sys.executable, "-c", JOB_SHELL, str(report), str(orders)] if job_shell else []
        self.process = subprocess.Popen(
            [*shell, *held, newsreader, "--library", str(library)],
            stdin=child,
            stdout=child,
            stderr=child,
            env=env,
            start_new_session=True,
            preexec_fn=_take_terminal,
            pass_fds=(report, orders) if job_shell else (),
        )
        os.close(child)
        for end in (report, orders):
            if end >= 0:
                os.close(end)
        self.screen = pyte.Screen(self.columns, self.lines)
        self.stream = pyte.ByteStream(self.screen)
        self.seen = bytearray()
        self._fed = 0

    def read_until(self, wanted: bytes, after: int = 0) -> int:
        """Read until ``wanted`` is written after byte ``after``; feed pyte up to its end
        (the rest is fed later) and say where that is."""
        deadline = time.monotonic() + PATIENCE
        while (found := self.seen.find(wanted, after)) < 0:
            self._read(deadline, wanted)
        end = found + len(wanted)
        self.stream.feed(bytes(self.seen[self._fed : end]))
        self._fed = max(self._fed, end)
        return end

    def _read(self, deadline: float, wanted: object) -> None:
        left = deadline - time.monotonic()
        assert left > 0, f"{wanted!r} never came; got {bytes(self.seen[-300:])!r}"
        if not select.select([self.fd], [], [], left)[0]:
            return
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            chunk = b""
        assert chunk, f"the reader ended before {wanted!r}: {bytes(self.seen[-300:])!r}"
        if SYNC_QUERY in chunk:  # a terminal that draws whole frames, as most do
            os.write(self.fd, SYNC_ANSWER)
        self.seen.extend(chunk)

    def frame_showing(self, after: int, *texts: str) -> int:
        """Read frames from byte ``after`` until one ends showing every one of ``texts``.

        Textual marks a frame's end only once it has read the terminal's answer to its
        query, and a busy start can draw its first view before that: all that was
        written showing ``texts`` ends such an unmarked frame.
        """
        deadline = time.monotonic() + PATIENCE
        while True:
            found = self.seen.find(UPDATE_END, after)
            if found >= 0:
                after = self.read_until(UPDATE_END, after)
                if self._shows(self.screen, texts):
                    return after
                continue
            scratch = pyte.Screen(self.columns, self.lines)
            pyte.ByteStream(scratch).feed(bytes(self.seen))
            if len(self.seen) > after and self._shows(scratch, texts):
                self.stream.feed(bytes(self.seen[self._fed :]))
                self._fed = len(self.seen)
                return len(self.seen)
            self._read(deadline, texts)

    @staticmethod
    def _shows(screen: object, texts: tuple[str, ...]) -> bool:
        shown = "\n".join(screen.display)  # type: ignore[attr-defined]
        return all(text in shown for text in texts)

    def cells(self) -> dict[tuple[int, int], object]:
        """Every cell the early paint may draw: the top and bottom lines and the list."""
        wide = self.columns >= 100
        list_width = max(40, self.columns // 2) if wide else self.columns
        found = {}
        for y in range(self.lines):
            for x in range(self.columns if y in (0, self.lines - 1) else list_width):
                found[(x, y)] = self.screen.buffer[y][x]
        return found

    def quit(self) -> None:
        os.write(self.fd, b"q")
        self.wait()

    def wait(self) -> None:
        deadline = time.monotonic() + PATIENCE
        while self.process.poll() is None:
            self.before(deadline, "the end")
            with contextlib.suppress(AssertionError):  # the pty ends with the reader
                self._read(deadline, "the end")
        with contextlib.suppress(OSError):  # what it wrote as it ended, kept
            while chunk := os.read(self.fd, 65536):
                self.seen.extend(chunk)

    def before(self, deadline: float, wanted: str) -> None:
        """Fail, with what the reader wrote last, once ``deadline`` is past."""
        assert time.monotonic() < deadline, (
            f"{wanted}: still running {PATIENCE} s on, after " + repr(bytes(self.seen[-600:]))
        )

    def stopped(self) -> bool:
        """Wait until the reader, a job of :data:`JOB_SHELL`, stops (True) or its shell
        ends (False)."""
        ready = select.select([self.stops], [], [], PATIENCE)[0]
        return bool(ready) and os.read(self.stops, 16) == b"stopped"

    def fg(self) -> None:
        """The job shell's ``fg``: the reader back in the foreground, continued."""
        os.write(self.orders, b"f")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.fd)
        for end in (self.stops, self.orders):
            if end >= 0:
                os.close(end)


NEWEST, OLDEST = ARTICLES[0][0][:20], ARTICLES[-1][0][:20]


def first_start(library: Path, size: tuple[int, int], env: dict[str, str]) -> None:
    """A start without a style cache: nothing is painted early; its first frame leaves one."""
    cache = Path(env["XDG_CACHE_HOME"]) / "newsreader" / "first-frame.json"
    assert not cache.exists()
    reader = Reader(library, size, env)
    try:
        at = reader.frame_showing(0, NEWEST, OLDEST)
        while " 1 " not in reader.screen.display[0]:  # the topic bar, if it came a frame later
            at = reader.frame_showing(at, NEWEST, OLDEST)
        assert not reader.seen.startswith(PAINT_START)  # no cache: no early paint
        reader.quit()
    finally:
        reader.close()
    assert cache.exists(), "the first start left no style cache"


def second_start(
    library: Path,
    size: tuple[int, int],
    env: dict[str, str],
    hold: Path | None = None,
    job_shell: bool = False,
) -> tuple[Reader, int]:
    """A second start, its early paint read (and where it ends in what was written);
    with ``hold``, Textual loads once a byte is written to that FIFO; with
    ``job_shell``, the reader runs as a job of :data:`JOB_SHELL`."""
    first_start(library, size, env)
    reader = Reader(library, size, env, hold, job_shell)
    try:
        painted = reader.read_until(UPDATE_END)
        assert reader.seen.startswith(PAINT_START), bytes(reader.seen[:80])
    except BaseException:
        reader.close()
        raise
    return reader, painted
