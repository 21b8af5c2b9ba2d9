"""The early paint (tui.early_paint): the first view on the terminal before Textual loads.

The real ``newsreader`` command runs on a pseudo-terminal read through a VT emulator
(pyte). A first start has no style cache: nothing is painted early, and Textual's
first frame leaves the styles for the next start. The next start paints the topic bar,
the list and the key hints itself (one synchronized update written before Textual's
first byte), and Textual's first frame then finds every one of those cells as it
draws it: character, colours and attributes, in truecolor, 256 colours, 16 colours,
NO_COLOR and on a monochrome terminal (vt100), at 80x24 and 120x40. Keys typed
meanwhile reach the reader in order; Ctrl-C meanwhile gives the terminal back;
another size or colour system paints nothing.
"""

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
import threading
import time
from pathlib import Path

import pytest
from reader_support import ARTICLES

pyte = pytest.importorskip("pyte")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

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


def _env(colours: str) -> dict[str, str]:
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
    ) -> None:
        self.columns, self.lines = size
        self.fd, child = os.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", self.lines, self.columns, 0, 0))
        #: The tty's modes before the reader started.
        self.initial = termios.tcgetattr(child)
        newsreader = str(Path(sys.executable).with_name("newsreader"))
        held = [sys.executable, "-c", HOLDING_TEXTUAL, str(hold)] if hold else []
        self.process = subprocess.Popen(
            [*held, newsreader, "--library", str(library)],
            stdin=child,
            stdout=child,
            stderr=child,
            env=env,
            start_new_session=True,
            preexec_fn=_take_terminal,
        )
        os.close(child)
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

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.fd)


NEWEST, OLDEST = ARTICLES[0][0][:20], ARTICLES[-1][0][:20]


def _first_start(library: Path, size: tuple[int, int], env: dict[str, str]) -> None:
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


def _painted(
    library: Path, size: tuple[int, int], env: dict[str, str], hold: Path | None = None
) -> tuple[Reader, int]:
    """A second start, its early paint read (and where it ends in what was written);
    with ``hold``, Textual loads once a byte is written to that FIFO."""
    _first_start(library, size, env)
    reader = Reader(library, size, env, hold)
    try:
        painted = reader.read_until(UPDATE_END)
        assert reader.seen.startswith(PAINT_START), bytes(reader.seen[:80])
    except BaseException:
        reader.close()
        raise
    return reader, painted


@pytest.mark.parametrize("colours", list(COLOURS))
@pytest.mark.parametrize("size", list(SIZES))
def test_textual_draws_what_the_early_paint_drew(
    library_path: Path, isolated_home: Path, size: str, colours: str
) -> None:
    reader, painted = _painted(library_path, SIZES[size], _env(colours))
    try:
        shown = "\n".join(reader.screen.display)
        assert NEWEST in shown and OLDEST in shown and " 1 " in reader.screen.display[0], shown
        early = reader.cells()
        # Textual's first frame sends only what differs from the paint (nothing, with the
        # article pane hidden): a j after it shows that it has been drawn, and changes
        # only the list's first two rows.
        os.write(reader.fd, b"j")
        moved = painted
        while reader.screen.buffer[3][4] == early[(4, 3)]:  # the cursor on the second row
            moved = reader.read_until(UPDATE_END, moved)
        textual = reader.cells()
        differ = [
            (at, early[at], textual[at])
            for at in early
            if early[at] != textual[at] and at[1] not in (2, 3)
        ]
        assert not differ, differ[:5]
        for y in (2, 3):  # the same rows, in the styles of the rows around them
            row = [x for x, at_y in early if at_y == y]
            assert [textual[(x, y)].data for x in row] == [early[(x, y)].data for x in row]
        # The rows painted are not sent again (the oldest title is shown in the list only).
        assert OLDEST.encode() not in reader.seen[painted:moved]
        reader.quit()
    finally:
        reader.close()


def test_keys_typed_during_the_early_paint_reach_the_reader(
    library_path: Path, isolated_home: Path
) -> None:
    reader, painted = _painted(library_path, (120, 40), _env("256"))
    try:
        os.write(reader.fd, b"jj\r")  # two down, then Enter (a CR, as a terminal sends it)
        at = reader.frame_showing(painted, "esc  list")  # an article is open
        while not (title := reader.screen.display[1].partition("▊")[2].strip()):
            at = reader.frame_showing(at, "esc  list")  # its pane drawn
        assert title.startswith(ARTICLES[2][0][:20]), title  # the third: both j, then Enter
        reader.quit()
    finally:
        reader.close()


