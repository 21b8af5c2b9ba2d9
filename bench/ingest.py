"""Benchmark ``newsreader import``: 1,000 and 10,000 articles, dated and undated.

Each import is a real ``newsreader import FOLDER`` process into a fresh library,
timed from the process start (its peak RSS read when it ends), of a folder of
plain-text reports (``bench/prose.py``: fictional events, four outlets each, in
twelve outlet folders). Undated files are the seeds' shape: a headline line
and paragraphs; dated ones carry a date line under the headline, spread over
thirty days, a few hours between the reports of one event. Printed: articles
per second, milliseconds per article, the process's CPU seconds (user +
system: a loaded machine moves them less than wall time), the 10k/1k
per-article cost ratio of wall and of CPU time (goal <= 1.3: the cost of an
article must not grow with the library), the CPU seconds by stage
(``--timings``) and the same split by process (the importing process and its
worker process, with the wall seconds the first waited for the second), the
CPU milliseconds an article spends being read and stored (goal <= 1 ms) and
how many articles got a date. Goal: 10,000 undated in <= 60 s.

    python bench/ingest.py [--sizes 1000 10000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import prose
from stages import by_process

OUTLETS = 12
_TIMINGS = re.compile(r"^timings \(CPU s\): (.*)$", re.MULTILINE)
_ADDED = re.compile(r"^(\d+) added,", re.MULTILINE)


def write_folder(folder: Path, count: int, dated: bool) -> None:
    """``count`` report files in ``OUTLETS`` outlet folders."""
    start = datetime(2026, 2, 1, 6, tzinfo=UTC)
    for n, (headline, paragraphs, event) in enumerate(prose.reports(count)):
        outlet = folder / f"outlet-{n % OUTLETS:02d}"
        outlet.mkdir(parents=True, exist_ok=True)
        lines = [headline, ""]
        if dated:
            when = start + timedelta(hours=(event * 7) % (30 * 24), minutes=(n % 4) * 50)
            lines += [when.strftime("%d %B %Y"), ""]
        lines.append("\n\n".join(paragraphs))
        (outlet / f"{n:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_import(folder: Path, library: Path) -> dict:
    """Time one ``newsreader import`` process from its start."""
    env = {**os.environ, "NO_COLOR": "1", "NEWSREADER_HOME": str(library.parent)}
    command = [sys.executable, "-c", "from newsreader.cli import main; main()"]
    command += ["--library", str(library), "import", "--timings", str(folder)]
    # Output goes to files: import prints a line a file, far more than a pipe holds
    # while nobody reads it (the process would block on a full pipe).
    out_file, err_file = library.parent / "stdout.txt", library.parent / "stderr.txt"
    with out_file.open("wb") as out_sink, err_file.open("wb") as err_sink:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out_sink, stderr=err_sink, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    out = out_file.read_text(encoding="utf-8", errors="replace")
    err = err_file.read_text(encoding="utf-8", errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"import failed: {err[-2000:]}{out[-2000:]}")
    added = _ADDED.search(out)
    timings = _TIMINGS.search(out)
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
        "added": int(added.group(1)) if added else 0,
        "timings": timings.group(1) if timings else "",
        "dated": dated_count(library),
    }


def dated_count(library: Path) -> int:
    from newsreader.store import Library

    with Library(library) as opened:
        return int(
            opened.conn.execute(
                "SELECT count(*) FROM articles WHERE published IS NOT NULL"
            ).fetchone()[0]
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    results: dict[tuple[str, int], list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
        root = Path(folder)
        for shape in ("undated", "dated"):
            for size in args.sizes:
                source = root / f"{shape}-{size}"
                write_folder(source, size, shape == "dated")
                for r in range(args.repeat):
                    library = root / f"lib-{shape}-{size}-{r}" / "library.sqlite"
                    library.parent.mkdir()
                    results.setdefault((shape, size), []).append(run_import(source, library))
    print_table(results, args.sizes)
    return 0


def print_table(results: dict[tuple[str, int], list[dict]], sizes: list[int]) -> None:
    rows = []
    per_article: dict[tuple[str, int], float] = {}
    per_article_cpu: dict[tuple[str, int], float] = {}
    for (shape, size), runs in results.items():
        wall = statistics.median(run["wall"] for run in runs)
        cpu = statistics.median(run["cpu"] for run in runs)
        last = runs[-1]
        per_article[(shape, size)] = wall / size
        per_article_cpu[(shape, size)] = cpu / size
        goal = " (goal <= 60 s)" if shape == "undated" and size == 10000 else ""
        rows.append(
            (
                f"{shape} {size:,}",
                f"{wall:.1f} s{goal}, {size / wall:.0f} articles/s, {1000 * wall / size:.1f} ms"
                f" each; CPU {cpu:.1f} s; {last['added']} added, {last['dated']} dated;"
                f" peak RSS {max(run['rss'] for run in runs):.0f} MB",
            )
        )
        rows.append((f"{shape} {size:,} CPU s", last["timings"]))
        stages = {
            stage: float(value)
            for stage, value in (
                part.rsplit(" ", 1) for part in last["timings"].split(", ") if " " in part
            )
        }
        rows.append((f"{shape} {size:,} by process", by_process(stages)))
        read_store = [
            stages[stage] for stage in ("read", "read (worker)", "store") if stage in stages
        ]
        if read_store:
            rows.append(
                (
                    f"{shape} {size:,} read+store",
                    f"{1000 * sum(read_store) / size:.2f} ms CPU an article (goal <= 1 ms)",
                )
            )
    small, large = min(sizes), max(sizes)
    for shape in ("undated", "dated"):
        if small != large and (shape, small) in per_article:
            ratio = per_article[(shape, large)] / per_article[(shape, small)]
            cpu_ratio = per_article_cpu[(shape, large)] / per_article_cpu[(shape, small)]
            rows.append(
                (
                    f"{shape}: {large:,}/{small:,} cost",
                    f"{ratio:.2f} per article (goal <= 1.3); of CPU time {cpu_ratio:.2f}",
                )
            )
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    sys.exit(main())
