"""Settings: one TOML file; every setting with its default, bounds and documentation.

The sections and their settings are :mod:`newsreader.config.settings`;
:mod:`~newsreader.config.loading` reads the file (unknown keys and bad values
raise :class:`ConfigError` naming the key, never a traceback), and
:mod:`~newsreader.config.describe` prints what is in effect with each
setting's documentation (``newsreader config``).
"""

from newsreader.config.loading import ConfigError, load_settings, parse_settings
from newsreader.config.settings import (
    FeedSettings,
    LibrarySettings,
    ReaderSettings,
    Settings,
    SummarySettings,
    SyncSettings,
    TopicRule,
    TopicSettings,
)

__all__ = [
    "ConfigError",
    "FeedSettings",
    "LibrarySettings",
    "ReaderSettings",
    "Settings",
    "SummarySettings",
    "SyncSettings",
    "TopicRule",
    "TopicSettings",
    "load_settings",
    "parse_settings",
]
