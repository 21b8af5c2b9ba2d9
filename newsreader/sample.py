"""The bundled sample library, imported into an empty library on first run."""

from __future__ import annotations

from newsreader.store import Library


def ensure_sample_library(library: Library) -> int:
    """Import the bundled samples when the library is empty; return how many were added."""
    return 0
