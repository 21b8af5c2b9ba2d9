"""The fetch bench's timed processes: our ``newsreader fetch`` and ``newsboat -x reload``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

#: Our runs: plain output.
CLI_ENV = {**os.environ, "NO_COLOR": "1"}


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float, str]:
    """(wall seconds from process start, CPU seconds, peak RSS MB, stdout) of one process.

    CPU seconds are user + system time of the process and its threads (``wait4``):
    on a shared, loaded machine they move far less than wall time does.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    reader = threading.Thread(target=lambda: output.append(process.stdout.read()))  # type: ignore[union-attr]
    output: list[bytes] = []
    reader.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    reader.join()
    err = process.stderr.read() if process.stderr else b""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: some feed failed, reported in the table
        raise SystemExit(f"{command[0]} failed ({code}): {err.decode()[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, output[0].decode()


_SUMMARY = re.compile(
    r"^(\d+) feeds: (\d+) new, (\d+) updated, (\d+) unchanged, (\d+) pages extracted,"
    r" (\d+) with errors",
    re.MULTILINE,
)
_TIMINGS = re.compile(r"^timings \(CPU s\): (.*)$", re.MULTILINE)


def ours(library: Path, enrich: bool = True, config: Path | None = None) -> dict:
    """One ``newsreader fetch`` process on a prepared library (``config``: a settings file)."""
    command = [sys.executable, "-c", "from newsreader.cli import main; main()"]
    command += ["--library", str(library), "fetch", "--timings"]
    env = {**CLI_ENV, "NEWSREADER_CONFIG": str(config)} if config else CLI_ENV
    wall, cpu, rss, out = timed(command + ([] if enrich else ["--no-enrich"]), env)
    summary = _SUMMARY.search(out)
    if summary is None:
        raise SystemExit(f"newsreader fetch printed no summary:\n{out[-2000:]}")
    timings = _TIMINGS.search(out)
    seconds = {}
    for part in timings.group(1).split(", ") if timings else []:
        stage, _, value = part.rpartition(" ")
        seconds[stage] = float(value)
    from newsreader.store import Library

    with Library(library) as opened:
        pending = opened.count_pending_enrichment()
        enriched = opened.conn.execute(
            "SELECT count(*) FROM articles WHERE story_id IS NOT NULL"
        ).fetchone()[0]
    errors = [line.strip() for line in out.splitlines() if line.startswith(("  error:", "error:"))]
    return {
        "wall": wall,
        "cpu": cpu,
        "rss": rss,
        "new": int(summary.group(2)),
        "pages": int(summary.group(5)),
        "failed": errors[:3],
        "not_modified": out.count(": not modified,"),
        "enriched": enriched,
        "pending": pending,
        "seconds": seconds,
    }


ENRICHER = r"""
import sys, time
from pathlib import Path
from newsreader.config import load_settings
from newsreader.ingest.enrichment import Enricher
from newsreader.store import Library
library_path, done_flag = sys.argv[1], Path(sys.argv[2])
with Library(library_path) as library:
    enricher = Enricher(library, load_settings())
    while True:
        fetch_done = done_flag.exists()  # read before the queue: nothing stored after it is missed
        if enricher.next_batch() is None:
            if fetch_done:
                break
            time.sleep(0.05)  # waiting for the fetching process to store more
    enricher.summarise_stories()  # once, as a fetch does at its end
"""


def two_processes(library: Path, work: Path) -> dict:
    """``fetch --no-enrich`` beside an enriching process: wall time until both end."""
    done_flag = work / "fetch-done"
    started = time.perf_counter()
    enricher = subprocess.Popen(
        [sys.executable, "-c", ENRICHER, str(library), str(done_flag)], env=CLI_ENV
    )
    fetched = ours(library, enrich=False)
    done_flag.touch()
    _, status, usage = os.wait4(enricher.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the enriching process failed ({status})")
    wall = time.perf_counter() - started
    from newsreader.store import Library

    with Library(library) as opened:
        pending = opened.count_pending_enrichment()
    cpu = fetched["cpu"] + usage.ru_utime + usage.ru_stime
    return {**fetched, "wall": wall, "cpu": cpu, "pending": pending}


def prepare_library(path: Path, urls: list[str]) -> None:
    from newsreader.store import Library

    with Library(path) as library:
        for n, url in enumerate(urls):
            library.add_feed(url, f"Courier {n}", full_text="auto")


def newsboat(work: Path, urls: list[str], concurrency: int) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    (work / "urls").write_text("".join(f"{u}\n" for u in urls))
    (work / "config").write_text(f"reload-threads {concurrency}\n")
    env = {**os.environ, "HOME": str(work)}
    command = ["newsboat", "-u", str(work / "urls"), "-c", str(work / "cache.db")]
    command += ["-C", str(work / "config"), "-x", "reload"]
    wall, cpu, rss, _ = timed(command, env)
    return {"wall": wall, "cpu": cpu, "rss": rss}
