"""The reader's terminal driver: Textual's Linux driver, lighter on the wire and quick to quit.

- Mouse reporting without any-motion tracking (``?1003h``): over SSH every mouse
  move over the window would send an event. Clicks, the wheel and drags
  (``?1002h``, motion only while a button is held) still work.
- Output goes through :class:`tui.wire.ScreenDiff`, which sends only the cells
  that changed since the last frame.
- The input thread sleeps until input comes, or stopping input writes to a pipe it
  also waits on (so quitting does not wait out Textual's 0.1 s polls), or the escape
  delay of a sequence the parser holds unfinished (a lone Esc, the reader's "back"
  key, is taken when that delay is over, not at the next poll). Nothing else wakes
  it: no polling while idle or between keys.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import threading
import time
from codecs import getincrementaldecoder
from typing import Any

from textual.drivers.linux_driver import LinuxDriver

from tui.wire import ScreenDiff

#: Past the parser's escape delay before it is asked for what it holds (it times the
#: delay from its own reading of the clock, during the feed): a wake-up's lateness only.
_ESCAPE_MARGIN = 0.0003
#: How far back in what was read an Esc may begin a sequence still unfinished (Textual's
#: parser gives a sequence up, and sends it as keys, well before this many characters).
_SEQUENCE_TAIL = 64

#: Mouse modes the reader asks for instead of Textual's (any-motion becomes button-motion).
_MOUSE_MODES = {"\x1b[?1003h": "\x1b[?1002h", "\x1b[?1003l": "\x1b[?1002l"}


class _WakingEvent(threading.Event):
    """An event whose ``set`` also wakes a thread waiting on a pipe."""

    def __init__(self, wake: int) -> None:
        super().__init__()
        self._wake = wake

    def set(self) -> None:
        super().set()
        with contextlib.suppress(OSError):  # a full pipe wakes the thread all the same
            os.write(self._wake, b"\0")


class ReaderDriver(LinuxDriver):
    """Textual's Linux driver with the three changes above."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Kept open for the process: the driver stops and starts again on suspend.
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_write, False)
        self.exit_event = _WakingEvent(self._wake_write)
        self._screen = ScreenDiff(self._terminal_size)

    @property
    def screen_diff(self) -> ScreenDiff:
        """What the terminal shows, cell by cell, as this driver has drawn it."""
        return self._screen

    def _terminal_size(self) -> tuple[int, int]:
        try:
            size = os.get_terminal_size(self.fileno)
        except OSError:
            return (0, 0)
        return (size.columns, size.lines)

    def write(self, data: str) -> None:
        """Write to the terminal: the mouse modes swapped, a frame sent as changes only."""
        replaced = _MOUSE_MODES.get(data)
        if replaced is not None:
            data = replaced
        super().write(self._screen.encode(data))

    def start_application_mode(self) -> None:
        """Enter the reader's screen; whatever the terminal showed is unknown from now on."""
        self._screen.forget()
        super().start_application_mode()

    def run_input_thread(self) -> None:
        """Read keys until input stops: as Textual's loop, woken at once on stopping."""
        from textual import constants
        from textual._xterm_parser import XTermParser

        selector = selectors.DefaultSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(self._wake_read, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        #: When the parser's wait for the rest of an escape sequence is over (0.0: none).
        escape_at = 0.0
        try:
            while not self.exit_event.is_set():
                wait = None
                if escape_at:
                    wait = max(0.0, escape_at - time.monotonic()) + _ESCAPE_MARGIN
                for key, _mask in selector.select(wait):
                    if key.fd == self._wake_read:
                        os.read(self._wake_read, 1024)
                        continue
                    try:
                        data = decode(os.read(self.fileno, 4096))
                    except OSError:
                        data = ""
                    if not data:  # the terminal is gone: stop reading it, and quit
                        selector.unregister(self.fileno)
                        self._quit_app()
                        continue
                    for event in parser.feed(data):
                        self.process_message(event)
                    # An Esc near the end may have begun a sequence the parser holds until
                    # its delay is over, timed from the feed (Textual's monotonic clock);
                    # one held already may still be unfinished after more of it came.
                    unfinished = bool(escape_at) or "\x1b" in data[-_SEQUENCE_TAIL:]
                    escape_at = time.monotonic() + constants.ESCAPE_DELAY if unfinished else 0.0
                if escape_at and time.monotonic() >= escape_at:
                    escape_at = 0.0
                    for event in parser.tick():
                        self.process_message(event)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except Exception:  # an unfinished sequence at exit is dropped
                pass

    def _quit_app(self) -> None:
        app = self._app
        threading.Thread(target=lambda: app.call_from_thread(app.exit), daemon=True).start()
