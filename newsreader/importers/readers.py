"""Which reader handles which file: by extension, case-insensitive."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newsreader.importers import html, jsonfile, markdown, plaintext
from newsreader.importers.base import FileContext, Record

Reader = Callable[[str, FileContext], list[Record]]

#: File extension -> reader. Add a format by adding a line.
READERS: dict[str, Reader] = {
    ".txt": plaintext.read,
    ".text": plaintext.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".html": html.read,
    ".htm": html.read,
    ".xhtml": html.read,
    ".json": jsonfile.read_json,
    ".jsonl": jsonfile.read_jsonl,
    ".ndjson": jsonfile.read_jsonl,
}


def reader_for(path: Path) -> Reader | None:
    """The reader for a file, or None when its type is not importable."""
    return READERS.get(path.suffix.lower())


def importable(path: Path) -> bool:
    """True when :func:`reader_for` has a reader for the file."""
    return reader_for(path) is not None
