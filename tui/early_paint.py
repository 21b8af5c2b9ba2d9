"""The early paint: the first view on the terminal before Textual is imported.

Importing Textual takes most of the reader's start. Once the first view is read
(:mod:`tui.first_view`), :class:`EarlyPaint` writes the topic bar, the list's border
and rows and the key hints straight to the terminal, in the alternate screen, as
Textual's first frame will draw them: the same characters (laid out by
:mod:`tui.paint_layout` from the library as it is now) in the styles Textual used
for each of them the last time it drew this terminal (:mod:`tui.paint_cache`).
Without a cache entry for this size, colour system, theme and code, nothing is
painted. Textual's first frame then draws the same cells again and adds the
article pane.

The same object checks Textual's first frame (through the driver,
:mod:`tui.paint_driver`): once the screen shows the first view as laid out here, the
style of every role is read back from it and kept for the next start; an entry
whose styles differ from what Textual drew is dropped.

The terminal: keys typed from the paint on are neither echoed nor lost (the tty is
set as Textual's driver sets it, at once: no input is flushed, and Textual reads
them when it starts); Ctrl-C before Textual has the terminal raises
KeyboardInterrupt as before, and :meth:`EarlyPaint.undo` gives the terminal back.
Ctrl-Z before Textual has the terminal (:meth:`EarlyPaint.suspend`) gives it back
too, stops the process as the shell expects, and on ``fg`` takes the terminal again
and paints the view anew (nothing, when the terminal's size changed meanwhile:
Textual then draws the whole first frame); where no shell could resume a stopped
reader (:mod:`tui.job_control`), that Ctrl-Z is let go.
"""

from __future__ import annotations

import os
import sys
import termios
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tui import paint_cache
from tui.first_view import FirstView
from tui.paint_layout import OPTIONAL, Span, first_frame_spans, one_cell_text

if TYPE_CHECKING:
    from tui.wire import Pen, ScreenDiff

#: The longest the paint waits for the first view (a library locked by another process:
#: Textual is then loaded without a paint, and its screen waits for the view itself).
VIEW_WAIT = 0.5
#: Frames of Textual's looked at for the first view before giving up.
MAX_CHECKS = 40
#: Written once the terminal is taken: alternate screen, cursor hidden, no wrapping,
#: one synchronized update (a terminal without them ignores them).
ENTER = "\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[?2026h\x1b[0m\x1b[H\x1b[2J"
#: What gives the terminal back when Textual never took it.
LEAVE = "\x1b[0m\x1b[?7h\x1b[?25h\x1b[?1049l"


def raw_attributes(attributes: list[Any]) -> list[Any]:
    """The tty attributes Textual's driver sets (no echo, no line editing, no CR to NL
    translation, no flow control), with signals left on: Ctrl-C still interrupts."""
    raw = list(attributes)
    raw[0] &= ~(termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR)
    raw[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN)
    raw[6] = list(raw[6])
    raw[6][termios.VMIN] = 1
    return raw


def _pen(stored: Any) -> Pen | None:
    """A style read from the cache, None when it is not one."""
    if not (isinstance(stored, list) and len(stored) == 3 and isinstance(stored[0], list)):
        return None
    attributes, fg, bg = stored
    if not all(isinstance(a, str) for a in attributes) or not all(
        c is None or isinstance(c, str) for c in (fg, bg)
    ):
        return None
    return (frozenset(attributes), fg, bg)


def _stored(pen: Pen) -> list[Any]:
    return [sorted(pen[0]), pen[1], pen[2]]