def test_ctrl_c_during_the_early_paint_gives_the_terminal_back(
    library_path: Path, isolated_home: Path
) -> None:
    reader, painted = _painted(library_path, (120, 40), _env("256"))
    try:
        before = reader.initial
        assert termios.tcgetattr(reader.fd)[3] & termios.ECHO == 0  # the paint's: no echo
        os.write(reader.fd, b"\x03")
        # Before Textual has the terminal Ctrl-C ends the start; once it has, it is a key
        # (Textual says how to quit), and q quits.
        deadline = time.monotonic() + PATIENCE
        while reader.process.poll() is None and b"to quit the app" not in reader.seen:
            reader.before(deadline, "Ctrl-C")
            with contextlib.suppress(AssertionError):
                reader._read(deadline, "the end")
        interrupted = reader.process.poll() is not None
        if not interrupted:
            reader.quit()
        reader.wait()
        assert b"\x1b[?1049l" in reader.seen[painted:]  # the alternate screen left
        if interrupted:  # as the command line ends a command cut short by Ctrl-C
            assert reader.process.returncode == 1
            assert reader.seen.endswith(b"\r\nAborted!\r\n"), bytes(reader.seen[-80:])
        after = termios.tcgetattr(reader.fd)
        assert after[3] & (termios.ECHO | termios.ICANON) == before[3] & (
            termios.ECHO | termios.ICANON
        )
        assert after[0] == before[0]  # CR to NL and flow control as they were
    finally:
        reader.close()


def _stopped(pid: int) -> bool:
    """Wait until the process ``pid`` stops (True) or ends (False)."""
    found: list[int] = []
    # A process on a terminal of its own session (an orphaned group) ignores a SIGTSTP it
    # does not handle: a thread waits for the stop, so that then the test fails, not hangs.
    waiting = threading.Thread(
        target=lambda: found.append(os.waitpid(pid, os.WUNTRACED)[1]), daemon=True
    )
    waiting.start()
    waiting.join(PATIENCE)
    return bool(found) and os.WIFSTOPPED(found[0])


def test_ctrl_z_during_the_early_paint_suspends_and_fg_paints_again(
    library_path: Path, isolated_home: Path, tmp_path: Path
) -> None:
    hold = tmp_path / "hold"
    os.mkfifo(hold)
    reader, painted = _painted(library_path, (120, 40), _env("256"), hold)
    try:
        os.write(reader.fd, b"\x1a")  # Ctrl-Z while Textual is still held back
        assert _stopped(reader.process.pid), "Ctrl-Z did not stop the reader"
        stopped = reader.read_until(b"\x1b[?1049l", painted)  # the alternate screen left
        now = termios.tcgetattr(reader.fd)
        modes = termios.ECHO | termios.ICANON
        assert now[3] & modes == reader.initial[3] & modes  # echo and line editing back
        assert now[0] == reader.initial[0]
        os.kill(reader.process.pid, signal.SIGCONT)  # fg
        again = reader.read_until(UPDATE_END, reader.read_until(PAINT_START, stopped))
        assert termios.tcgetattr(reader.fd)[3] & termios.ECHO == 0
        shown = "\n".join(reader.screen.display)
        assert NEWEST in shown and OLDEST in shown, shown
        with open(hold, "wb") as fifo:  # Textual loads, takes the terminal and draws
            fifo.write(b"go")
        os.write(reader.fd, b"j")
        at = again
        while reader.screen.buffer[3][4].bg == reader.screen.buffer[4][4].bg:  # the cursor on row 2
            at = reader.read_until(UPDATE_END, at)
        reader.quit()
        assert reader.process.returncode == 0
        assert termios.tcgetattr(reader.fd)[3] & modes == reader.initial[3] & modes
    finally:
        reader.close()


@pytest.mark.parametrize(
    ("then_size", "then_colours"), [((80, 24), "256"), ((120, 40), "no-color"), ((120, 40), "16")]
)
def test_no_early_paint_for_another_size_or_colour_system(
    library_path: Path, isolated_home: Path, then_size: tuple[int, int], then_colours: str
) -> None:
    _first_start(library_path, (120, 40), _env("256"))
    reader = Reader(library_path, then_size, _env(then_colours))
    try:
        reader.frame_showing(0, NEWEST, OLDEST)
        assert not reader.seen.startswith(PAINT_START)
        reader.quit()
    finally:
        reader.close()


def test_nothing_is_painted_without_a_terminal(library_path: Path) -> None:
    newsreader = str(Path(sys.executable).with_name("newsreader"))
    done = subprocess.run(
        [newsreader, "--library", str(library_path)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=PATIENCE,
        env=_env("256"),
    )
    assert done.returncode == 0, done.stderr
    assert b"\x1b" not in done.stdout + done.stderr
    assert NEWEST.encode() in done.stdout
