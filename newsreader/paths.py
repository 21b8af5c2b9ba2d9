"""Where newsreader keeps its library and its config file.

Resolution order for the library: an explicit path (``--library``), then
``NEWSREADER_HOME`` (a folder holding ``library.sqlite``), then the user data
directory from platformdirs. The config file: ``NEWSREADER_CONFIG``, then
``$NEWSREADER_HOME/config.toml`` when ``NEWSREADER_HOME`` is set, then the user
config directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "newsreader"
LIBRARY_FILENAME = "library.sqlite"
CONFIG_FILENAME = "config.toml"


def data_dir() -> Path:
    """The folder that holds the library when nothing overrides it."""
    home = os.environ.get("NEWSREADER_HOME")
    if home:
        return Path(home).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def library_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The SQLite library file to use."""
    if explicit:
        return Path(explicit).expanduser()
    return data_dir() / LIBRARY_FILENAME


def config_path() -> Path:
    """The TOML settings file to read."""
    explicit = os.environ.get("NEWSREADER_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    home = os.environ.get("NEWSREADER_HOME")
    if home:
        return Path(home).expanduser() / CONFIG_FILENAME
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILENAME


def assets_dir() -> Path:
    """The bundled sample library: inside the wheel, or beside the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_assets", here.parent / "assets"):
        if candidate.is_dir():
            return candidate
    return here.parent / "assets"
