"""The top-level ``newsreader`` group: global options and command registration."""

from __future__ import annotations

import click

from newsreader import __version__
from newsreader.cli.context import AppContext


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--library",
    "library",
    metavar="PATH",
    envvar=None,
    help="Library file to use (default: $NEWSREADER_HOME/library.sqlite or the user data dir).",
)
@click.version_option(__version__, prog_name="newsreader")
@click.pass_context
def main(ctx: click.Context, library: str | None) -> None:
    """A terminal news reader with offline summaries, topics and stories.

    Run without a command to open the reader.
    """
    ctx.obj = AppContext(library_option=library)
    if ctx.invoked_subcommand is None:
        from newsreader.cli.read_cmd import read

        ctx.invoke(read)


def _register() -> None:
    from newsreader.cli import (
        add_cmd,
        config_cmd,
        feeds_cmd,
        fetch_cmd,
        import_cmd,
        list_cmd,
        opml_cmd,
        read_cmd,
        remove_cmd,
        show_cmd,
        stats_cmd,
        summarize_cmd,
        topics_cmd,
    )

    for module in (
        read_cmd,
        import_cmd,
        list_cmd,
        show_cmd,
        stats_cmd,
        config_cmd,
        add_cmd,
        feeds_cmd,
        remove_cmd,
        fetch_cmd,
        opml_cmd,
        summarize_cmd,
        topics_cmd,
    ):
        main.add_command(module.command)


_register()
