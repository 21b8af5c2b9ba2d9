"""Benchmark sync against the loopback Google Reader server (tests/sync/greader_server.py).

The server runs in a child process (so it does not share this process's GIL),
holding ``--feeds`` feeds of ``--articles`` unread articles of about 400 words.
Each run, into a fresh library under a temporary folder, measures:

* the first sync: push, pull and store every article (calls, seconds, articles/s),
  then the enrichment of those articles (summary, topics, story), which is
  the articles' ingest cost the first sync should be bounded by;
* a sync with nothing new (goal: <= 3 calls and <= 0.5 s);
* pushing ``--marks`` read marks made offline (calls, seconds, marks/s).

    python bench/sync.py [--feeds 12] [--articles 250] [--marks 1000] [--repeat 3]
                         [--no-enrich]

The machine is shared and noisy: each figure is printed per run and as the
median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def serve(
    feeds: int, articles: int, ready: multiprocessing.Queue, stop: multiprocessing.Event
) -> None:
    """The loopback server with its feeds, until ``stop`` is set."""
    sys.path.insert(0, str(ROOT / "tests" / "sync"))
    from greader_server import GReaderServer
    from prose import article_text

    rng = random.Random(5)
    server = GReaderServer()
    for feed in range(feeds):
        url = f"http://feeds.bench/{feed}"
        entries = [
            (
                f"Feed {feed} article {n}",
                f"{url}/{n}",
                "".join(f"<p>{p}</p>" for p in article_text(rng)),
            )
            for n in range(articles)
        ]
        server.fetchable[url] = (f"Bench feed {feed}", entries)
        server._subscribe(url)
    server.start()
    ready.put(server.url)
    stop.wait()
    server.stop()


def one_run(url: str, args: argparse.Namespace, folder: Path) -> dict[str, float]:
    from newsreader.config import Settings
    from newsreader.ingest import enrich, last_report
    from newsreader.store import Library
    from newsreader.sync import sync_library

    settings = Settings()
    figures: dict[str, float] = {}
    with Library(folder / "library.sqlite") as library:
        library.set_sync_account("greader", url, "reader")
        first = sync_library(library, settings)
        if not first.ok:
            raise SystemExit(f"first sync failed: {first.error}")
        figures.update(first_calls=first.calls, first_s=first.seconds, first_n=len(first.new_ids))
        started = time.perf_counter()
        if not args.no_enrich:  # the synced articles wait in the enrichment queue
            last_report(enrich(library, settings))
        figures["enrich_s"] = time.perf_counter() - started
        quiet = sync_library(library, settings)
        figures.update(quiet_calls=quiet.calls, quiet_s=quiet.seconds)
        for row in library.list_articles(limit=args.marks):
            library.set_read(row.id)
        marks = library.pending_count()
        pushed = sync_library(library, settings)
        figures.update(push_calls=pushed.calls, push_s=pushed.seconds, push_n=marks)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=12)
    parser.add_argument("--articles", type=int, default=250)
    parser.add_argument("--marks", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-enrich", action="store_true", help="skip the enrichment timing")
    args = parser.parse_args()
    os.environ["NEWSREADER_GREADER_PASSWORD"] = "secret-api-pass"
    context = multiprocessing.get_context("spawn")
    runs: list[dict[str, float]] = []
    print(f"{args.feeds} feeds x {args.articles} articles, {args.marks} marks, loopback server")
    for run in range(args.repeat):
        # A fresh server each run: the marks a run pushes would leave the next fewer unread.
        ready: multiprocessing.Queue = context.Queue()
        stop = context.Event()
        child = context.Process(target=serve, args=(args.feeds, args.articles, ready, stop))
        child.start()
        try:
            url = ready.get(timeout=600)
            with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
                runs.append(one_run(url, args, Path(folder)))
        finally:
            stop.set()
            child.join(timeout=30)
        f = runs[-1]
        print(
            f"run {run + 1}: first {f['first_s']:.2f} s ({f['first_n']:.0f} articles),"
            f" enrich {f['enrich_s']:.2f} s, nothing new {f['quiet_s']:.3f} s,"
            f" push {f['push_s']:.2f} s"
        )

    def med(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    def rate(count: float, seconds: float) -> str:
        return f"{count / seconds:,.0f}" if seconds > 0 else "-"

    rows = [
        ("first sync (pull, store)", med("first_calls"), med("first_s"), med("first_n")),
        ("  enrichment of it", 0, med("enrich_s"), 0 if args.no_enrich else med("first_n")),
        ("sync with nothing new", med("quiet_calls"), med("quiet_s"), 0),
        ("push read marks", med("push_calls"), med("push_s"), med("push_n")),
    ]
    print(f"\nmedians of {len(runs)} runs")
    print(f"{'what':<28}{'calls':>7}{'seconds':>10}{'articles':>10}{'per s':>10}")
    for name, calls, seconds, count in rows:
        per = rate(count, seconds) if count else "-"
        print(f"{name:<28}{calls:>7.0f}{seconds:>10.3f}{count:>10.0f}{per:>10}")
    quiet_ok = med("quiet_calls") <= 3 and med("quiet_s") <= 0.5
    print(
        f"goals: nothing new <= 3 calls and <= 0.5 s: {'met' if quiet_ok else 'NOT met'};"
        f" first sync {med('first_s'):.2f} s against its enrichment {med('enrich_s'):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
