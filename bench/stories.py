"""Story grouping: pairwise precision and recall on known groups, and placement time.

Accuracy: articles with known story groups are added oldest first to a fresh
library and placed one by one, as feeds would bring them. Every pair of
articles counts: predicted together and truly together is a true positive.
Sets: ``bench/fixtures/stories.jsonl`` (JSON lines: id, group, rewrite_of,
title, text, source, published) and the sample library's groups
(``bench/fixtures/sample-library-groups.json``). The seeds of ``--data`` are
added as a third set when present (000, 001, 002 one story; 003, 004 alone).

Speed: a synthetic library of ``--size`` articles over a year (Zipf words,
indexed in bulk), then the median time to place one new article, over
``--placements`` new articles.

    python bench/stories.py [--data ../shared/data] [--size 100000] [--placements 200]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

from newsreader.models import NewArticle
from newsreader.store import Library, transaction
from newsreader.stories.grouping import place_article
from newsreader.stories.terms import signature, weigh

ROOT = Path(__file__).resolve().parents[1]
VOCABULARY = 8000
Item = tuple[str, str, str | None, NewArticle]  # id, group, rewrite_of, article


def fixture_items(path: Path) -> list[Item]:
    """Items of a stories.jsonl file."""
    items = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        data = json.loads(line)
        published = datetime.fromisoformat(data["published"]) if data.get("published") else None
        article = NewArticle(
            title=data["title"],
            text=data["text"],
            source_name=data.get("source") or "fixture",
            published=published,
            guid=str(data["id"]),
        )
        items.append(
            (str(data.get("id", number)), str(data["group"]), data.get("rewrite_of"), article)
        )
    return items


def sample_items() -> list[Item]:
    """Items of the bundled sample library, grouped by bench/fixtures/sample-library-groups.json."""
    groups = json.loads((ROOT / "bench/fixtures/sample-library-groups.json").read_text("utf-8"))
    group_of = {url: name for name, urls in groups["groups"].items() for url in urls}
    rewrites = groups.get("rewrites", {})
    items = []
    for line in (ROOT / "assets/sample-library.jsonl").read_text("utf-8").splitlines():
        data = json.loads(line)
        article = NewArticle(
            title=data["title"],
            text=data["text"],
            source_name=data["source"],
            url=data["url"],
            published=datetime.fromisoformat(data["published"]),
        )
        url = data["url"]
        items.append((url, group_of.get(url, url), rewrites.get(url), article))
    return items


def seed_items(data: Path) -> list[Item]:
    """The five seeds (first non-empty line as title), when ../shared/data is there."""
    folder = data / "seeds"
    if not folder.is_dir():
        return []
    items = []
    for path in sorted(folder.glob("*.txt")):
        lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
        group = "event" if path.name[:3] in ("000", "001", "002") else path.name[:3]
        items.append(
            (
                path.name[:3],
                group,
                None,
                NewArticle(
                    title=lines[0][:120],
                    text="\n".join(lines[1:]),
                    source_name=f"seed {path.name[:3]}",
                ),
            )
        )
    return items


def evaluate(items: list[Item]) -> dict[str, float]:
    """Pairwise precision/recall of grouping, and rewrite precision/recall."""
    ordered = sorted(items, key=lambda item: item[3].published or datetime(1970, 1, 1, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder) / "library.sqlite")
        ids: dict[str, int] = {}
        for key, _, _, article in ordered:
            ids[key] = library.add_article(article).article_id
            place_article(library, ids[key])
        story = dict(library.story_members())
        rewrites = {key: library.rewrite_of(ids[key]) for key in ids}
        library.close()
    tp = fp = fn = 0
    for (a, ga, _, _), (b, gb, _, _) in combinations(items, 2):
        together = story[ids[a]] == story[ids[b]]
        if together and ga == gb:
            tp += 1
        elif together:
            fp += 1
        elif ga == gb:
            fn += 1
    key_of = {v: k for k, v in ids.items()}
    truth = {(k, w) for k, _, w, _ in items if w}
    found = {(k, key_of.get(v)) for k, v in rewrites.items() if v}
    return {
        "articles": len(items),
        "true pairs": tp + fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "rewrites": len(truth),
        "rewrites found": len(found & truth),
        "wrong rewrites": len(found - truth),
    }


def synthetic_text(rng: random.Random, words: list[str], weights: list[float], n: int) -> str:
    """A text of ``n`` Zipf-distributed words, in sentences."""
    chosen = rng.choices(words, cum_weights=weights, k=n)
    return ". ".join(" ".join(chosen[i : i + 15]) for i in range(0, n, 15)) + "."


def index_batch(library: Library, pending: list[tuple[NewArticle, float]], size: int) -> None:
    """Store a batch (each arriving when published) and index it in bulk."""
    with transaction(library.conn):
        ids = [library.add_article(article, now=when).article_id for article, when in pending]
    library.bulk_index(
        (article_id, when, weigh(signature(article.title, article.text), size, {}), None)
        for article_id, (article, when) in zip(ids, pending, strict=True)
    )


def placement_speed(size: int, placements: int) -> tuple[float, float, float, float]:
    """(build seconds, median ms, p90 ms, median candidates) for one new article."""
    rng = random.Random(5)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = sorted(
        {"".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(VOCABULARY)}
    )
    rng.shuffle(words)
    cumulative, total = [], 0.0
    for rank in range(len(words)):
        total += 1.0 / (rank + 1) ** 1.05
        cumulative.append(total)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    span = 365 * 86400
    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder) / "library.sqlite")
        began = time.perf_counter()
        pending: list[tuple[NewArticle, float]] = []
        for n in range(size):
            text = synthetic_text(rng, words, cumulative, 120)
            when = start + timedelta(seconds=span * n / size)
            pending.append(
                (
                    NewArticle(
                        title=f"Synthetic {n}",
                        text=text,
                        source_name=f"Outlet {n % 12}",
                        published=when,
                    ),
                    when.timestamp(),
                )
            )
            if len(pending) == 1000 or n == size - 1:
                index_batch(library, pending, size)
                pending = []
        build = time.perf_counter() - began
        samples, candidates = [], []
        for i in range(placements):
            when = start + timedelta(seconds=rng.uniform(0.1, 0.9) * span)
            text = synthetic_text(rng, words, cumulative, 400)
            new = NewArticle(title=f"New report {i}", text=text, source_name="New", published=when)
            # it arrives when published, as from a feed
            article_id = library.add_article(new, now=when.timestamp() + 600).article_id
            t0 = time.perf_counter()
            placed = place_article(library, article_id)
            samples.append((time.perf_counter() - t0) * 1000)
            candidates.append(placed.candidates if placed else 0)
        library.close()
    samples.sort()
    return (
        build,
        statistics.median(samples),
        samples[int(len(samples) * 0.9)],
        statistics.median(candidates),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--fixtures", type=Path, default=ROOT / "bench/fixtures/stories.jsonl")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--placements", type=int, default=200)
    args = parser.parse_args()
    sets = []
    if args.fixtures.is_file():
        sets.append((args.fixtures.name, fixture_items(args.fixtures)))
    else:
        print(f"note: {args.fixtures} not found; skipping that set", file=sys.stderr)
    sets.append(("sample library", sample_items()))
    seeds = seed_items(args.data)
    if seeds:
        sets.append(("seeds", seeds))
    header = (
        f"{'set':<22}{'articles':>9}{'true pairs':>11}{'precision':>10}{'recall':>8}"
        f"{'rewrites':>9}{'found':>6}{'wrong':>6}"
    )
    print(header)
    for name, items in sets:
        r = evaluate(items)
        print(
            f"{name:<22}{r['articles']:>9}{r['true pairs']:>11}{r['precision']:>10.3f}"
            f"{r['recall']:>8.3f}{r['rewrites']:>9}{r['rewrites found']:>6}"
            f"{r['wrong rewrites']:>6}"
        )
    print("goal: precision >= 0.95, recall >= 0.9")
    build, median, p90, cands = placement_speed(args.size, args.placements)
    print(
        f"\nplacing one new article in a library of {args.size:,} "
        f"(built in {build:.0f} s; {args.placements} placements)"
    )
    print(f"{'median ms':>10}{'p90 ms':>9}{'median candidates':>19}")
    print(f"{median:>10.1f}{p90:>9.1f}{cands:>19.0f}")
    print("goal: <= 50 ms per new article")


if __name__ == "__main__":
    main()
