"""A user's write never fails for a lock; a write that cannot be made is one clear error.

Another process holding the write lock for longer than a busy timeout used to
allow (5 s) does not make a star fail: it waits and is stored. A full disk
(a small tmpfs in a mount namespace, as the suite may run as root) makes a
write fail whole, with one line saying the disk is full, and leaves what was
stored as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsreader.models import ArticleQuery, NewArticle
from newsreader.store import Library

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
TEXT = "The glaziers of the fictional town of Pell fitted new windows in the chapel. " * 8
#: Longer than the 5 s busy timeout that made stars fail while a refresh wrote.
HELD_SECONDS = 8.0
#: How long the lock stays held once an import has the library open: its first
#: write comes seconds later (its files read and cleaned), and must still wait.
HELD_FOR_IMPORT_SECONDS = 20.0

HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE articles SET read = read")
print("held", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
"""


@contextlib.contextmanager
def held_lock(path: Path) -> Iterator[Callable[[], None]]:
    """Another process holding the library's write lock; yields the function that releases it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    stdin = holder.stdin

    def release() -> None:
        stdin.write("release\n")
        stdin.flush()

    try:
        assert holder.stdout.readline().strip() == "held"
        yield release
    finally:
        holder.kill() if holder.poll() is None else None
        holder.wait()


def article(n: int, text: str = TEXT) -> NewArticle:
    return NewArticle(title=f"Windows {n}", text=f"{text} {n}", source_name="Pell")


def test_a_star_waits_for_another_process_s_long_transaction(isolated_home: Path) -> None:
    path = isolated_home / "library.sqlite"
    with Library(path) as library:
        added = library.add_article(article(1))
    with held_lock(path) as release:
        done = threading.Event()
        outcome: list[object] = []

        def star() -> None:
            try:
                with Library(path) as library:
                    library.set_starred(added.article_id)
                outcome.append("saved")
            except Exception as exc:  # what the test is about: reported below
                outcome.append(exc)
            done.set()

        worker = threading.Thread(target=star)
        worker.start()
        # The star waits (it neither fails nor gets through) while the lock is held.
        assert not done.wait(HELD_SECONDS), outcome
        release()
        assert done.wait(120)
        worker.join()
    assert outcome == ["saved"]
    with Library(path) as library:
        assert library.get_article(added.article_id).starred


def _opened(process: subprocess.Popen[str], path: Path) -> bool:
    """Wait until ``process`` has ``path`` open (its /proc fd links); False if it ended."""
    wanted = str(path.resolve())
    fds = Path(f"/proc/{process.pid}/fd")
    while process.poll() is None:
        with contextlib.suppress(OSError):
            if any(os.path.realpath(fd) == wanted for fd in fds.iterdir()):
                return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_an_import_waits_for_another_process_s_long_transaction(
    isolated_home: Path, tmp_path: Path
) -> None:
    path = isolated_home / "library.sqlite"
    with Library(path) as library:
        library.add_article(article(1))
    files = tmp_path / "files"
    files.mkdir()
    for n in range(3):
        (files / f"{n}.txt").write_text(f"Lead windows {n}\n\n{TEXT} Window {n}.\n")
    with held_lock(path) as release:
        importing = subprocess.Popen(
            [NEWSREADER, "--library", str(path), "import", str(files)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        # Once the import has the library open, the lock stays held longer than a
        # busy timeout of old: its writes come in that time and must wait, not fail.
        assert _opened(importing, path), "the import never opened the library"
        with pytest.raises(subprocess.TimeoutExpired):
            importing.wait(HELD_FOR_IMPORT_SECONDS)
        release()
        output, _ = importing.communicate(timeout=300)
    assert importing.returncode == 0, output
    assert "locked" not in output and "could not store" not in output
    with Library(path) as library:
        titles = {row.title for row in library.list_articles(ArticleQuery(), limit=10)}
    assert titles == {"Windows 1", *(f"Lead windows {n}" for n in range(3))}


FULL_DISK = """
import json, os, subprocess, sys
from newsreader.models import ArticleQuery, NewArticle
from newsreader.store import Library, LibraryWriteError

folder, newsreader, new_file = sys.argv[1:4]
path = os.path.join(folder, "library.sqlite")
report = {}
library = Library(path)
report["before"] = library.count_articles(ArticleQuery())
filler = os.path.join(folder, "filler")
with open(filler, "wb", buffering=0) as handle:  # fill the disk to the last block
    try:
        while True:
            handle.write(bytes(4096))
    except OSError:
        pass
for name, write in (
    ("star", lambda: library.set_starred(1)),
    ("articles", lambda: library.add_articles(
        [NewArticle(title=f"Big {n}", text="glass " * 40000 + str(n), source_name="Pell")
         for n in range(5)])),
):
    try:
        write()
        report[name] = "written"
    except LibraryWriteError as exc:
        report[name] = str(exc)
library.close()
done = subprocess.run([newsreader, "--library", path, "import", new_file],
                      capture_output=True, text=True)
report["import"] = [done.returncode, done.stdout, done.stderr]
os.unlink(filler)
library = Library(path)
report["integrity"] = library.conn.execute("PRAGMA integrity_check").fetchone()[0]
report["after"] = library.count_articles(ArticleQuery())
report["starred"] = library.get_article(1).starred
library.close()
print(json.dumps(report))
"""


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare for a small tmpfs")
def test_a_full_disk_fails_a_write_whole_with_one_line(tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite"
    with Library(source) as library:
        library.add_articles([article(n) for n in range(1, 4)])
    new_file = tmp_path / "new.txt"
    new_file.write_text("A new window\n\n" + "stained glass and lead " * 20000)
    script = tmp_path / "full_disk.py"
    script.write_text(FULL_DISK)
    mount = tmp_path / "disk"
    mount.mkdir()
    where = shlex.quote(str(mount))
    check = shlex.join([sys.executable, str(script), str(mount), NEWSREADER, str(new_file)])
    command = (
        f"mount -t tmpfs -o size=2m tmpfs {where}"
        f" && cp {shlex.quote(str(source))} {where}/library.sqlite && {check}"
    )
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", command],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ,
    )
    if done.returncode != 0 and "mount" in done.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["star"].endswith("the disk is full; nothing of this was written")
    assert report["articles"].endswith("the disk is full; nothing of this was written")
    status, out, err = report["import"]
    assert status == 1 and "Traceback" not in err
    assert "disk is full" in out + err
    assert report["integrity"] == "ok"
    assert report["before"] == report["after"] == 3  # nothing lost, nothing half-written
    assert report["starred"] is False
