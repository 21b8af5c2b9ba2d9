"""``newsreader import``: add local files to the library (being written)."""

from __future__ import annotations

import click


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
def command(paths: tuple[str, ...]) -> None:
    """Import articles from files and folders."""
    raise click.ClickException("import is not available yet")
