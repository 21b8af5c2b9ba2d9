"""The ``newsreader`` command line (click).

Each command lives in a module of its own in this package and is registered
on :data:`main` in :mod:`newsreader.cli.main`. Heavy modules (the reader, the
summariser, the fetcher) are imported inside the commands that need them.
"""

from newsreader.cli.main import main

__all__ = ["main"]
