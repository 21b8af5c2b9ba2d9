"""The reader's driver when the first view was painted early (:mod:`tui.early_paint`).

Textual's driver, as the reader uses it (:class:`tui.driver.ReaderDriver`), taking over
a terminal the early paint set up: the alternate screen is entered already (entering
it again could clear it on some terminals), the tty attributes to give back on quitting
are those from before the paint (not the ones the paint set), and after each frame the
paint looks at what Textual drew, until it has seen the first view.
"""

from __future__ import annotations

from typing import Any

from tui.driver import ReaderDriver
from tui.early_paint import EarlyPaint

ALT_SCREEN = "\x1b[?1049h"


def painting_driver(paint: EarlyPaint) -> type[ReaderDriver]:
    """The driver class for an app started after ``paint``."""

    class PaintingDriver(ReaderDriver):
        """:class:`ReaderDriver` after an early paint."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._skip_alt_screen = bool(paint.painted)

        def start_application_mode(self) -> None:
            """Take the terminal over; the first time, keep what the paint showed."""
            first = not paint.taken
            super().start_application_mode()
            if first:
                paint.taken = True
                if paint.saved is not None:
                    self.attrs_before = paint.saved

        def write(self, data: str) -> None:
            """Write to the terminal, the first entry to the alternate screen left out
            when the paint entered it."""
            if self._skip_alt_screen and data == ALT_SCREEN:
                self._skip_alt_screen = False
                return
            super().write(data)

        def flush(self) -> None:
            """Send the frame; the paint looks at it until it has seen the first view."""
            super().flush()
            if not paint.done:
                paint.check(self.screen_diff)

    return PaintingDriver
