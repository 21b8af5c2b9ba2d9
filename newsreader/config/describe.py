"""The settings in effect as commented TOML, for ``newsreader config``.

Each section and each setting is printed with the documentation written beside
it in :mod:`newsreader.config.settings`, so the output is the reference.
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Iterator
from typing import Any

from newsreader.config.settings import KEYS_DOC, SECTIONS, Settings


def toml_value(value: object) -> str:
    """``value`` written as TOML (strings quoted, lists and tables inline)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped) + '"'
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    return str(value)


def _doc_lines(text: str) -> Iterator[str]:
    for line in textwrap.wrap(text, width=96):
        yield f"# {line}"


def describe(settings: Settings) -> Iterator[str]:
    """Lines of TOML giving every setting in effect, each after its documentation."""
    for name, cls in SECTIONS.items():
        section: Any = getattr(settings, name)
        yield ""
        yield from _doc_lines(f"[{name}]: {cls.__doc__ or ''}".strip())
        yield f"[{name}]"
        for item in dataclasses.fields(cls):
            yield from _doc_lines(item.metadata.get("doc", ""))
            yield f"{item.name} = {toml_value(getattr(section, item.name))}"
    yield ""
    yield from _doc_lines(f"[keys]: {KEYS_DOC}")
    yield "[keys]"
    for binding, keys in settings.keys.items():
        yield f"{binding} = {toml_value(keys)}"
