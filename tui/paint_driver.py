"""The reader's driver when the first view was painted early (:mod:`tui.early_paint`).

Textual's driver, as the reader uses it (:class:`tui.driver.ReaderDriver`), taking over
a terminal the early paint set up: the alternate screen is entered already (entering
it again could clear it on some terminals), the tty attributes to give back on quitting
are those from before the paint (not the ones the paint set), and the shadow screen
starts from the cells painted, so Textual's first frame sends only what differs from
them (the article pane). Until the paint has seen the first view, what Textual writes
is also drawn on a screen of its own (what Textual drew, whatever was painted), which
the paint checks after each frame. Ctrl-Z before the driver has the terminal is the
paint's to handle (:meth:`tui.early_paint.EarlyPaint.suspend`).
"""

from __future__ import annotations

from typing import Any

from tui.driver import ReaderDriver
from tui.early_paint import EarlyPaint
from tui.wire import ScreenDiff

ALT_SCREEN = "\x1b[?1049h"


def painting_driver(paint: EarlyPaint) -> type[ReaderDriver]:
    """The driver class for an app started after ``paint``."""

    class PaintingDriver(ReaderDriver):
        """:class:`ReaderDriver` after an early paint."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._skip_alt_screen = True
            #: Textual's frames alone, for the paint's check (None once it is done).
            self._drawn: ScreenDiff | None = None

        def start_application_mode(self) -> None:
            """Take the terminal over; the first time, keep what the paint showed."""
            first = not paint.taken
            paint.taken = True  # Ctrl-Z is Textual's to handle from here on
            super().start_application_mode()
            if first:
                if paint.saved is not None:
                    self.attrs_before = paint.saved
                self.screen_diff.seed(paint.painted)
                self._drawn = ScreenDiff(self._terminal_size)
                self._drawn.forget()

        def _sigtstp_application(self, *args: Any) -> None:
            """Ctrl-Z: the paint's to handle until the driver has the terminal."""
            if paint.taken:
                super()._sigtstp_application(*args)
            else:
                paint.suspend()

        def _sigcont_application(self, *args: Any) -> None:
            if paint.taken:
                super()._sigcont_application(*args)

        def write(self, data: str) -> None:
            """Write to the terminal, the first entry to the alternate screen left out
            when the paint entered it."""
            if self._skip_alt_screen and data == ALT_SCREEN:
                self._skip_alt_screen = False
                if paint.painted:
                    return
            if self._drawn is not None:
                self._drawn.encode(data)
            super().write(data)

        def flush(self) -> None:
            """Send the frame; the paint looks at it until it has seen the first view."""
            super().flush()
            if self._drawn is not None:
                paint.check(self._drawn)
                if paint.done:
                    self._drawn = None

    return PaintingDriver