class EarlyPaint:
    """Paints the first view early, then checks Textual's first frame."""

    def __init__(
        self, first: FirstView, settings_text: str, now: Callable[[], datetime], fd: int
    ) -> None:
        self._first = first
        self._now = now
        self._fd = fd
        size = os.get_terminal_size(fd)
        self.size = (size.columns, size.lines)
        self.key = paint_cache.cache_key(self.size, settings_text)
        #: The tty's attributes before the paint changed them (None: not changed).
        self.saved: list[Any] | None = None
        #: The runs painted: (x, y, text, style), cells made of them once asked for.
        self._runs: list[tuple[int, int, str, Pen]] = []
        self._cells: dict[tuple[int, int], tuple[str, Pen]] | None = None
        #: True once Textual's driver has the terminal.
        self.taken = False
        self._entry = paint_cache.load(self.key)
        self._checks = 0
        self.done = False
        #: The paint's bytes, written again when the process comes back from a stop.
        self._data = b""
        #: The SIGTSTP handler before the paint's own (None: the paint's is not set).
        self._stop_handler: Any = None

    @classmethod
    def start(
        cls, first: FirstView, settings_text: str, now: Callable[[], datetime]
    ) -> EarlyPaint | None:
        """Ready to paint on a terminal on standard input and output; None without one."""
        try:
            if not (sys.stdin.isatty() and sys.stdout.isatty()):
                return None
            return cls(first, settings_text, now, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            return None

    # -- the paint ------------------------------------------------------------

    def paint(self) -> None:
        """Paint the first view once it is read, when this terminal's styles are known.

        Done before Textual is imported, on the main thread: importing Textual meanwhile
        would take the processor from the paint."""
        entry = self._entry
        if entry is None:
            return
        bundle = self._first.result(VIEW_WAIT)
        if bundle is None:
            return
        view = bundle.view
        spans = first_frame_spans(*self.size, view.total, view.rows, bundle.counts, self._now())
        if spans is None or view.offset or view.cursor:
            return
        data = self._frame(spans, entry)
        if data is None:
            return
        import signal

        # Ctrl-Z from here on stops the process with the terminal given back.
        self._stop_handler = signal.signal(signal.SIGTSTP, self._on_stop)
        self._data = data
        self._take()

    def _take(self) -> None:
        """Take the terminal (no echo, no line editing) and write the paint."""
        data = self._data
        try:
            self.saved = termios.tcgetattr(self._fd)
            termios.tcsetattr(self._fd, termios.TCSANOW, raw_attributes(self.saved))
            while data:  # a write cut short by a signal goes on where it stopped
                data = data[os.write(self._fd, data) :]
        except (OSError, termios.error):
            self._forget()

    def _frame(self, spans: list[Span], entry: dict[str, Any]) -> bytes | None:
        """The bytes painting ``spans`` and the cached key hints; None when a role's
        style is not known."""
        from tui.wire import sgr_between

        pens = entry.get("pens")
        if not isinstance(pens, dict):
            return None
        out = [ENTER]
        last: Pen | None = None
        cells: list[tuple[int, int, str]] = [(span.x, span.y, span.text) for span in spans]
        styles: list[Pen] = []
        known: dict[str, Pen | None] = {}  # a role's style, read from the entry once
        for span in spans:
            if span.role not in known:
                known[span.role] = _pen(pens.get(span.role))
            pen = known[span.role]
            if pen is None:
                if span.role in OPTIONAL:
                    styles.append(())  # type: ignore[arg-type]
                    continue
                return None
            styles.append(pen)
        hints = entry.get("hints")
        if isinstance(hints, list):
            x = 0
            for run in hints:
                pen = _pen(run[1]) if isinstance(run, list) and len(run) == 2 else None
                text = run[0] if pen is not None else None
                if not isinstance(text, str) or pen is None or not one_cell_text(text):
                    return None
                cells.append((x, self.size[1] - 1, text))
                styles.append(pen)
                x += len(text)
        at = (-1, -1)
        for (x, y, text), pen in zip(cells, styles, strict=True):
            if not pen:
                continue
            move = "" if at == (x, y) else f"\x1b[{y + 1};{x + 1}H"  # runs follow on a line
            out.append(f"{move}{sgr_between(last, pen)}{text}")
            last, at = pen, (x + len(text), y)
            self._runs.append((x, y, text, pen))
        out.append("\x1b[0m\x1b[?2026l")
        return "".join(out).encode("utf-8")

    @property
    def painted(self) -> dict[tuple[int, int], tuple[str, Pen]]:
        """The cells on the screen as painted: (x, y) -> (character, style); made when
        first asked for (by Textual's driver), after the paint is out."""
        if self._cells is None:
            self._cells = {
                (x + offset, y): (character, pen)
                for x, y, text, pen in self._runs
                for offset, character in enumerate(text)
            }
        return self._cells

    def _forget(self) -> None:
        """Nothing painted is on the screen any more."""
        self._runs, self._cells = [], None

    def undo(self) -> None:
        """Give the terminal back as it was, when Textual never took it over."""
        if self._stop_handler is not None and not self.taken:
            import signal

            signal.signal(signal.SIGTSTP, self._stop_handler)
            self._stop_handler = None
        self._give_back()

    def _give_back(self) -> None:
        if self.taken or self.saved is None:
            return
        try:
            os.write(self._fd, LEAVE.encode())
            termios.tcsetattr(self._fd, termios.TCSANOW, self.saved)
        except (OSError, termios.error):
            pass
        self.saved = None

    def _on_stop(self, signum: int, frame: object) -> None:
        self.suspend()

    def suspend(self) -> None:
        """Ctrl-Z before Textual has the terminal: give the terminal back, stop the
        process, and once it is continued (``fg``) take the terminal again and paint
        the view anew (nothing when the terminal's size changed: Textual draws it all)."""
        import signal

        from tui.job_control import shell_can_resume

        if self.taken or not shell_can_resume():
            return
        self._give_back()
        os.kill(os.getpid(), signal.SIGSTOP)  # returns once continued
        try:
            size = os.get_terminal_size(self._fd)
        except OSError:
            size = None
        if not self._runs or size is None or (size.columns, size.lines) != self.size:
            self._forget()
            return
        self._take()

    # -- checking Textual's first frame ----------------------------------------

    def check(self, screen: ScreenDiff) -> None:
        """Look at what the terminal shows after a frame of Textual's: once it is the first
        view, keep the style of each role (and drop an entry that painted otherwise)."""
        if self.done:
            return
        self._checks += 1
        if self._checks > MAX_CHECKS:
            self.done = True
            return
        bundle = self._first.result(0)
        if bundle is None:
            return
        view = bundle.view
        columns, lines = self.size
        spans = first_frame_spans(columns, lines, view.total, view.rows, bundle.counts, self._now())
        if spans is None or view.offset or view.cursor:
            self.done = True
            return
        pens: dict[str, Pen] = {}
        for span in spans:
            for offset, character in enumerate(span.text):
                shown = screen.shown(span.x + offset, span.y)
                if shown is None or shown[0] != character:
                    if span.role in OPTIONAL:
                        continue
                    return  # not the first view (yet)
                if pens.setdefault(span.role, shown[1]) != shown[1]:
                    self._finish(None)  # one role in two styles: not laid out as Textual does
                    return
        painted_right = all(screen.shown(x, y) == cell for (x, y), cell in self.painted.items())
        if not painted_right:
            self._finish(None)
            return
        stored = dict(self._entry.get("pens", {})) if self._entry else {}
        stored.update({role: _stored(pen) for role, pen in pens.items()})
        self._finish({"pens": stored, "hints": self._hints(screen, columns, lines - 1)})

    def _hints(self, screen: ScreenDiff, columns: int, y: int) -> list[list[Any]] | None:
        """The key hints' line as (text, style) runs, None when it is not all known."""
        runs: list[list[Any]] = []
        for x in range(columns):
            shown = screen.shown(x, y)
            if shown is None or not one_cell_text(shown[0]) or len(shown[0]) != 1:
                return None
            pen = _stored(shown[1])
            if runs and runs[-1][1] == pen:
                runs[-1][0] += shown[0]
            else:
                runs.append([shown[0], pen])
        return runs

    def _finish(self, entry: dict[str, Any] | None) -> None:
        self.done = True
        if entry is None and self._entry is None:
            return
        paint_cache.save(self.key, entry)
