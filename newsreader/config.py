"""Settings: one TOML file, every setting with a documented default.

Each section of the file is a dataclass below; its fields are the settings,
their defaults the documented defaults, and the comment above each field is
what ``newsreader config`` prints. Unknown keys and values of the wrong type
raise :class:`ConfigError` naming the key, never a traceback.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

from newsreader.paths import config_path


class ConfigError(ValueError):
    """The config file is unreadable, or a key or value in it is wrong."""


@dataclass(frozen=True)
class LibrarySettings:
    """``[library]``: importing local files."""

    #: Files larger than this many bytes are skipped by ``newsreader import``.
    max_import_bytes: int = 5_000_000


@dataclass(frozen=True)
class SummarySettings:
    """``[summary]``: the extractive summary above each article."""

    #: Summariser name (``newsreader summarize --list-algorithms``); "" is the default.
    algorithm: str = ""
    #: Sentences in a summary.
    sentences: int = 3


@dataclass(frozen=True)
class FeedSettings:
    """``[feeds]``: fetching subscriptions."""

    #: Feeds and pages fetched at once.
    concurrency: int = 8
    #: Seconds to wait for a connection.
    connect_timeout: float = 10.0
    #: Seconds to wait for data on an open connection.
    read_timeout: float = 30.0
    #: Largest response accepted, in bytes, counted after decompression.
    max_bytes: int = 10_000_000
    #: Redirects followed before giving up.
    max_redirects: int = 5
    #: Full text for new subscriptions: "auto", "always" or "never".
    full_text: str = "auto"
    #: With full text "auto", an entry of fewer words than this is a teaser whose
    #: page is fetched and extracted (1% of BBC articles are under 128 words;
    #: teasers run 20-60, WordPress excerpts 55).
    teaser_words: int = 100


@dataclass(frozen=True)
class TopicRule:
    """One ``[[topics.rules]]`` entry: a topic given by keywords, a regex or feeds."""

    name: str
    keywords: tuple[str, ...] = ()
    regex: str = ""
    feeds: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicSettings:
    """``[topics]``: automatic sections and the user's own rules."""

    #: The news sections articles are classified into.
    sections: tuple[str, ...] = (
        "world",
        "politics",
        "business",
        "technology",
        "science",
        "health",
        "sport",
        "entertainment",
    )
    #: Subject tags taken from each article's text.
    max_tags: int = 4
    #: The user's topic rules (``[[topics.rules]]`` tables).
    rules: tuple[TopicRule, ...] = ()


@dataclass(frozen=True)
class Settings:
    """Everything the config file can set."""

    library: LibrarySettings = field(default_factory=LibrarySettings)
    summary: SummarySettings = field(default_factory=SummarySettings)
    feeds: FeedSettings = field(default_factory=FeedSettings)
    topics: TopicSettings = field(default_factory=TopicSettings)
    #: ``[keys]``: binding id = "key[,key...]", remapping the reader's keys.
    keys: dict[str, str] = field(default_factory=dict)


_SECTIONS: dict[str, type] = {
    "library": LibrarySettings,
    "summary": SummarySettings,
    "feeds": FeedSettings,
    "topics": TopicSettings,
}


def _check_value(where: str, value: Any, expected: Any) -> Any:
    """Return ``value`` converted to ``expected`` or raise naming ``where``."""
    origin = getattr(expected, "__origin__", None)
    if expected is bool:
        if isinstance(value, bool):
            return value
    elif expected is int:
        if isinstance(value, int) and not isinstance(value, bool):
            if value < 0:
                raise ConfigError(f"{where}: must not be negative (got {value})")
            return value
    elif expected is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            if value < 0:
                raise ConfigError(f"{where}: must not be negative (got {value})")
            return float(value)
    elif expected is str:
        if isinstance(value, str):
            return value
    elif origin is tuple:
        item_type = expected.__args__[0]
        if isinstance(value, list):
            return tuple(
                _check_value(f"{where}[{i}]", item, item_type) for i, item in enumerate(value)
            )
    elif (
        isinstance(expected, type)
        and dataclasses.is_dataclass(expected)
        and isinstance(value, dict)
    ):
        return _build(where, expected, value)
    name = getattr(expected, "__name__", str(expected))
    raise ConfigError(f"{where}: expected {_describe(name)}, got {value!r}")


def _describe(type_name: str) -> str:
    return {
        "int": "a whole number",
        "float": "a number",
        "str": "a string",
        "bool": "true or false",
        "tuple": "a list",
    }.get(type_name, f"a table ({type_name})")


def _build(where: str, cls: type, table: dict[str, Any]) -> Any:
    hints = get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(
                f"{where}: unknown setting {key!r} (known: {', '.join(sorted(known))})"
            )
        values[key] = _check_value(f"{where}.{key}", value, hints[key])
    try:
        return cls(**values)
    except TypeError as exc:  # a required field is missing
        raise ConfigError(f"{where}: {exc}") from None


def _validate(settings: Settings) -> None:
    full_text = settings.feeds.full_text
    if full_text not in ("auto", "always", "never"):
        raise ConfigError(
            f"feeds.full_text: expected 'auto', 'always' or 'never', got {full_text!r}"
        )
    if settings.summary.sentences < 1:
        raise ConfigError("summary.sentences: must be at least 1")
    if settings.feeds.concurrency < 1:
        raise ConfigError("feeds.concurrency: must be at least 1")


def parse_settings(data: dict[str, Any]) -> Settings:
    """Build :class:`Settings` from a parsed TOML document."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == "keys":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError('keys: expected a table of binding id = "key" strings')
            values["keys"] = dict(value)
        elif key in _SECTIONS:
            if not isinstance(value, dict):
                raise ConfigError(f"{key}: expected a table, got {value!r}")
            values[key] = _build(key, _SECTIONS[key], value)
        else:
            known = ", ".join(sorted([*_SECTIONS, "keys"]))
            raise ConfigError(f"unknown section {key!r} (known: {known})")
    settings = Settings(**values)
    _validate(settings)
    return settings


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file; a missing file gives the defaults."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    try:
        return parse_settings(data)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def settings_as_dict(settings: Settings) -> dict[str, Any]:
    """The effective settings as plain data, for ``newsreader config``."""
    return dataclasses.asdict(settings)
