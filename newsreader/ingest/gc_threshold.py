"""Fewer garbage collections while articles are enriched.

Enrichment makes many short-lived containers (term weights, rows read, sentence
lists) that reference counting frees at once; Python's young-generation
collection, which runs every 700 net allocations, walks them in vain. While
:func:`fewer_collections` is entered (by any thread) the young generation is
collected every :data:`YOUNG_THRESHOLD` allocations instead; the thresholds are
put back when the last one leaves. Cyclic garbage only lingers a little longer.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Net allocations between two young-generation collections while enriching.
YOUNG_THRESHOLD = 50_000

_lock = threading.Lock()
_entered = 0
_saved: tuple[int, int, int] | None = None


def raise_young_threshold() -> None:
    """Collect the young generation every :data:`YOUNG_THRESHOLD` allocations from now on
    (a threshold of 0, collection turned off, and a larger one are kept)."""
    young, *older = gc.get_threshold()
    if 0 < young < YOUNG_THRESHOLD:
        gc.set_threshold(YOUNG_THRESHOLD, *older)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Inside: :func:`raise_young_threshold`; the thresholds are put back when the last
    thread inside leaves (unless something else changed them meanwhile)."""
    global _entered, _saved
    with _lock:
        if _entered == 0:
            _saved = gc.get_threshold()
            raise_young_threshold()
        _entered += 1
    try:
        yield
    finally:
        with _lock:
            _entered -= 1
            if _entered == 0 and _saved is not None:
                if gc.get_threshold()[0] in (YOUNG_THRESHOLD, _saved[0]):
                    gc.set_threshold(*_saved)
                _saved = None
