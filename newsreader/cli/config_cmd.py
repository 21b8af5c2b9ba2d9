"""``newsreader config``: where the config file is and what is in effect."""

from __future__ import annotations

import click

from newsreader.cli.context import AppContext, pass_app
from newsreader.config import settings_as_dict
from newsreader.paths import config_path


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    return str(value)


@click.command("config")
@pass_app
def command(app: AppContext) -> None:
    """Print the config file's path and the effective settings (as TOML)."""
    settings = app.settings
    path = config_path()
    state = "" if path.exists() else " (not present: defaults in effect)"
    click.echo(f"# config file: {path}{state}")
    click.echo(f"# library: {app.library_file}")
    for section, values in settings_as_dict(settings).items():
        click.echo(f"\n[{section}]")
        for key, value in values.items():
            click.echo(f"{key} = {_toml_value(value)}")
