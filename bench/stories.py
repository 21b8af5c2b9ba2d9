"""Story grouping: pairwise precision and recall on known groups, dated and undated; how
they move with each threshold; BBC same-topic negatives; placement cost at library size.

Accuracy: articles with known story groups are added to a fresh library and placed one
by one, as feeds or an import would bring them: dated (oldest first), and with the dates
removed (arriving in publication order, and shuffled). Every pair of articles counts:
predicted together and truly together is a true positive. "largest" is the largest story
made, beside the largest true event. Sets: ``bench/fixtures/story-heldout.jsonl`` (76
events told by 268 reports, each written on its own: the shape of real reports),
``bench/fixtures/story-events.jsonl`` (75 events, the brief's conventions),
``bench/fixtures/stories.jsonl`` (40 events, a stricter labelling: an aftershock or a
second strike is another event), ``bench/fixtures/story-outlets.jsonl`` (12 events, each
told by several outlets in words of their own, beside same-subject events of the same week),
``bench/fixtures/story-sagas.jsonl`` (8 events, stories followed over three to seven days,
beside same-subject events of the same week), the sample library, and the seeds of
``--data`` (000, 001, 002 one story; 003, 004 alone).
Each fixture set is also placed "warm", into a library already holding the other fixture
sets (placed first, dated a year before): rarity is then learnt from some 600 reports, as in
a library in use, where a small set alone is judged on rarity from a few dozen.

Sensitivity: each threshold moved by -20% and +20%, the others as shipped.

BBC negatives (``--data``): each topic folder of BBC News Summary imported without dates,
as ``newsreader import`` does (the folder is the source), and again as one feed. They are
different events (some of one saga), so every pair grouped is a mistake unless the two
texts are identical (the set has exact duplicates).

Speed: synthetic libraries of ``--size / 10`` and ``--size`` articles (Zipf words, events
of several reports sharing rarer words, indexed in bulk), dated over a year and undated
(all arriving at one moment, as a large import); then the time to place one new article
inside an enrichment transaction, with what it read: index entries met, reports compared.

Story stage cost: CPU ms per article of the story step and the story summaries as an
import runs them (:class:`newsreader.ingest.enrichment.Enricher`, default steps, batches of
its size, each step's CPU time as it counts it), for ``--cost-articles`` undated prose
reports (``bench/prose.py``) arriving in libraries already holding ``--size / 100``,
``--size / 10`` and ``--size`` prose reports (indexed in bulk, grouped by event), and the
per-article ratio of the largest library to the smallest (goal: story + story summaries
<= 1.5 ms an article, ratio <= 1.3).

``--baseline REV`` measures another revision of this repository too (unpacked with ``git
archive`` into a temporary folder, run in its own process on these fixtures) and prints the
accuracy and the cost of both, side by side.

    python bench/stories.py [--data ../shared/data] [--size 100000] [--placements 200]
        [--cost-articles 500] [--baseline REV]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from revisions import unpack
from stories_accuracy import (
    FIXTURES,
    ROOT,
    accuracy_runs,
    bbc_negatives,
    fixture_items,
    print_accuracy,
    print_sensitivity,
    sample_items,
    seed_items,
)
from stories_speed import measure_cost, placement_speed, print_cost


def measure_tree(tree: Path, args: argparse.Namespace) -> dict:
    """Accuracy and cost with the ``newsreader`` of ``tree``, in a process of its own."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, str(Path(__file__).resolve()), "--measure"]
    command += ["--size", str(args.size), "--cost-articles", str(args.cost_articles)]
    command += ["--data", str(args.data)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    found: dict = json.loads(done.stdout.splitlines()[-1])
    return found


def print_compared(results: dict[str, dict]) -> None:
    trees = list(results)
    print("pairwise precision / recall / largest story, each tree (" + ", ".join(trees) + ")")
    print(f"{'set':<20}{'clock':<19}{'true':>5}" + "".join(f"{t[:22]:>24}" for t in trees))
    first = results[trees[0]]["accuracy"]
    for key, row in first.items():
        name, clock = key.split("|")
        cells = "".join(
            f"{r['precision']:>10.3f}{r['recall']:>8.3f}{r['largest']:>6}"
            for r in (results[t]["accuracy"].get(key, row) for t in trees)
        )
        print(f"{name:<20}{clock:<19}{row['true largest']:>5}{cells}")
    print("goal: precision >= 0.95, recall >= 0.9; largest story <= the largest true event")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--placements", type=int, default=200)
    parser.add_argument("--bbc-limit", type=int, default=None, help="articles per BBC topic")
    parser.add_argument("--no-sensitivity", action="store_true", help="skip moving the thresholds")
    parser.add_argument("--cost-articles", type=int, default=500)
    parser.add_argument("--baseline", default="", help="a git revision to compare with")
    parser.add_argument(
        "--accuracy-only", action="store_true", help="print the accuracy table and stop"
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.cost_articles = min(args.cost_articles, max(1, args.size // 10))
    sets = {
        "story-heldout.jsonl": fixture_items(FIXTURES / "story-heldout.jsonl"),
        "story-events.jsonl": fixture_items(FIXTURES / "story-events.jsonl"),
        "stories.jsonl": fixture_items(FIXTURES / "stories.jsonl"),
        "story-outlets.jsonl": fixture_items(FIXTURES / "story-outlets.jsonl"),
        "story-sagas.jsonl": fixture_items(FIXTURES / "story-sagas.jsonl"),
        "sample library": sample_items(),
    }
    seeds = seed_items(args.data)
    if seeds:
        sets["seeds"] = seeds
    if args.measure:  # for --baseline: one JSON line of this process's newsreader
        accuracy = {f"{name}|{clock}": run() for name, clock, run in accuracy_runs(sets)}
        cost = measure_cost(args.size, args.cost_articles)
        print(json.dumps({"accuracy": accuracy, "cost": cost}))
        return
    if args.baseline:
        with tempfile.TemporaryDirectory() as folder:
            trees = {args.baseline: unpack(args.baseline, Path(folder)), "this tree": ROOT}
            results = {name: measure_tree(tree, args) for name, tree in trees.items()}
        print_compared(results)
        print_cost({name: r["cost"] for name, r in results.items()}, args.cost_articles)
        return
    print_accuracy(accuracy_runs(sets))
    if args.accuracy_only:
        return
    if not args.no_sensitivity:
        print_sensitivity(sets)
    bbc_negatives(args.data, args.bbc_limit)
    print("\nplacing one new article (inside an enrichment transaction)")
    print(
        f"{'library':>9}{'clock':>9}{'built s':>9}{'median ms':>10}{'p90 ms':>8}"
        f"{'entries met':>12}{'reports compared':>17}{'max':>5}"
    )
    for size in sorted({max(1, args.size // 10), args.size}):
        for clock, dated in (("dated", True), ("undated", False)):
            r = placement_speed(size, args.placements, dated)
            print(
                f"{size:>9,}{clock:>9}{r['build']:>9.0f}{r['median']:>10.1f}{r['p90']:>8.1f}"
                f"{r['met']:>12.0f}{r['compared']:>17.0f}{r['compared max']:>5.0f}"
            )
    print("goal: <= 50 ms per new article, not growing with the library")
    print_cost({"this tree": measure_cost(args.size, args.cost_articles)}, args.cost_articles)


if __name__ == "__main__":
    main()
