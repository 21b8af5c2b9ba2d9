"""The early paint's style cache: the colours Textual drew each role in, last time.

One small JSON file in the user's cache folder (newsreader.paths). Each entry is kept
under a key made of everything that decides what Textual's first frame looks like
apart from the library: the terminal's size, the environment that picks the colour
system and theme (``TERM``, ``COLORTERM``, ``NO_COLOR``, ``TEXTUAL_*``...), the
reader's key and display settings, the versions of Textual and Rich, and the
reader's own code (its files' sizes and times). An entry holds, per role of
:mod:`tui.paint_layout`, the style (SGR attributes and colours) Textual drew it
in, and the key hints' line (drawn from the settings, the same for the same key).
Nothing of the library is kept: the rows are read anew each start.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from pathlib import Path
from typing import Any

#: Bumped when the entries' form changes.
VERSION = 1
#: Entries kept (one per terminal size and colour system met).
MAX_ENTRIES = 12
#: Variables, besides every ``TEXTUAL_*`` one, that Textual or Rich read to choose
#: colours, the theme or the size.
ENV = (
    "TERM",
    "COLORTERM",
    "NO_COLOR",
    "FORCE_COLOR",
    "TERM_PROGRAM",
    "LC_TERMINAL",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "UNICODE_VERSION",
    "COLUMNS",
    "LINES",
    "ROWS",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
)
#: A style as stored: (SGR attributes, text colour, background).
StoredPen = list[Any]


def cache_file() -> Path:
    """Where the entries live (the user's cache folder)."""
    from newsreader.paths import user_dir

    return user_dir("cache") / "first-frame.json"


def _code_stamp() -> str:
    """The reader's code and the installed Textual and Rich (their files' sizes and times:
    an upgrade changes them), found without importing them."""
    from importlib.util import find_spec

    files: list[Path] = []
    for name in ("textual", "rich"):
        spec = find_spec(name)
        if spec is not None and spec.origin:
            files.append(Path(spec.origin))
    parts = []
    for path in files:
        with contextlib.suppress(OSError):
            stat = path.stat()
            parts.append(f"{path} {stat.st_size} {stat.st_mtime_ns}")
    parts += sorted(_code_files(os.path.dirname(os.path.realpath(__file__))))
    return "\n".join(parts)


def _code_files(folder: str) -> list[str]:
    """``path size time`` of every ``.py`` and ``.tcss`` file under ``folder`` (a walk with
    os.scandir: Path.rglob costs more than the whole key)."""
    found = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    found += _code_files(entry.path)
            elif entry.name.endswith((".py", ".tcss")):
                with contextlib.suppress(OSError):
                    stat = entry.stat()
                    found.append(f"{entry.path} {stat.st_size} {stat.st_mtime_ns}")
    return found


def cache_key(size: tuple[int, int], settings_text: str) -> str:
    """The key of the entry for a terminal of ``size`` (columns, lines) and the reader's
    settings (``settings_text``: the ones the first frame depends on, as text)."""
    env = sorted(
        (name, value)
        for name, value in os.environ.items()
        if name in ENV or name.startswith("TEXTUAL_")
    )
    text = json.dumps([VERSION, list(size), env, settings_text, _code_stamp()]).encode()
    # A key among a dozen entries, not a secret: two checksums and the length, without
    # loading OpenSSL's hashlib (zlib is loaded already). A false match would paint old
    # styles once, which Textual's first frame then corrects and the check drops.
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(text):x}"


def _read(path: Path) -> dict[str, Any]:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict) or found.get("version") != VERSION:
        return {}
    entries = found.get("entries")
    return entries if isinstance(entries, dict) else {}


def load(key: str, path: Path | None = None) -> dict[str, Any] | None:
    """The entry for ``key``, None when there is none (or the file is unreadable)."""
    entry = _read(path or cache_file()).get(key)
    return entry if isinstance(entry, dict) else None


def save(key: str, entry: dict[str, Any] | None, path: Path | None = None) -> None:
    """Keep ``entry`` under ``key`` (None: forget it), written whole or not at all."""
    path = path or cache_file()
    entries = _read(path)
    entries.pop(key, None)
    if entry is not None:
        entries[key] = entry  # the newest last: the oldest go first
    while len(entries) > MAX_ENTRIES:
        entries.pop(next(iter(entries)))
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(json.dumps({"version": VERSION, "entries": entries}), "utf-8")
        os.replace(temporary, path)
