"""What every command shares: the library path, the settings, the console."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # loaded when a command needs them, not for `newsreader --help`
    from rich.console import Console

    from newsreader.config import Settings
    from newsreader.store import Library


@dataclass
class AppContext:
    """Options given before the command, resolved lazily."""

    library_option: str | None = None
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def library_file(self) -> Path:
        """The library file in use."""
        from newsreader.paths import library_path

        return library_path(self.library_option)

    @property
    def settings(self) -> Settings:
        """The effective settings; a bad config file is a usage error."""
        from newsreader.config import ConfigError, load_settings

        if self._settings is None:
            try:
                self._settings = load_settings()
            except ConfigError as exc:
                raise click.ClickException(str(exc)) from None
        return self._settings

    def open_library(self, *, writing: bool = False) -> Library:
        """Open the library, turning a broken file into a one-line error.

        A command that exists to write (``writing``) is refused at once on a
        library that is read-only here; reading commands work on it.
        """
        from newsreader.store import Library, LibraryError
        from newsreader.store.db import read_only_message

        try:
            library = Library(self.library_file)
        except LibraryError as exc:
            raise click.ClickException(str(exc)) from None
        if writing and library.read_only:
            message = read_only_message(library.conn)
            library.close()
            raise click.ClickException(message)
        return library


pass_app = click.make_pass_decorator(AppContext, ensure=True)


def is_terminal() -> bool:
    """True when standard output is a terminal (progress bars, colours)."""
    return sys.stdout.isatty()


def console(stderr: bool = False) -> Console:
    """A rich console that is plain when piped and honours NO_COLOR."""
    from rich.console import Console

    return Console(
        stderr=stderr,
        no_color=bool(os.environ.get("NO_COLOR")),
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=not (sys.stderr if stderr else sys.stdout).isatty(),
    )
