"""``newsreader read`` (and plain ``newsreader``): open the reader."""

from __future__ import annotations

import click

from newsreader.cli.context import AppContext, pass_app
from newsreader.cli.output import print_rows
from newsreader.models import ArticleQuery


@click.command("read")
@pass_app
def command(app: AppContext) -> None:
    """Open the reader (the default command). Fills an empty library with the samples."""
    from newsreader.sample import ensure_sample_library

    with app.open_library() as library:
        ensure_sample_library(library)
        rows = library.list_articles(ArticleQuery(), limit=50)
    print_rows(rows)


read = command
