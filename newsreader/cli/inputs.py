"""A command's input and output files: regular files only, read with a cap, written whole.

``opml import``, ``topics classify`` and ``summarize`` read what the user
names. A FIFO would block them, ``/dev/zero`` would fill memory: the file is
opened without blocking and refused unless it is a regular file, and no more
than a cap is ever read (:func:`newsreader.importers.files.read_regular_file`).
An output file is written next to its place and renamed over it, so a full
disk or a killed process leaves the old file or the new one, never half of it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

import click

from newsreader.importers.files import SkipFile, read_regular_file
from newsreader.safetext import one_line


def read_input(source: str, max_bytes: int) -> tuple[str, bytes]:
    """(label, bytes) of a file path, or of standard input for ``-``.

    Raises :class:`click.ClickException` with one line naming the input.
    """
    if source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        label = "standard input"
    else:
        label = one_line(source)
        try:
            data = read_regular_file(Path(source), max_bytes)
        except SkipFile as exc:
            detail = one_line(exc.detail)
            if not detail.startswith("cannot read"):
                detail = f"cannot read: {detail}"
            raise click.ClickException(f"{label}: {detail}") from None
    if len(data) > max_bytes:
        raise click.ClickException(f"{label}: too large (over {max_bytes:,} bytes)")
    return label, data


def write_whole_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once (a temporary file renamed over it).

    Raises :class:`click.ClickException` with one line naming the file.
    """
    label = one_line(str(path))
    folder = path.parent
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise click.ClickException(f"{label}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise click.ClickException(f"{label}: cannot write: {exc.strerror or exc}") from None


def _mode_for(path: Path) -> int:
    """The permissions the file has now, or those a new file gets (0666 less the umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
