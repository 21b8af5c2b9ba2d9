"""Finding the files to import and reading them safely.

:func:`walk` expands the paths given on the command line: files are taken as
they are, folders recursively in sorted order (by name, depth first). Inside
folders, hidden files and folders (names starting with ``.``) are skipped and
files of other types are counted as ignored; symbolic links are followed, each
folder is visited once, so link loops end. :func:`read_file` checks the size
before reading and decodes the bytes (:mod:`newsreader.importers.decoding`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsreader.importers.decoding import BinaryFile, Decoded, decode
from newsreader.safetext import one_line


class SkipFile(Exception):
    """A file (or one record of it) that cannot be imported.

    ``reason`` is a short category for the final counts ("binary file");
    ``detail`` is the one-line message shown for the file.
    """

    def __init__(self, reason: str, detail: str | None = None) -> None:
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail or reason


@dataclass(frozen=True)
class Found:
    """A file to import; ``display`` is its path as the user would write it."""

    path: Path
    display: str


@dataclass(frozen=True)
class Problem:
    """A path that cannot be imported, found while walking."""

    display: str
    reason: str
    detail: str


@dataclass(frozen=True)
class Ignored:
    """A file inside a folder that is not of an importable type."""

    display: str


Entry = Found | Problem | Ignored


def walk(paths: Iterable[str], importable: Callable[[Path], bool]) -> Iterator[Entry]:
    """Every file under ``paths``, in order, with the problems met on the way."""
    visited: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        try:
            info = path.stat()
        except FileNotFoundError:
            if path.is_symlink():
                yield _broken_link(path, given)
            else:
                yield Problem(given, "not found", "no such file or folder")
            continue
        except OSError as exc:
            yield Problem(given, "unreadable", f"cannot read: {_why(exc)}")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk_folder(path, given, importable, visited)
        elif importable(path):
            yield Found(path, given)
        else:
            yield Problem(
                given,
                "unsupported type",
                f"unsupported file type {path.suffix or '(no extension)'!r}",
            )


def _walk_folder(
    folder: Path,
    display: str,
    importable: Callable[[Path], bool],
    visited: set[tuple[int, int]],
) -> Iterator[Entry]:
    try:
        info = folder.stat()
        key = (info.st_dev, info.st_ino)
        if key in visited:  # a link back to a folder seen already: a loop or a repeat
            return
        visited.add(key)
        with os.scandir(folder) as scan:
            names = sorted(entry.name for entry in scan)
    except OSError as exc:
        yield Problem(display, "unreadable", f"cannot read folder: {_why(exc)}")
        return
    for name in names:
        if name.startswith("."):
            continue
        path = folder / name
        shown = os.path.join(display, name)
        try:
            is_dir = path.is_dir()
            exists = path.exists()
        except OSError as exc:
            yield Problem(shown, "unreadable", f"cannot read: {_why(exc)}")
            continue
        if is_dir:
            yield from _walk_folder(path, shown, importable, visited)
        elif not exists and path.is_symlink():
            if importable(path):
                yield _broken_link(path, shown)
            else:
                yield Ignored(shown)
        elif importable(path):
            yield Found(path, shown)
        else:
            yield Ignored(shown)


def _broken_link(path: Path, display: str) -> Problem:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return Problem(display, "broken link", f"broken symbolic link (points to {one_line(target)})")


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def read_regular_file(path: Path, max_bytes: int, setting: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, never blocking.

    The file is opened without blocking and checked on the open descriptor,
    so a FIFO, a device (a link to ``/dev/zero``) or a socket is refused
    before anything is read, even if it replaced the file a moment earlier;
    the size is checked before reading and again while reading. Raises
    :class:`SkipFile`; ``setting`` names the setting of the cap, if any.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if path.is_symlink():
            problem = _broken_link(path, str(path))
            raise SkipFile(problem.reason, problem.detail) from None
        raise SkipFile("not found", "no such file") from None
    except OSError as exc:
        raise SkipFile("unreadable", f"cannot read: {_why(exc)}") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise SkipFile("not a regular file", "a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise SkipFile("not a regular file", "not a regular file (a device, socket or pipe)")
        if info.st_size > max_bytes:
            raise SkipFile("too large", _too_large(info.st_size, max_bytes, setting))
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            # As much as fstat() said, and one byte more to see it grew: a read of
            # max_bytes + 1 would allocate the whole cap (5 MB) for every small file.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        raise SkipFile("unreadable", f"cannot read: {_why(exc)}") from None
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:  # it grew after fstat()
        raise SkipFile("too large", _too_large(len(data), max_bytes, setting))
    return data


def read_file(path: Path, max_bytes: int) -> Decoded:
    """The text of one file, refusing files over ``max_bytes`` before reading them.

    Raises :class:`SkipFile` for missing, unreadable, special, oversized,
    binary, empty and whitespace-only files.
    """
    data = read_regular_file(path, max_bytes, "library.max_import_bytes")
    if not data:
        raise SkipFile("empty file", "empty file")
    try:
        decoded = decode(data)
    except BinaryFile as exc:
        raise SkipFile("binary file", str(exc)) from None
    if not decoded.text.strip():
        raise SkipFile("empty file", "only white space")
    return decoded


def _too_large(size: int, limit: int, setting: str | None) -> str:
    if setting is None:
        return f"too large: {_megabytes(size)} is over the {_megabytes(limit)} limit"
    return (
        f"too large: {_megabytes(size)} is over the {_megabytes(limit)} import limit"
        f" (setting {setting})"
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"
