"""The reader as a 16-colour terminal shows it, and with NO_COLOR: snapshots at 80x24 and 120x40.

The reader runs on a pseudo-terminal with ``TERM=xterm-16color`` (its own driver, the
fixed library, clock and summariser of the other tests) and a VT emulator (pyte)
reads what it wrote. Each snapshot holds the characters and, cell by cell, the
colours and attributes the terminal got, so a change of what a 16-colour user sees
shows up in review. Beside the snapshot: only the 16 colours' codes reached the
terminal, and the cursor's row differs from the row below it and its text from its
background (white on white is what issue 11 saw).
"""

from __future__ import annotations

import os
import pty
import select
import struct
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pyte = pytest.importorskip("pyte")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

HERE = Path(__file__).resolve().parent
#: Far beyond what a loaded machine takes; reached only when the screen never comes.
PATIENCE = 120.0
#: Textual asks whether the terminal has synchronized output; the answer says it has,
#: as most terminals' does, so frames are bracketed as a real terminal gets them.
SYNC_QUERY, SYNC_ANSWER = b"\x1b[?2026$p", b"\x1b[?2026;2$y"
#: Written by the child's driver each time Textual has written a frame and flushes it
#: (an OSC no terminal acts on): a snapshot is never of half a frame. The frames
#: Textual draws before it has read the answer above are not bracketed, and the
#: reader's whole first view may be one of them, so the bracket cannot say it.
FRAME_END = b"\x1b]5379;frame\x07"
SIXTEEN = {"default", "black", "red", "green", "brown", "blue", "magenta", "cyan", "white"}
SIXTEEN |= {f"bright{name}" for name in SIXTEEN - {"default"}} | {"bfightmagenta"}  # pyte's typo
#: The reader, started the way the other tests build it, on its own driver, each frame marked.
CHILD = """
import sys
sys.path.insert(0, sys.argv[2])
from reader_support import build_app
from tui.driver import ReaderDriver

class MarkingDriver(ReaderDriver):
    def flush(self):
        self.write(sys.argv[3])
        super().flush()

app = build_app(sys.argv[1])
app.driver_class = MarkingDriver
app.run()
"""


class Terminal:
    """The reader on a pty of ``columns`` x ``lines``, read through pyte."""

    def __init__(self, library: Path, columns: int, lines: int, env: dict[str, str]) -> None:
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        #: The last bytes read: a frame is whole once its synchronized update has ended.
        self.tail = b""
        argv = [sys.executable, "-c", CHILD, str(library), str(HERE), FRAME_END.decode()]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the reader on the pty
            os.execve(sys.executable, argv, env)
        import fcntl

        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, ready: Callable[[str], bool], what: str) -> None:
        """Read until ``ready(screen text)`` holds with the last frame written whole."""
        deadline = time.monotonic() + PATIENCE
        while not (self.tail.endswith(FRAME_END) and ready(self.text())):
            left = deadline - time.monotonic()
            assert left > 0, f"{what} never came:\n{self.text()}"
            if select.select([self.fd], [], [], left)[0]:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                assert chunk, f"the reader ended before {what}:\n{self.text()}"
                self.stream.feed(chunk)
                if SYNC_QUERY in chunk:  # a terminal that draws whole frames, as most do
                    os.write(self.fd, SYNC_ANSWER)
                self.tail = (self.tail + chunk)[-len(FRAME_END) :]

    def press(self, key: bytes) -> None:
        os.write(self.fd, key)

    def close(self) -> None:
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


def _cell_style(char) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    flags = "".join(
        flag for flag, on in (("b", char.bold), ("u", char.underscore), ("r", char.reverse)) if on
    )
    return char.fg, char.bg, flags


def cells(screen) -> str:  # type: ignore[no-untyped-def]
    """The screen as text, each line followed by its runs of styles, and the styles' legend."""
    legend: dict[tuple[str, str, str], str] = {}
    out = []
    for y in range(screen.lines):
        row = screen.buffer[y]
        out.append(screen.display[y].rstrip())
        runs: list[list[object]] = []
        for x in range(screen.columns):
            style = _cell_style(row[x])
            name = legend.setdefault(style, f"s{len(legend)}")
            if runs and runs[-1][0] == name:
                runs[-1][1] = int(runs[-1][1]) + 1  # type: ignore[call-overload]
            else:
                runs.append([name, 1])
        out.append("  " + " ".join(f"{name}x{count}" for name, count in runs))
    out.append("")
    out += [f"{name}: fg={fg} bg={bg} {flags}" for (fg, bg, flags), name in legend.items()]
    return "\n".join(out) + "\n"


def _env(home: Path, no_color: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "COLORTERM")}
    env.update(TERM="xterm-16color", NEWSREADER_HOME=str(home), TEXTUAL_COLOR_SYSTEM="auto")
    env.pop("NO_COLOR", None)
    if no_color:
        env["NO_COLOR"] = "1"
    return env


def _cursor_row(screen, title: str, width: int) -> int:  # type: ignore[no-untyped-def]
    """The row of the list (its first ``width`` columns) showing ``title``."""
    return next(y for y, line in enumerate(screen.display) if title[:20] in line[:width])


def _check_cursor_row(screen, y: int, x_from: int, x_to: int) -> None:  # type: ignore[no-untyped-def]
    """The cursor's row differs from the row below, and its text from its background."""
    for x in (x_from, (x_from + x_to) // 2):
        cursor, below = screen.buffer[y][x], screen.buffer[y + 1][x]
        shown = _cell_style(cursor)
        assert shown != _cell_style(below), (x, shown)
        fg, bg, flags = shown
        assert fg != bg or "r" in flags, (x, shown)


SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.mark.parametrize("no_color", [False, True], ids=["16-colours", "no-color"])
@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_the_reader_in_16_colours(
    snapshot, library_path: Path, isolated_home: Path, size: str, no_color: bool
) -> None:
    from reader_support import ARTICLES

    columns, lines = SIZES[size]
    terminal = Terminal(library_path, columns, lines, _env(isolated_home, no_color))
    try:
        newest, oldest = ARTICLES[0][0], ARTICLES[-1][0]
        wide = columns >= 100

        def ready(text: str) -> bool:
            shown = oldest[:20] in text and newest[:20] in text and " 1 " in text
            return shown and ("sentences ─╯" in text if wide else True)

        terminal.wait_for(ready, "the list, the topic bar and the article")
        screen = terminal.screen
        used = {c.fg for row in screen.buffer.values() for c in row.values()}
        used |= {c.bg for row in screen.buffer.values() for c in row.values()}
        assert used <= SIXTEEN, used - SIXTEEN  # only the 16 colours reached the terminal
        list_width = columns // 2 if wide else columns - 4
        y = _cursor_row(screen, newest, list_width)
        _check_cursor_row(screen, y, 2, list_width)
        assert cells(screen) == snapshot
        if wide:  # the article in front: the list's cursor is still where you are
            terminal.press(b"\r")
            terminal.wait_for(lambda text: "esc  list" in text, "the article's key hints")
            _check_cursor_row(screen, y, 2, columns // 2)
    finally:
        terminal.close()
