"""Benchmark a refresh: 200 feeds of 50 news-like entries from 127.0.0.1, beside newsboat.

The feeds are static files (RSS 2.0, ~300-word reports of fictional events told
by several outlets: see ``bench/prose.py``) served by nginx from a temporary
folder when nginx is installed (it answers conditional GETs with 304, as a
real site's server does), else by a Python server in another process that
does the same. Each of our runs is a fresh process (timed from its start,
its peak RSS read when it ends) refreshing a library prepared beforehand:

* cold: every entry is new: fetched, parsed, stored, enriched (summary,
  topics, story), stories summarised;
* warm: the same again, every feed answers 304;
* 10% new: a tenth of the feeds gained five entries (and dropped their five
  oldest);
* teaser-only (our row alone): every entry is a one-sentence teaser whose
  page is fetched and its text extracted with trafilatura;
* cold, no enrichment: stored only (``fetch --no-enrich``), once;
* with ``--second-process``: cold again, the enrichment in a second process
  (``fetch --no-enrich`` beside a process enriching what it stores, batch by
  batch, then the stories): whether a second process pays on this machine's
  cores, against the cold run with enrichment in the fetching process; and
  cold once more with the feeds parsed in the fetching process
  (``[library] worker_processes = 0``): whether the worker process pays.

Where ``newsboat`` is installed, its ``newsboat -x reload`` of the same feeds
(its own urls file, cache and config in the temporary folder, the same number
of connections) runs interleaved with ours, cold, warm and 10% new, and the
ratio is printed, of wall time and of CPU time (user + system, which a loaded
machine moves less). Medians of ``--repeat`` runs; the CPU seconds by stage
(threads added up) are printed for our cold, warm and 10% new runs, and for the
last cold run the same split by process (the fetching process and its worker
process, stages marked ``(worker)``), with the wall seconds the fetching process
waited for the worker. Goals:
cold <= 30 s, warm <= 2 s, 10% new <= newsboat's time, peak RSS <= 200 MB;
the stretch goal is cold within 2x of newsboat.

    python bench/fetch.py [--feeds 200] [--entries 50] [--repeat 3] [--teaser-feeds N]
                          [--server auto|nginx|python] [--no-newsboat] [--second-process]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fetch_runs import newsboat, ours, prepare_library, two_processes
from fetch_site import NEW_ENTRIES, Site, free_port, start_server
from stages import by_process as stages_by_process

NEW_SHARE = 0.1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8, help="newsboat's reload-threads")
    parser.add_argument("--teaser-feeds", type=int, help="feeds in the teaser-only row")
    parser.add_argument("--server", choices=("auto", "nginx", "python"), default="auto")
    parser.add_argument("--no-newsboat", action="store_true")
    parser.add_argument(
        "--second-process", action="store_true", help="also: cold, enrichment in a second process"
    )
    args = parser.parse_args()
    with_newsboat = not args.no_newsboat and shutil.which("newsboat") is not None
    teaser_feeds = args.feeds if args.teaser_feeds is None else args.teaser_feeds
    with tempfile.TemporaryDirectory(prefix="bench-fetch-") as folder:
        work = Path(folder)
        os.chmod(work, 0o755)
        port = free_port()
        site = Site(work / "site", f"http://127.0.0.1:{port}", args.feeds, args.entries)
        for f in range(args.feeds):
            site.write_feed("full", f)
        for f in range(teaser_feeds):
            site.write_feed("teaser", f)
        server_name, server = start_server(args.server, work / "site", port, work)
        try:
            runs = [
                one_repeat(site, work / f"run{r}", args, teaser_feeds, with_newsboat)
                for r in range(args.repeat)
            ]
            bare = ours_cold_no_enrich(site, work / "bare", args.feeds)
            split = one_process = None
            if args.second_process:
                (work / "split").mkdir()
                library = work / "split" / "library.sqlite"
                prepare_library(library, [site.url("full", f) for f in range(args.feeds)])
                split = two_processes(library, work / "split")
                one_process = cold_in_one_process(site, work / "one-process", args.feeds)
        finally:
            server.terminate()
            server.wait(30)
    print_table(runs, bare, args, teaser_feeds, server_name, with_newsboat, split, one_process)
    return 0


def one_repeat(site: Site, work: Path, args: argparse.Namespace, teasers: int, nb: bool) -> dict:
    """Cold, warm, 10% new for us and newsboat (interleaved), then our teaser-only cold."""
    work.mkdir()
    urls = [site.url("full", f) for f in range(args.feeds)]
    library = work / "library.sqlite"
    prepare_library(library, urls)
    run: dict = {"cold": ours(library)}
    if nb:
        run["nb_cold"] = newsboat(work / "newsboat", urls, args.concurrency)
    run["warm"] = ours(library)
    if nb:
        run["nb_warm"] = newsboat(work / "newsboat", urls, args.concurrency)
    changed = range(0, args.feeds, max(1, round(1 / NEW_SHARE)))
    for f in changed:
        site.write_feed("full", f, new=NEW_ENTRIES)
    run["new"] = ours(library)
    if nb:
        run["nb_new"] = newsboat(work / "newsboat", urls, args.concurrency)
    for f in changed:
        site.write_feed("full", f)  # as before, for the next repeat
    if teasers:
        teaser_library = work / "teasers.sqlite"
        prepare_library(teaser_library, [site.url("teaser", f) for f in range(teasers)])
        run["teaser"] = ours(teaser_library)
    return run


def cold_in_one_process(site: Site, work: Path, feeds: int) -> dict:
    """Cold, with enrichment, all in the fetching process (no worker process)."""
    work.mkdir()
    library = work / "library.sqlite"
    prepare_library(library, [site.url("full", f) for f in range(feeds)])
    config = work / "config.toml"
    config.write_text("[library]\nworker_processes = 0\n", encoding="utf-8")
    return ours(library, config=config)


def ours_cold_no_enrich(site: Site, work: Path, feeds: int) -> dict:
    work.mkdir()
    library = work / "library.sqlite"
    prepare_library(library, [site.url("full", f) for f in range(feeds)])
    return ours(library, enrich=False)


def print_table(
    runs: list[dict],
    bare: dict,
    args: argparse.Namespace,
    teasers: int,
    server: str,
    nb: bool,
    split: dict | None = None,
    one_process: dict | None = None,
) -> None:
    def median(key: str, field: str = "wall") -> float:
        return statistics.median(run[key][field] for run in runs)

    def each(key: str, field: str = "wall") -> str:
        return ", ".join(f"{run[key][field]:.2f}" for run in runs)

    def beside(key: str) -> str:
        if not nb:
            return "newsboat not run"
        theirs = median(f"nb_{key}")
        ratio = median(key) / theirs
        cpu = median(f"nb_{key}", "cpu")
        cpu_ratio = median(key, "cpu") / cpu if cpu else float("inf")
        return (
            f"newsboat {theirs:.2f} s (runs {each(f'nb_{key}')}); ours/newsboat {ratio:.1f}x;"
            f" CPU {median(key, 'cpu'):.1f} / {cpu:.1f} s = {cpu_ratio:.1f}x"
        )

    last = runs[-1]
    total = args.feeds * args.entries
    rows = [
        (
            "feeds x entries",
            f"{args.feeds} x {args.entries}, ~300-word reports; served by {server}",
        ),
        ("runs", f"{len(runs)}, each a fresh process and library (medians; each run listed)"),
        ("cold: time", f"{median('cold'):.2f} s (goal <= 30 s; runs {each('cold')})"),
        ("cold: beside newsboat", beside("cold")),
        (
            "cold: stored, enriched",
            f"{last['cold']['new']} of {total} new, {last['cold']['enriched']} enriched,"
            f" {last['cold']['pending']} left waiting",
        ),
        ("cold: articles/s", f"{total / median('cold'):.0f}"),
        (
            "cold, no enrichment",
            f"{bare['wall']:.2f} s, CPU {bare['cpu']:.1f} s (one run; {bare['new']} stored)",
        ),
        *(
            [
                (
                    "cold, second process",
                    f"{split['wall']:.2f} s, CPU {split['cpu']:.1f} s (one run; {split['new']}"
                    f" stored, {split['pending']} left waiting); / cold in one process"
                    f" {split['wall'] / runs[-1]['cold']['wall']:.2f}x",
                )
            ]
            if split
            else []
        ),
        *(
            [
                (
                    "cold, one process",
                    f"{one_process['wall']:.2f} s, CPU {one_process['cpu']:.1f} s (one run; no"
                    " worker process, `[library] worker_processes = 0`); cold / this"
                    f" {runs[-1]['cold']['wall'] / one_process['wall']:.2f}x",
                )
            ]
            if one_process
            else []
        ),
        ("warm: time (all 304)", f"{median('warm'):.2f} s (goal <= 2 s; runs {each('warm')})"),
        ("warm: beside newsboat", beside("warm")),
        ("warm: answered 304", f"{last['warm']['not_modified']} of {args.feeds}"),
        (
            "10% new: time",
            f"{median('new'):.2f} s ({last['new']['new']} new; goal <= newsboat's; runs"
            f" {each('new')})",
        ),
        ("10% new: beside newsboat", beside("new")),
    ]
    if teasers:
        pages = last["teaser"]["pages"]
        rows.append(
            (
                "teaser-only: time",
                f"{median('teaser'):.2f} s ({teasers} feeds, {pages} pages extracted,"
                f" {last['teaser']['new']} stored; runs {each('teaser')})",
            )
        )
    peak = max(
        run[key]["rss"] for run in runs for key in ("cold", "warm", "new", "teaser") if key in run
    )
    rows.append(("peak RSS", f"{peak:.0f} MB (goal <= 200 MB; largest of our runs)"))
    if nb:
        rows.append(("newsboat peak RSS", f"{max(run['nb_cold']['rss'] for run in runs):.0f} MB"))
    for key, name in (("cold", "cold"), ("warm", "warm"), ("new", "10% new")):
        stages: dict[str, list[float]] = {}
        for run in runs:
            for stage, seconds in run[key]["seconds"].items():
                stages.setdefault(stage, []).append(seconds)
        split = ", ".join(
            f"{stage} {statistics.median(values):.1f}"
            for stage, values in sorted(
                stages.items(), key=lambda item: -statistics.median(item[1])
            )
        )
        rows.append((f"{name}: CPU s by stage", f"{split} (process {median(key, 'cpu'):.1f})"))
        if key == "cold":
            rows.append(("cold: by process", stages_by_process(last[key]["seconds"])))
    if teasers:
        teaser_split = ", ".join(
            f"{stage} {seconds:.1f}"
            for stage, seconds in sorted(last["teaser"]["seconds"].items(), key=lambda i: -i[1])
        )
        rows.append(("teaser-only: CPU s by stage", teaser_split))
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    for run in runs:
        for key, value in run.items():
            for problem in value.get("failed", []):
                print(f"error ({key}): {problem}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
