"""tui.wire.ScreenDiff: the terminal shows exactly what Textual drew, for fewer bytes.

Frames are written the way Textual writes them (a cursor move per line, each run of
text with its whole style and a reset, inside synchronized-output marks). Each frame
goes to two terminal emulators (pyte): one gets Textual's bytes, the other the
diffed ones; after every frame both screens must hold the same characters in the
same styles, and the diffed stream must be smaller once the screen is drawn.
"""

from __future__ import annotations

import random

import pyte
import pytest

from tui.wire import PLAIN, SYNC_END, SYNC_START, ScreenDiff, apply_sgr, sgr_between

COLUMNS, LINES = 40, 12
STYLES = ["1;38;5;253;48;5;233", "38;5;246;48;5;233", "7;38;5;23;48;5;16", "3;4;38;2;1;120;212"]
STYLES += ["", "1", "2;9", "97;107", "38;5;214;48;5;58"]
WORDS = ["harbour", "a", "", "漢字", "字", "e\u0301cole", "│", "╭─", "★", "   ", "end.", "x" * 15]


def textual_row(rng: random.Random) -> str:
    """One line as Textual writes it: each run of text with its whole style and a reset."""
    out = []
    width = 0
    while True:
        word = rng.choice(WORDS)
        cells = sum(2 if ord(c) > 0x3000 else 0 if c == "\u0301" else 1 for c in word)
        if width + cells > COLUMNS:
            break
        style = rng.choice(STYLES)
        out.append(f"\x1b[{style}m{word}\x1b[0m" if style else word)
        width += cells
    return "".join(out)


def textual_frame(lines: list[str], rows: list[int]) -> str:
    """A repaint of ``rows``: a cursor move per line, never a line feed on the last one."""
    out = [SYNC_START]
    for y in rows:
        out.append(f"\x1b[{y + 1};1H{lines[y]}")
        if y != rows[-1]:
            out.append("\n")
    out.append(f"\x1b[{LINES};1H")
    out.append(SYNC_END)
    return "".join(out)


def cells(screen: pyte.Screen) -> list[list[tuple[object, ...]]]:
    return [
        [
            (c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.strikethrough, c.reverse)
            for c in (screen.buffer[y][x] for x in range(COLUMNS))
        ]
        for y in range(LINES)
    ]


@pytest.mark.parametrize("seed", range(12))
def test_the_diffed_screen_is_the_screen_textual_drew(seed: int) -> None:
    rng = random.Random(seed)
    plain, diffed = pyte.Screen(COLUMNS, LINES), pyte.Screen(COLUMNS, LINES)
    feed_plain, feed_diffed = pyte.Stream(plain), pyte.Stream(diffed)
    diff = ScreenDiff(lambda: (COLUMNS, LINES))
    diff.forget()
    sent = written = 0
    lines = [textual_row(rng) for _ in range(LINES)]
    frames = [textual_frame(lines, list(range(LINES)))]  # the whole screen, then repaints
    for _ in range(30):  # of a few lines or all of them, one or two of them changed
        for y in rng.sample(range(LINES), rng.randint(1, 2)):
            lines[y] = textual_row(rng)
        frames.append(textual_frame(lines, sorted(rng.sample(range(LINES), rng.randint(2, LINES)))))
    for number, frame in enumerate(frames):
        chunks = [SYNC_START, frame[len(SYNC_START) : -len(SYNC_END)], SYNC_END]
        out = "".join(diff.encode(chunk) for chunk in chunks)
        feed_plain.feed(frame)
        feed_diffed.feed(out)
        assert cells(diffed) == cells(plain), f"frame {number} differs"
        if number:
            sent, written = sent + len(out), written + len(frame)
    assert sent < written / 2


def test_a_frame_drawing_what_is_shown_sends_nothing() -> None:
    diff = ScreenDiff(lambda: (COLUMNS, LINES))
    diff.forget()
    frame = "\x1b[3;5H\x1b[1;38;5;253;48;5;233mSame row\x1b[0m\x1b[38;5;246;48;5;233m 2h\x1b[0m"
    assert diff.encode(SYNC_START) == ""
    assert "Same row" in diff.encode(frame)
    assert diff.encode(SYNC_END) == SYNC_END
    assert [diff.encode(chunk) for chunk in (SYNC_START, frame, SYNC_END)] == ["", "", ""]


