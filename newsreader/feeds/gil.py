"""A shorter GIL switch interval while a refresh runs, for the thread that stores.

The storing thread holds SQLite's write lock while it runs a feed's statements,
and every statement lets go of the GIL and takes it back. With parsing and
extraction threads busy, taking it back can wait a whole switch interval (5 ms
by default), so a feed's transaction held the write lock far longer than its
work and the enrichment process waited for it for a third of a large refresh
(measured with ``bench/fetch.py``: 24 s of 74 s; 4.5 s of 55 s with half a
millisecond). The old interval is put back when the last refresh running in
the process ends.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Seconds between forced GIL hand-overs while a refresh runs.
SWITCH_INTERVAL = 0.0005

_lock = threading.Lock()
_running = 0
_saved = 0.0


@contextmanager
def quick_gil_handoff() -> Iterator[None]:
    """Lower ``sys.getswitchinterval()`` to :data:`SWITCH_INTERVAL` for the block."""
    global _running, _saved
    with _lock:
        if _running == 0:
            _saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved, SWITCH_INTERVAL))
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                sys.setswitchinterval(_saved)
