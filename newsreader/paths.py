"""Where newsreader keeps its library and its config file.

Resolution order for the library: an explicit path (``--library``), then
``NEWSREADER_HOME`` (a folder holding ``library.sqlite``), then the user data
directory (platformdirs'). The config file: ``NEWSREADER_CONFIG``, then
``$NEWSREADER_HOME/config.toml`` when ``NEWSREADER_HOME`` is set, then the user
config directory.

On Linux the user folders are the XDG ones, worked out here as platformdirs does:
importing platformdirs (it loads tempfile, and with it random and hashlib) would cost
more of the reader's start than anything else on the way to its first frame. Elsewhere,
and where platformdirs would answer otherwise (a relative ``HOME``, Android), it is asked.
"""

from __future__ import annotations

import os
import posixpath
import sys
from pathlib import Path

APP_NAME = "newsreader"
LIBRARY_FILENAME = "library.sqlite"
CONFIG_FILENAME = "config.toml"


def data_dir() -> Path:
    """The folder that holds the library when nothing overrides it."""
    home = os.environ.get("NEWSREADER_HOME")
    if home:
        return Path(home).expanduser()
    return user_dir("data")


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
    return user_dir("config") / CONFIG_FILENAME


#: The XDG variable and its default for each kind of user folder.
XDG = {
    "data": ("XDG_DATA_HOME", "~/.local/share"),
    "config": ("XDG_CONFIG_HOME", "~/.config"),
    "cache": ("XDG_CACHE_HOME", "~/.cache"),
}


def user_dir(kind: str) -> Path:
    """The user's ``kind`` folder for newsreader ("data", "config" or "cache"), as
    platformdirs names it."""
    home = os.environ.get("HOME")
    if sys.platform == "linux" and "ANDROID_DATA" not in os.environ and home is not None:
        if posixpath.isabs(home):
            variable, default = XDG[kind]
            base = os.environ.get(variable, "")
            if not posixpath.isabs(base):
                base = os.path.expanduser(default)
            return Path(os.path.join(base, APP_NAME))
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False))


def assets_dir() -> Path:
    """The bundled sample library: inside the wheel, or beside the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_assets", here.parent / "assets"):
        if candidate.is_dir():
            return candidate
    return here.parent / "assets"
