"""Drawing the widgets one key changes in one frame.

Textual repaints a widget once the widget's own message queue has gone idle and
its update has reached the screen; the screen draws whatever has reached it at
its next tick. A key that moves the list's cursor and shows another article
changes two widgets, and the second one's update often comes a tick after the
first: two frames, the second one 20-40 ms later on a busy machine.
:func:`one_frame` holds the screen's drawing (``App.batch_update``) until every
widget named has handled what is queued for it (so its update is at the
screen), then lets the screen draw them together. A timer ends the hold
whatever happens, so the screen is never held for longer than
:data:`HOLD_SECONDS` (:data:`FIRST_HOLD_SECONDS` for the first frame, drawn
with the first rows rather than empty and then again).
"""

from __future__ import annotations

import contextlib

from textual.screen import Screen
from textual.widget import Widget

#: The longest the screen's drawing is held for one frame.
HOLD_SECONDS = 0.05
#: The longest the reader's first frame waits for its first rows.
FIRST_HOLD_SECONDS = 0.5


class FrameHold:
    """The screen's drawing held from now until :meth:`release_after` (or the timer)."""

    def __init__(self, screen: Screen[object], seconds: float = HOLD_SECONDS) -> None:
        self._screen = screen
        hold = contextlib.ExitStack()
        hold.enter_context(screen.app.batch_update())
        self._hold: contextlib.ExitStack[bool | None] | None = hold
        #: The widgets (by id) still to handle their queues before the screen draws.
        self._waiting: set[int] = set()
        self._told = False
        screen.set_timer(seconds, self.release)

    @property
    def released(self) -> bool:
        """True once the screen may draw again."""
        return self._hold is None

    @property
    def gathering(self) -> bool:
        """True until :meth:`release_after` (or the timer): a widget changed meanwhile is
        drawn in the frame this hold lets through, when it is one of those named there."""
        return self._hold is not None and not self._told

    def release(self) -> None:
        """Let the screen draw (again: a second call does nothing)."""
        if self._hold is not None:
            hold, self._hold = self._hold, None
            hold.close()
            self._screen.check_idle()

    def release_after(self, *widgets: Widget) -> None:
        """Let the screen draw once each of ``widgets`` has handled its queue."""
        self._told = True
        self._waiting = {id(widget) for widget in widgets}
        for widget in widgets:
            # A bound method: Textual counts a callback's parameters once per function
            # (by its signature, which costs), and a closure would be a new function.
            widget.call_later(self._handled, widget)

    def _handled(self, widget: Widget) -> None:
        self._waiting.discard(id(widget))
        if not self._waiting:
            self.release()


def one_frame(screen: Screen[object], *widgets: Widget) -> None:
    """Draw ``widgets``' pending repaints in the same frame (call right after changing them)."""
    FrameHold(screen).release_after(*widgets)
