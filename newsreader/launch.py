"""The ``newsreader`` console script: plain ``newsreader`` opens the reader without click.

Opening the reader is the command run most, and its first frame is drawn before
Textual is imported (:mod:`tui.early_paint`): importing click and the command line's
modules would come first and cost more than the paint itself. So a command line that
only opens the reader on a terminal (``newsreader``, ``newsreader read``, each with
``--library PATH`` before the command or not) reads the settings, checks the library
and opens the reader here. Errors leave as :mod:`newsreader.cli` words them (one line,
``Error: ...``, exit status 1; Ctrl-C: ``Aborted!``). Every other command line (another
command, ``--help``, ``--version``, an option the reader does not take, no terminal,
shell completion) goes to the click group, :data:`newsreader.cli.main.main`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import NoReturn

#: The environment variable through which click completes the command line.
COMPLETION_VARIABLE = "_NEWSREADER_COMPLETE"


def reader_library(args: Sequence[str]) -> str | None:
    """The ``--library`` given when ``args`` only open the reader ("" without one); None
    when they ask for anything else (or say it in a way left to click to read)."""
    rest = list(args)
    if rest[-1:] == ["read"]:
        rest.pop()
    if not rest:
        return ""
    if len(rest) == 2 and rest[0] == "--library":
        value = rest[1]
    elif len(rest) == 1 and rest[0].startswith("--library="):
        value = rest[0].removeprefix("--library=")
    else:
        return None
    return value if value and not value.startswith("-") else None


def main() -> None:
    """Run ``newsreader`` with the process's arguments."""
    library = reader_library(sys.argv[1:])
    if (
        library is None
        or os.name != "posix"
        or COMPLETION_VARIABLE in os.environ
        or not (sys.stdin.isatty() and sys.stdout.isatty())
    ):
        from newsreader.cli.main import main as cli

        cli()
        return
    try:
        open_reader(library)
    except KeyboardInterrupt:  # as click ends a command cut short by Ctrl-C
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)


def open_reader(library: str) -> None:
    """Read the settings, check the library and open the reader (``newsreader read``)."""
    from newsreader.config import ConfigError, load_settings
    from newsreader.paths import library_path
    from newsreader.store.db import LibraryError

    try:
        settings = load_settings()
        path = library_path(library or None)
        from newsreader.store import Library

        Library(path).close()  # a bad library is reported here, before the screen changes
    except (ConfigError, LibraryError) as exc:
        fail(str(exc))
    from tui.app import run_reader

    run_reader(path, settings)


def fail(message: str) -> NoReturn:
    """End with ``message`` as the command line reports an error: one line, status 1."""
    import click

    from newsreader.safetext import one_line

    click.ClickException(one_line(message)).show()
    sys.exit(1)
