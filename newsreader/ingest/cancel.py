"""Cancelling a run from another thread (the reader quitting during a refresh)."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """Raised inside a run's work when it was cancelled; the run ends cleanly."""


class Cancel:
    """A flag any thread may set; the run checks it and stops at once.

    Work that waits (the network loop) registers a callback with
    :meth:`on_cancel` to be woken the moment :meth:`cancel` is called.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        """Ask the run to stop (safe from any thread, any number of times)."""
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks = list(self._callbacks)
        for callback in callbacks:
            callback()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the run was cancelled."""
        if self._event.is_set():
            raise Cancelled

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` when cancelled (now, if already); returns a function to forget it."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)

                def forget() -> None:
                    with self._lock:
                        if callback in self._callbacks:
                            self._callbacks.remove(callback)

                return forget
        callback()
        return lambda: None