def test_one_changed_cell_is_sent_alone() -> None:
    diff = ScreenDiff(lambda: (COLUMNS, LINES))
    diff.forget()
    diff.encode("\x1b[1;1H\x1b[1;38;5;253;48;5;233m● Harbour city opens a library\x1b[0m")
    out = diff.encode("\x1b[1;1H\x1b[1;38;5;253;48;5;233m  Harbour city opens a library\x1b[0m")
    assert out == "\x1b[1G "  # back to the first column, same style: one cell


def test_runs_after_a_style_left_open_are_drawn_over_it() -> None:
    # Textual's runs each end with a reset; a style left open before a cursor move
    # applies to the runs after it, which then differ from the same runs drawn plain.
    plain, diffed = pyte.Screen(COLUMNS, LINES), pyte.Screen(COLUMNS, LINES)
    diff = ScreenDiff(lambda: (COLUMNS, LINES))
    diff.forget()
    runs = "\x1b[38;5;214mab\x1b[0m\x1b[48;5;58m│\x1b[0m"
    for frame in (f"\x1b[2;3H{runs}", f"\x1b[4m\x1b[2;3H{runs}", f"\x1b[2;3H{runs}"):
        pyte.Stream(plain).feed(frame)
        pyte.Stream(diffed).feed(diff.encode(frame))
        assert cells(diffed) == cells(plain)
    assert diff.encode(f"\x1b[2;3H{runs}") == ""


def test_what_it_does_not_follow_is_passed_on_and_the_screen_forgotten() -> None:
    diff = ScreenDiff(lambda: (COLUMNS, LINES))
    diff.forget()
    frame = "\x1b[1;1H\x1b[1mtitle\x1b[0m"
    diff.encode(frame)
    assert diff.encode("\x1b[2J") == "\x1b[2J"  # a clear: passed on
    assert "title" in diff.encode(frame)  # and the next frame is sent whole
    assert diff.encode("\x1b[?1049h") == "\x1b[?1049h"
    assert "title" in diff.encode(frame)
    assert diff.encode("\x1b]52;c;aGk=\x07") == "\x1b]52;c;aGk=\x07"  # the clipboard
    assert diff.encode(frame) == ""  # an OSC leaves the screen as it was


def test_a_line_feed_at_the_bottom_scrolls_as_it_would() -> None:
    plain, diffed = pyte.Screen(COLUMNS, LINES), pyte.Screen(COLUMNS, LINES)
    diff = ScreenDiff(lambda: (COLUMNS, LINES))
    diff.forget()
    frame = f"\x1b[{LINES};1Hbottom\n\x1b[1;1Htop"
    for _ in range(2):
        pyte.Stream(plain).feed(frame)
        pyte.Stream(diffed).feed(diff.encode(frame))
        assert plain.display == diffed.display


def test_a_resized_terminal_is_drawn_whole() -> None:
    size = [COLUMNS, LINES]
    diff = ScreenDiff(lambda: (size[0], size[1]))
    diff.forget()
    frame = "\x1b[1;1H\x1b[1mtitle\x1b[0m"
    diff.encode(frame)
    size[0] = 60
    assert "title" in diff.encode(frame)


def test_styles() -> None:
    bold_blue = apply_sgr(PLAIN, "1;38;5;21;48;2;1;2;3")
    assert bold_blue == (frozenset({"1"}), "38;5;21", "48;2;1;2;3")
    assert apply_sgr(bold_blue, "22;39") == (frozenset(), None, "48;2;1;2;3")
    assert apply_sgr(bold_blue, "0") == PLAIN
    assert sgr_between(bold_blue, bold_blue) == ""
    assert sgr_between(PLAIN, bold_blue) == "\x1b[1;38;5;21;48;2;1;2;3m"
    assert sgr_between(bold_blue, apply_sgr(bold_blue, "4")) == "\x1b[4m"
    assert sgr_between(bold_blue, PLAIN) == "\x1b[0m"
    assert sgr_between(None, PLAIN) == "\x1b[0m"
