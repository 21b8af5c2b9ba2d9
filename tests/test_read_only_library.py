"""A library on a read-only mount: reading commands work, writing ones say it is read-only.

The library is made in a temporary folder, then every command runs as a real
process in a mount namespace where that folder is bind-mounted read-only
(``unshare``), which holds for root as well: CI runs the suite as root, and
chmod alone does not stop root. Without ``unshare``, a user other than root
gets the same with a read-only folder and file.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
TEXT = "The clockmakers of the fictional town of Brill mended the tower clock on Monday. " * 6


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount --bind / / 2>/dev/null; true"],
        capture_output=True,
    )
    return probe.returncode == 0


UNSHARE = _unshare_works()
pytestmark = pytest.mark.skipif(
    not UNSHARE and os.geteuid() == 0,
    reason="needs unshare (a read-only bind mount) when running as root",
)


def newsreader(*args: str) -> list[str]:
    return [NEWSREADER, *args]


def run_read_only(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run newsreader with ``folder`` read-only (a read-only bind mount, or chmod)."""
    command = shlex.join(newsreader(*args))
    if UNSHARE:
        where = shlex.quote(str(folder))
        script = f"mount --bind {where} {where} && mount -o remount,bind,ro {where} && {command}"
        argv = ["unshare", "-rm", "sh", "-c", script]
    else:
        argv = ["sh", "-c", command]
    return subprocess.run(
        argv, capture_output=True, text=True, timeout=300, env=os.environ, stdin=subprocess.DEVNULL
    )


@pytest.fixture
def read_only_home(isolated_home: Path, tmp_path: Path):
    files = tmp_path / "brill"
    files.mkdir()
    for n in range(3):
        (files / f"clock-{n}.txt").write_text(f"Clock mended, day {n}\n\n{TEXT} Day {n}.")
    subprocess.run(newsreader("import", str(files)), check=True, capture_output=True)
    library = isolated_home / "library.sqlite"
    assert library.read_bytes()[18:20] == b"\x02\x02"  # a WAL library (file format 2)
    if not UNSHARE:
        library.chmod(0o444)
        isolated_home.chmod(0o555)
    yield isolated_home
    isolated_home.chmod(0o755)
    library.chmod(0o644)


def test_reading_commands_work_read_only(read_only_home: Path) -> None:
    listing = run_read_only(read_only_home, "list", "--json")
    assert listing.returncode == 0, listing.stderr
    rows = json.loads(listing.stdout)
    assert len(rows) == 3
    for args in (
        ["list"],
        ["show", str(rows[0]["id"])],
        ["show", str(rows[0]["id"]), "--json"],
        ["stats"],
        ["feeds"],
        ["topics"],
        ["list", "--stories"],
        ["opml", "export"],
        ["list", "--search", "clock"],
    ):
        result = run_read_only(read_only_home, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["import", "{files}"],
        ["add", "http://127.0.0.1:9/feed.xml"],
        ["fetch"],
        ["remove", "1"],
        ["enrich"],
        ["opml", "import", "{opml}"],
        ["topics", "apply"],
    ],
    ids=" ".join,
)
def test_writing_commands_say_the_library_is_read_only(
    read_only_home: Path, tmp_path: Path, args: list[str]
) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="x" xmlUrl="https://x.example/"/></body></opml>'
    )
    more = tmp_path / "more"
    more.mkdir()
    (more / "new.txt").write_text(f"A new clock\n\n{TEXT} New.")
    argv = [a.format(files=more, opml=opml) for a in args]
    result = run_read_only(read_only_home, *argv)
    assert result.returncode == 1, (argv, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "the library cannot be changed here (read-only); it can still be read" in line, line
