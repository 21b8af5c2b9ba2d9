"""A user's write never fails for a lock; a write that cannot be made is one clear error.

Another process holding the write lock for longer than a busy timeout used to
allow (5 s) does not make a star fail: it waits and is stored. A full disk
(a small tmpfs in a mount namespace, as the suite may run as root) makes a
write fail whole, with one line saying the disk is full, and leaves what was
stored as it was.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from newsreader.models import NewArticle
from newsreader.store import Library

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
TEXT = "The glaziers of the fictional town of Pell fitted new windows in the chapel. " * 8
#: Longer than the 5 s busy timeout that made stars fail while a refresh wrote.
HELD_SECONDS = 8.0

HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE articles SET read = read")
print("held", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
"""


def article(n: int, text: str = TEXT) -> NewArticle:
    return NewArticle(title=f"Windows {n}", text=f"{text} {n}", source_name="Pell")


def test_a_star_waits_for_another_process_s_long_transaction(isolated_home: Path) -> None:
    path = isolated_home / "library.sqlite"
    with Library(path) as library:
        added = library.add_article(article(1))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "held"
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
        holder.stdin.write("release\n")
        holder.stdin.flush()
        assert done.wait(120)
        worker.join()
    finally:
        holder.kill() if holder.poll() is None else None
        holder.wait()
    assert outcome == ["saved"]
    with Library(path) as library:
        assert library.get_article(added.article_id).starred


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
