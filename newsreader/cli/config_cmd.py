"""``newsreader config``: where the config file is and what is in effect."""

from __future__ import annotations

import click

from newsreader.cli.context import AppContext, pass_app
from newsreader.config.describe import describe
from newsreader.paths import config_path


@click.command("config")
@pass_app
def command(app: AppContext) -> None:
    """Print the config file's path and every setting in effect, each with its meaning."""
    settings = app.settings
    path = config_path()
    state = "" if path.exists() else " (not present: defaults in effect)"
    click.echo(f"# config file: {path}{state}")
    click.echo(f"# library: {app.library_file}")
    for line in describe(settings):
        click.echo(line)
