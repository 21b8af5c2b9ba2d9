"""``newsreader read`` (and plain ``newsreader``): open the reader.

The reader needs a terminal on both standard input and output. Without one
(``ssh host newsreader`` without ``-t``, a cron job, ``newsreader >file``) it
prints the newest articles as ``newsreader list`` does, with one line on
standard error saying why, and exits: it never waits on a pipe.
"""

from __future__ import annotations

import sys

import click

from newsreader.cli.context import AppContext, pass_app

#: Articles printed when there is no terminal to open the reader in.
NEWEST = 20


@click.command("read")
@pass_app
def command(app: AppContext) -> None:
    """Open the reader (the default command). Fills an empty library with the samples."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print_newest(app)
        return
    settings = app.settings
    with app.open_library():  # a bad library is reported here, before the screen changes
        pass
    from tui.app import run_reader  # Textual loads only when the reader opens

    # The reader opens at once and stores the samples in the background when the
    # library wants them (newsreader.sample.prepare_samples), saying so on screen.
    run_reader(app.library_file, settings)


def print_newest(app: AppContext) -> None:
    """The newest articles, plainly, for a standard input or output that is no terminal."""
    from newsreader.cli.output import print_rows
    from newsreader.models import ArticleQuery

    with app.open_library() as library:
        rows = library.list_articles(ArticleQuery(), limit=NEWEST)
    if not rows:
        click.echo(
            "newsreader: no terminal to open the reader in, and no articles yet"
            " (`newsreader add URL` subscribes to a feed)",
            err=True,
        )
        return
    click.echo(
        f"newsreader: no terminal to open the reader in (ssh -t opens one);"
        f" the newest {len(rows)} articles follow (`newsreader list` prints more)",
        err=True,
    )
    print_rows(rows)


read = command
