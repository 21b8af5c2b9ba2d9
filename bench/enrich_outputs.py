"""What enrichment made of a fixed library, written out to compare two versions of the code.

Enrichment changes made for speed must not change what it makes. This script
prepares a library of fetched, not yet enriched articles once (the feeds of
``bench/fetch.py``, fetched with ``fetch --no-enrich`` from a local server),
then enriches a copy of it with the code on ``sys.path`` (``newsreader
enrich``, its worker process included) and writes every output a reader sees
or a later run reads, one line each, in a fixed order: each article's
summaries, topics (section, tags, rules) and story and rewrite, each story's
headline, size, times and summary, the report sentences and the enrichment
state. Two versions' files should be the same (``diff``)::

    python bench/enrich_outputs.py prepare RAW.db [--feeds 60] [--entries 50]
    python bench/enrich_outputs.py enrich RAW.db OUT.txt   # once per version
    diff main.txt branch.txt
    python bench/enrich_outputs.py both --feeds 2 --entries 5   # both steps, in a temp folder

Run ``enrich`` with the other version's code first on ``PYTHONPATH``
(``git archive main | tar -x -C DIR``) to get its file.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def prepare(raw: Path, feeds: int, entries: int) -> None:
    """A library of ``feeds`` x ``entries`` fetched articles, none enriched."""
    import fetch as fetch_bench

    with tempfile.TemporaryDirectory(prefix="bench-enrich-outputs-") as folder:
        work = Path(folder)
        port = fetch_bench.free_port()
        site = fetch_bench.Site(work / "site", f"http://127.0.0.1:{port}", feeds, entries)
        for f in range(feeds):
            site.write_feed("full", f)
        _name, server = fetch_bench.start_server("python", site.root, port, work)
        try:
            library = work / "library.db"
            fetch_bench.prepare_library(library, [site.url("full", f) for f in range(feeds)])
            made = fetch_bench.ours(library, enrich=False)
            print(f"{made['new']} articles stored, not enriched")
        finally:
            server.terminate()
            server.wait()
        shutil.copyfile(library, raw)


def enrich(raw: Path, out: Path) -> None:
    """Enrich a copy of ``raw`` with the code on ``sys.path`` and write what it made."""
    with tempfile.TemporaryDirectory(prefix="bench-enrich-outputs-") as folder:
        library = Path(folder) / "library.db"
        shutil.copyfile(raw, library)
        command = [sys.executable, "-c", "from newsreader.cli import main; main()"]
        command += ["--library", str(library), "enrich", "--timings"]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, env=_env())
        _, status, usage = os.wait4(process.pid, 0)
        printed = process.stdout.read().decode() if process.stdout else ""
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"newsreader enrich failed:\n{printed[-2000:]}")
        wall = time.perf_counter() - started
        cpu = usage.ru_utime + usage.ru_stime
        print(f"enrich: {wall:.2f} s wall, {cpu:.2f} s CPU (with its worker)")
        print(printed.strip().splitlines()[-1])
        out.write_text("".join(f"{line}\n" for line in dump(library)), encoding="utf-8")


def _env() -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.setdefault("NEWSREADER_CONFIG", os.devnull)
    return env


def dump(path: Path) -> list[str]:
    """Every output of enrichment in ``path``, one line each, in a fixed order."""
    conn = sqlite3.connect(path)
    lines: list[str] = []
    for row in conn.execute(
        "SELECT id, guid, story_id, rewrite_of FROM articles ORDER BY id"
    ).fetchall():
        lines.append("article {} {} story={} rewrite_of={}".format(*row))
    for row in conn.execute(
        "SELECT article_id, algorithm, sentences, payload FROM summaries"
        " ORDER BY article_id, algorithm, sentences"
    ):
        lines.append("summary {} {} {} {}".format(*row))
    for row in conn.execute(
        "SELECT a.article_id, a.origin, t.name FROM article_topics a"
        " JOIN topics t ON t.id = a.topic_id ORDER BY a.article_id, a.origin, t.name"
    ):
        lines.append("topic {} {} {}".format(*row))
    for row in conn.execute(
        "SELECT id, title, size, first_seen, last_seen, summary FROM stories ORDER BY id"
    ):
        lines.append("story {} {!r} size={} {} {} summary={!r}".format(*row))
    for row in conn.execute(
        "SELECT article_id, position, sentence FROM report_sentences ORDER BY article_id, position"
    ):
        lines.append("sentence {} {} {!r}".format(*row))
    for key, value in conn.execute("SELECT key, value FROM enrich_state ORDER BY key"):
        digest = hashlib.sha256(str(value).encode()).hexdigest()[:16]
        lines.append(f"state {key} {digest}")
    queued = conn.execute("SELECT count(*) FROM enrich_queue").fetchone()[0]
    lines.append(f"queued {queued}")
    conn.close()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("prepare", help="fetch a library, not enriched")
    made.add_argument("raw", type=Path)
    made.add_argument("--feeds", type=int, default=60)
    made.add_argument("--entries", type=int, default=50)
    enriched = commands.add_parser("enrich", help="enrich a copy and write its outputs")
    enriched.add_argument("raw", type=Path)
    enriched.add_argument("out", type=Path)
    both = commands.add_parser("both", help="prepare and enrich in a temporary folder")
    both.add_argument("--feeds", type=int, default=2)
    both.add_argument("--entries", type=int, default=5)
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.raw, args.feeds, args.entries)
    elif args.command == "enrich":
        enrich(args.raw, args.out)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-enrich-outputs-") as folder:
            raw, out = Path(folder) / "raw.db", Path(folder) / "out.txt"
            prepare(raw, args.feeds, args.entries)
            enrich(raw, out)
            print(f"{len(out.read_text(encoding='utf-8').splitlines())} output lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
