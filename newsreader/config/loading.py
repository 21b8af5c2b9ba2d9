"""Reading the config file: TOML in, :class:`Settings` out, or one error naming the key."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from typing import Any, get_type_hints

from newsreader.config.settings import SECTIONS, Settings
from newsreader.paths import config_path


class ConfigError(ValueError):
    """The config file is unreadable, or a key or value in it is wrong."""


def _describe(type_name: str) -> str:
    return {
        "int": "a whole number",
        "float": "a number",
        "str": "a string",
        "bool": "true or false",
        "tuple": "a list",
    }.get(type_name, f"a table ({type_name})")


def _convert(where: str, value: Any, expected: Any) -> Any:
    """``value`` as the ``expected`` type, or :class:`ConfigError` naming ``where``."""
    origin = getattr(expected, "__origin__", None)
    if expected is bool:
        if isinstance(value, bool):
            return value
    elif expected is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif expected is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif expected is str:
        if isinstance(value, str):
            return value
    elif origin is tuple:
        item_type = expected.__args__[0]
        if isinstance(value, list):
            return tuple(_convert(f"{where}[{i}]", item, item_type) for i, item in enumerate(value))
    elif (
        isinstance(value, dict)
        and isinstance(expected, type)
        and dataclasses.is_dataclass(expected)
    ):
        return _build(where, expected, value)
    name = getattr(expected, "__name__", str(expected))
    raise ConfigError(f"{where}: expected {_describe(name)}, got {value!r}")


def check_bounds(where: str, value: Any, meta: Any) -> None:
    """Raise :class:`ConfigError` when ``value`` is outside its setting's bounds."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{where}: must be a finite number (got {value})")
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = meta.get("minimum"), meta.get("maximum")
        if low is not None and value < low:
            word = "negative" if low == 0 else f"less than {low:g}"
            raise ConfigError(f"{where}: must not be {word} (got {value})")
        if high is not None and value > high:
            raise ConfigError(f"{where}: must be at most {high:g} (got {value})")
    choices = meta.get("choices")
    if choices and value not in choices:
        allowed = ", ".join(repr(c) for c in choices[:-1]) + f" or {choices[-1]!r}"
        raise ConfigError(f"{where}: expected {allowed}, got {value!r}")


def _build(where: str, cls: type, table: dict[str, Any]) -> Any:
    hints = get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in fields:
            raise ConfigError(
                f"{where}: unknown setting {key!r} (known: {', '.join(sorted(fields))})"
            )
        values[key] = _convert(f"{where}.{key}", value, hints[key])
        check_bounds(f"{where}.{key}", values[key], fields[key].metadata)
    try:
        return cls(**values)
    except TypeError as exc:  # a required field is missing
        raise ConfigError(f"{where}: {exc}") from None


def parse_settings(data: dict[str, Any]) -> Settings:
    """Build :class:`Settings` from a parsed TOML document."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == "keys":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError('keys: expected a table of binding id = "key" strings')
            values["keys"] = dict(value)
        elif key in SECTIONS:
            if not isinstance(value, dict):
                raise ConfigError(f"{key}: expected a table, got {value!r}")
            values[key] = _build(key, SECTIONS[key], value)
        else:
            known = ", ".join(sorted([*SECTIONS, "keys"]))
            raise ConfigError(f"unknown section {key!r} (known: {known})")
    return Settings(**values)


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file; a missing file gives the defaults."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror}") from None
    import tomllib  # only when there is a file to parse: most starts have none

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
