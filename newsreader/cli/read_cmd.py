"""``newsreader read`` (and plain ``newsreader``): open the reader."""

from __future__ import annotations

import click

from newsreader.cli.context import AppContext, pass_app


@click.command("read")
@pass_app
def command(app: AppContext) -> None:
    """Open the reader (the default command). Fills an empty library with the samples."""
    from newsreader.sample import ensure_sample_library

    settings = app.settings
    with app.open_library() as library:
        ensure_sample_library(library)
    from tui.app import run_reader  # Textual loads only when the reader opens

    run_reader(app.library_file, settings)


read = command
