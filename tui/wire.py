"""Sending a terminal only what changed: a shadow screen between Textual and the tty.

Textual repaints a region by writing every cell of it, each run of text with its
whole style and a reset (``ESC[1;38;5;253;48;5;233m…ESC[0m``). Over SSH that is
most of what a key costs. :class:`ScreenDiff` keeps what the terminal shows
(character and style per cell), reads what Textual writes (cursor moves, styles,
text) and sends only the cells that differ, with the style changes between them,
as curses does. Anything it does not follow (a clear, a scroll region, the
alternate screen, a hyperlink) is passed through, and the cells are forgotten, so
the next frame is sent whole: the terminal always ends up as Textual drew it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tui.cells import graphemes, one_cell_each
from tui.sgr import PLAIN, Pen, apply_sgr, sgr_between

__all__ = ["PLAIN", "SYNC_END", "SYNC_START", "Pen", "ScreenDiff", "apply_sgr", "sgr_between"]

SYNC_START = "\x1b[?2026h"
SYNC_END = "\x1b[?2026l"

_TOKENS = re.compile(
    # Most of what Textual writes: a style, a run of text, a reset (one token, one step).
    r"\x1b\[([0-9;]*)m([^\x00-\x1f\x7f\x1b]+)\x1b\[0?m"
    r"|\x1b\[([0-9;:?<>=]*)([ -/]*)([@-~])"  # CSI: parameters, intermediates, final
    r"|\x1b\](.*?)(?:\x07|\x1b\\)"  # OSC, ended by BEL or ST
    r"|\x1b[ -/]*[0-~]"  # other escape sequences
    r"|([\x00-\x1f\x7f])"  # a control character
    r"|([^\x00-\x1f\x7f\x1b]+)",  # text
    re.S,
)
#: ``match.lastindex`` of each kind of token: the last group of its alternative.
_STYLED, _CSI, _OSC, _CONTROL, _TEXT = 2, 5, 6, 7, 8
#: Private modes that change nothing on the screen (cursor shown, sync, mouse, paste...).
_HARMLESS_MODES = frozenset(
    {"?1", "?7", "?12", "?25", "?1000", "?1002", "?1003", "?1004", "?1006", "?1015", "?1016"}
    | {"?2004", "?2026", "?2048"}
)
UNKNOWN = -1
#: Unchanged cells between two changes of a run that are sent again rather than skipped.
GAP = 4


class ScreenDiff:
    """Turns what Textual writes into the changes the terminal needs.

    ``size`` returns the terminal's (columns, lines); when it changes, every cell
    is forgotten. Not thread-safe: one writer (the driver) calls :meth:`encode`.
    """

    def __init__(self, size: Callable[[], tuple[int, int]]) -> None:
        self._size = size
        self._columns = 0
        self._lines = 0
        self._chars: list[list[str]] = []
        self._pens: list[list[int]] = []
        self._pen_ids: dict[Pen, int] = {}
        self._pen_list: list[Pen] = []
        #: Where Textual's cursor is, and its style (what the next text would be drawn with).
        self._x = self._y = 0
        self._pen: Pen = PLAIN
        #: Where the terminal's cursor is and its style (None: not known).
        self._at: tuple[int, int] | None = None
        self._drawn_pen: Pen | None = None
        self._held = ""
        #: Styles after an SGR sequence, by (style before, parameters): Textual repeats a few.
        self._sgr: dict[tuple[Pen, str], Pen] = {}
        #: The style, and its id, of each SGR sequence applied to the plain style: what
        #: Textual writes before each run of text (the run ends with a reset).
        self._styled: dict[str, tuple[Pen, int]] = {}

    def forget(self) -> None:
        """The terminal's content is unknown (cleared, switched, resized)."""
        self._columns, self._lines = self._size()
        self._chars = [[""] * self._columns for _ in range(self._lines)]
        self._pens = [[UNKNOWN] * self._columns for _ in range(self._lines)]
        self._at = None
        self._drawn_pen = None

    def seed(self, cells: dict[tuple[int, int], tuple[str, Pen]]) -> None:
        """The terminal shows these one-cell characters, each in its style, at (x, y):
        written there by someone else (the early paint); the next frame sends only what
        differs from them."""
        for (x, y), (character, pen) in cells.items():
            if 0 <= y < self._lines and 0 <= x < self._columns and len(character) == 1:
                self._chars[y][x] = character
                self._pens[y][x] = self._pen_id(pen)
        self._at = None
        self._drawn_pen = None

    def shown(self, x: int, y: int) -> tuple[str, Pen] | None:
        """The character and style the terminal shows at (``x``, ``y``), None when not
        known (not drawn since the screen was forgotten, or off the screen)."""
        if not (0 <= y < self._lines and 0 <= x < self._columns):
            return None
        pen = self._pens[y][x]
        if pen == UNKNOWN:
            return None
        return self._chars[y][x], self._pen_list[pen]

    def encode(self, data: str) -> str:
        """What to send the terminal for ``data`` written by Textual."""
        if data == SYNC_START:  # held: a frame that changes nothing sends nothing
            self._held += data
            return ""
        if data == SYNC_END and self._held:
            self._held = ""
            return ""
        if self._size() != (self._columns, self._lines):
            self.forget()
        out: list[str] = []
        styled = self._styled
        for match in _TOKENS.finditer(data):
            kind = match.lastindex  # the last group matched says what the token is
            if kind == _STYLED:
                parameters, text = match.group(1, 2)
                found = styled.get(parameters) if self._pen is PLAIN else None
                if found is None:
                    self._style(parameters, "", out)
                    self._text(text, out)
                elif len(text) == 1 and (text.isascii() or one_cell_each(text)):
                    self._pen = found[0]
                    self._cell(text, found[1], out)
                else:
                    self._pen = found[0]
                    self._text(text, out)
                self._pen = PLAIN  # the reset
            elif kind == _TEXT:
                self._text(match[_TEXT], out)
            elif kind == _CSI:
                parameters, middle, final = match.group(3, 4, 5)
                if final == "H" and not middle:  # a cursor move: the next text goes there
                    row, _, column = parameters.partition(";")
                    self._y = max(0, int(row or 1) - 1)
                    self._x = max(0, int(column or 1) - 1)
                elif final == "m" and not middle:  # a style
                    self._style(parameters, match[0], out)
                else:
                    self._csi(match[0], parameters, middle, final, out)
            elif kind == _CONTROL:
                self._control(match[_CONTROL], out)
            else:
                if match.group(0).startswith("\x1b]8;"):
                    self.forget()  # a hyperlink is a style this screen does not follow
                elif not match.group(0).startswith("\x1b]"):
                    self.forget()  # ESC 7/8, ESC c...: the cursor or the screen is unknown
                out.append(match.group(0))
        sent = "".join(out)
        if sent and self._held:
            sent, self._held = self._held + sent, ""
        return sent

    # -- what Textual writes --------------------------------------------------

    def _style(self, parameters: str, whole: str, out: list[str]) -> None:
        """``ESC[{parameters}m``: the style the next text is drawn with."""
        if ":" in parameters:  # colon sub-parameters are not followed: passed on
            out.append(whole)
            self.forget()
            return
        before = self._pen
        key = (before, parameters)
        pen = self._sgr.get(key)
        if pen is None:
            if len(self._sgr) > 4096:
                self._sgr.clear()
                self._styled.clear()
            pen = self._sgr[key] = apply_sgr(before, parameters)
            if before is PLAIN and ":" not in parameters:
                self._styled[parameters] = (pen, self._pen_id(pen))
        self._pen = pen

    def _csi(self, whole: str, parameters: str, middle: str, final: str, out: list[str]) -> None:
        """A CSI sequence other than a cursor move or a style (``encode`` follows those)."""
        if final in "hl" and parameters.startswith("?"):
            modes = parameters.split(";")
            if parameters == "?25" and final == "h":
                self._move(self._x, self._y, out)  # the shown cursor goes where Textual put it
            out.append(whole)
            if any("?" + mode.lstrip("?") not in _HARMLESS_MODES for mode in modes):
                self.forget()
        elif final in "pnuc" or (final == "t" and middle == ""):
            out.append(whole)  # queries and keyboard modes: nothing on the screen moves
        else:
            out.append(whole)
            self.forget()

    def _control(self, character: str, out: list[str]) -> None:
        if character == "\n":
            if self._y >= self._lines - 1:  # at the bottom a line feed scrolls the screen
                self._move(self._x, self._y, out)
                out.append(character)
                self.forget()
            self._y = min(self._y + 1, self._lines - 1)
            self._x = 0
        elif character == "\r":
            self._x = 0
        elif character == "\x08":
            self._x = max(0, self._x - 1)
        elif character == "\x07":
            out.append(character)
        else:
            out.append(character)
            self.forget()

    def _text(self, text: str, out: list[str]) -> None:
        y = self._y
        if not 0 <= y < self._lines:
            return
        if not (text.isascii() or one_cell_each(text)):
            self._cells(graphemes(text), out)  # wide or combining characters: cell by cell
            return
        x = self._x
        end = self._x = x + len(text)
        if end > self._columns:
            end = self._columns
            text = text[: max(0, end - x)]
        if x >= end:
            return
        pen = self._pen_ids.get(self._pen)
        if pen is None:
            pen = self._pen_id(self._pen)
        chars, pens = self._chars[y], self._pens[y]
        drawn, drawn_pens = chars[x:end], pens[x:end]
        in_pen = drawn_pens.count(pen)
        if not in_pen:  # no cell is in this style yet: all of them differ, one span
            self._span(x, end, y, list(text), pen, out)
            return
        same_pen = in_pen == end - x
        # As many cells as characters: joined, they are the text only if each is one
        # character, which no empty cell (half of a wide character, or unknown) breaks.
        if same_pen and "".join(drawn) == text and "" not in drawn:
            return  # the whole run is on the screen already
        cells = list(text)
        # The cells that differ, in spans: a few equal cells between two changes are
        # sent again (they cost less than a cursor move), longer stretches are skipped.
        if same_pen:
            differ = [
                i for i, (old, new) in enumerate(zip(drawn, cells, strict=True)) if old != new
            ]
        else:
            differ = [
                i
                for i, (old, new, old_pen) in enumerate(zip(drawn, cells, drawn_pens, strict=True))
                if old != new or old_pen != pen
            ]
        start = last = differ[0]
        for i in differ:
            if i - last > GAP:
                self._span(start + x, last + 1 + x, y, cells[start : last + 1], pen, out)
                start = i
            last = i
        self._span(start + x, last + 1 + x, y, cells[start : last + 1], pen, out)

    def _cell(self, character: str, pen: int, out: list[str]) -> None:
        """One character of one cell in style ``pen``: most runs Textual writes are one
        (a space between columns, a mark, a border)."""
        y, x = self._y, self._x
        if not 0 <= y < self._lines:
            return
        self._x = x + 1
        if x >= self._columns:
            return
        if self._chars[y][x] != character or self._pens[y][x] != pen:
            self._span(x, x + 1, y, [character], pen, out)

    def _cells(self, cells: list[tuple[str, int]], out: list[str]) -> None:
        """Text with wide or combining characters (as (cell, width) pairs), cell by cell."""
        y = self._y
        pen = self._pen_id(self._pen)
        chars, pens = self._chars[y], self._pens[y]
        x = self._x
        end = x + sum(width for _, width in cells)
        self._x = end
        if (
            end <= self._columns
            and len(cells) == end - x
            and pens[x:end] == [pen] * (end - x)
            and chars[x:end] == [cell for cell, _ in cells]
        ):
            return  # the whole run is on the screen already
        for cell, width in cells:
            if x + width > self._columns:
                break
            if chars[x] != cell or pens[x] != pen or (width == 2 and pens[x + 1] != pen):
                self._draw(x, y, cell, width, pen, out)
            x += width

    # -- what the terminal gets -------------------------------------------------

    def _draw(self, x: int, y: int, cell: str, width: int, pen: int, out: list[str]) -> None:
        chars, pens = self._chars[y], self._pens[y]
        if chars[x] == "" and pens[x] != UNKNOWN and x:
            pens[x - 1] = UNKNOWN  # half of a wide character is overwritten: it is gone
        if width == 1 and x + 1 < self._columns and chars[x + 1] == "" and pens[x + 1] != UNKNOWN:
            pens[x + 1] = UNKNOWN
        self._move(x, y, out)
        style = self._pen_list[pen]
        out.append(sgr_between(self._drawn_pen, style))
        self._drawn_pen = style
        out.append(cell)
        chars[x], pens[x] = cell, pen
        if width == 2:
            chars[x + 1], pens[x + 1] = "", pen
        after = x + width
        self._at = (after, y) if after < self._columns else None  # the last column: unknown

    def _span(
        self, start: int, end: int, y: int, cells: list[str], pen: int, out: list[str]
    ) -> None:
        """Draw ``cells`` (one character each) over cells ``start`` to ``end`` of line ``y``."""
        chars, pens = self._chars[y], self._pens[y]
        if start and chars[start] == "" and pens[start] != UNKNOWN:
            pens[start - 1] = UNKNOWN  # the right half of a wide character: it is gone
        if end < self._columns and chars[end] == "" and pens[end] != UNKNOWN:
            pens[end] = UNKNOWN  # the left half of a wide character: its right half is gone
        self._move(start, y, out)
        style = self._pen_list[pen]
        out.append(sgr_between(self._drawn_pen, style))
        self._drawn_pen = style
        out.append("".join(cells))
        chars[start:end] = cells
        pens[start:end] = [pen] * (end - start)
        self._at = (end, y) if end < self._columns else None  # the last column: unknown

    def _move(self, x: int, y: int, out: list[str]) -> None:
        at = self._at
        if at == (x, y):
            return
        if at is not None and at[1] == y and 0 < x - at[0] <= 4 and self._drawn_pen is not None:
            pen = self._pen_ids.get(self._drawn_pen)
            chars, pens = self._chars[y], self._pens[y]
            gap = range(at[0], x)
            if all(pens[i] == pen and len(chars[i]) == 1 for i in gap):
                out.append("".join(chars[i] for i in gap))  # shorter than a cursor move
                self._at = (x, y)
                return
        if at is not None and at[1] == y:
            out.append(f"\x1b[{x + 1}G")
        else:
            out.append(f"\x1b[{y + 1};{x + 1}H" if x else f"\x1b[{y + 1}H")
        self._at = (x, y)

    def _pen_id(self, pen: Pen) -> int:
        found = self._pen_ids.get(pen)
        if found is None:
            found = self._pen_ids[pen] = len(self._pen_list)
            self._pen_list.append(pen)
        return found
