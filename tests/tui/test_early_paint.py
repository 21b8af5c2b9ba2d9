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
import os
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest
from early_paint_support import (  # skips the module without pyte
    COLOURS,
    NEWEST,
    OLDEST,
    PAINT_START,
    PATIENCE,
    SIZES,
    UPDATE_END,
    Reader,
    colour_env,
    first_start,
    second_start,
)
from reader_support import ARTICLES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


@pytest.mark.parametrize("colours", list(COLOURS))
@pytest.mark.parametrize("size", list(SIZES))
def test_textual_draws_what_the_early_paint_drew(
    library_path: Path, isolated_home: Path, size: str, colours: str
) -> None:
    reader, painted = second_start(library_path, SIZES[size], colour_env(colours))
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
    reader, painted = second_start(library_path, (120, 40), colour_env("256"))
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
    reader, painted = second_start(library_path, (120, 40), colour_env("256"))
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


def test_ctrl_z_during_the_early_paint_suspends_and_fg_paints_again(
    library_path: Path, isolated_home: Path, tmp_path: Path
) -> None:
    hold = tmp_path / "hold"
    os.mkfifo(hold)
    reader, painted = second_start(library_path, (120, 40), colour_env("256"), hold, job_shell=True)
    try:
        os.write(reader.fd, b"\x1a")  # Ctrl-Z while Textual is still held back
        assert reader.stopped(), "Ctrl-Z did not stop the reader"
        stopped = reader.read_until(b"\x1b[?1049l", painted)  # the alternate screen left
        now = termios.tcgetattr(reader.fd)
        modes = termios.ECHO | termios.ICANON
        assert now[3] & modes == reader.initial[3] & modes  # echo and line editing back
        assert now[0] == reader.initial[0]
        reader.fg()
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


def test_ctrl_z_during_the_early_paint_is_let_go_where_nothing_could_resume_it(
    library_path: Path, isolated_home: Path, tmp_path: Path
) -> None:
    """The reader as its session's leader (``ssh -t host newsreader``): stopped, it would
    stay stopped, so the paint's Ctrl-Z is let go and the reader goes on."""
    hold = tmp_path / "hold"
    os.mkfifo(hold)
    reader, painted = second_start(library_path, (120, 40), colour_env("256"), hold)
    try:
        os.write(reader.fd, b"\x1a")  # Ctrl-Z while Textual is still held back
        # Textual loads, takes the terminal and draws (a reader stopped by the Ctrl-Z would
        # never open the FIFO: the wait for its frames below fails, not this write).
        threading.Thread(target=hold.write_bytes, args=(b"go",), daemon=True).start()
        os.write(reader.fd, b"j")
        at = painted
        while reader.screen.buffer[3][4].bg == reader.screen.buffer[4][4].bg:  # the cursor on row 2
            at = reader.read_until(UPDATE_END, at)
        assert b"\x1b[?1049l" not in reader.seen  # the terminal was never given back
        assert os.waitpid(reader.process.pid, os.WNOHANG | os.WUNTRACED) == (0, 0)
        reader.quit()
        assert reader.process.returncode == 0
    finally:
        reader.close()


@pytest.mark.parametrize(
    ("then_size", "then_colours"), [((80, 24), "256"), ((120, 40), "no-color"), ((120, 40), "16")]
)
def test_no_early_paint_for_another_size_or_colour_system(
    library_path: Path, isolated_home: Path, then_size: tuple[int, int], then_colours: str
) -> None:
    first_start(library_path, (120, 40), colour_env("256"))
    reader = Reader(library_path, then_size, colour_env(then_colours))
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
        env=colour_env("256"),
    )
    assert done.returncode == 0, done.stderr
    assert b"\x1b" not in done.stdout + done.stderr
    assert NEWEST.encode() in done.stdout
