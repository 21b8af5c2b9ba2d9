"""A click group whose commands are imported only when one of them runs.

``newsreader --help`` and ``newsreader list`` should not pay for importing
every command (the fetcher, rich, lxml, the summariser): each command is named
here with its module and the one-line help that ``--help`` lists, and the
module is imported when the command is looked up to run.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import click


@dataclass(frozen=True)
class LazyCommand:
    """Where a command lives and the line ``--help`` shows for it."""

    module: str
    short_help: str


class LazyGroup(click.Group):
    """A :class:`click.Group` that imports a command's module on first use."""

    def __init__(self, *args: object, lazy: dict[str, LazyCommand], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module = importlib.import_module(self.lazy[cmd_name].module)
            command = module.command
            if not isinstance(command, click.Command):
                raise TypeError(f"{self.lazy[cmd_name].module}.command is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; every error message leaves on one line, without escapes.

        Messages quote file names, feed titles and server answers: whatever a
        command put in one, it reaches the terminal through
        :func:`newsreader.safetext.one_line`. A library that refused a write
        (read-only, a full disk) is such a message too, never a traceback.
        """
        from newsreader.safetext import one_line
        from newsreader.store.db import LibraryError

        try:
            return super().invoke(ctx)
        except LibraryError as exc:  # a write refused (read-only, full disk) or a broken file
            raise click.ClickException(one_line(str(exc))) from None
        except click.ClickException as exc:
            # click types ``message`` as final; it is a plain attribute, set once more here.
            setattr(exc, "message", one_line(exc.message))  # noqa: B010
            raise

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self.lazy[name].short_help) for name in sorted(self.lazy)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
