"""Story grouping accuracy: pairwise precision and recall on known groups, dated and
undated; how they move with each threshold; BBC same-topic negatives (see ``stories.py``)."""

from __future__ import annotations

import dataclasses
import json
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

from newsreader.models import NewArticle
from newsreader.store import Library
from newsreader.stories import evidence, grouping
from newsreader.stories.grouping import place_article

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "bench" / "fixtures"
Item = tuple[str, str, str | None, NewArticle]  # id, group, rewrite_of, article
#: Sets also measured undated in a shuffled order (an import of files in no useful order).
SHUFFLED = ("story-heldout.jsonl", "story-events.jsonl")
THRESHOLDS = (
    "SAME_STORY",
    "FIRST_DAY_RISE",
    "DECAY_PER_DAY",
    "SAME_STORY_UNDATED",
    "ARRIVAL_EASE",
    "ARRIVAL_NEAR",
    "SAME_SOURCE_PENALTY",
    "SHARED_EASE",
    "CONFLICT",
)


def fixture_items(path: Path) -> list[Item]:
    """Items of a stories.jsonl-shaped file."""
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
    """Items of the bundled sample library, grouped by fixtures/sample-library-groups.json."""
    groups = json.loads((FIXTURES / "sample-library-groups.json").read_text("utf-8"))
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
    """The five seeds (first non-empty line as title, no date), when ../shared/data is there."""
    folder = data / "seeds"
    if not folder.is_dir():
        return []
    items = []
    for path in sorted(folder.glob("*.txt")):
        lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
        group = "event" if path.name[:3] in ("000", "001", "002") else path.name[:3]
        article = NewArticle(
            title=lines[0][:120],
            text="\n".join(lines[1:]),
            source_name="seeds",
            source_kind="import",
        )
        items.append((path.name[:3], group, None, article))
    return items


def evaluate(
    items: list[Item],
    dated: bool = True,
    shuffle: int | None = None,
    background: list[Item] | None = None,
) -> dict[str, float]:
    """Pairwise precision/recall of grouping, the largest story, and rewrites.

    ``background`` reports are placed first, dated a year earlier; only pairs of
    ``items`` are counted.
    """
    ordered = sorted(items, key=lambda item: item[3].published or datetime(1970, 1, 1, tzinfo=UTC))
    if shuffle is not None:
        random.Random(shuffle).shuffle(ordered)
    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder) / "library.sqlite")
        for key, _, _, article in background or []:
            earlier = article.published - timedelta(days=365) if article.published else None
            old = dataclasses.replace(article, published=earlier, guid=f"background {key}")
            place_article(library, library.add_article(old).article_id)
        ids: dict[str, int] = {}
        for key, _, _, article in ordered:
            if not dated:
                article = dataclasses.replace(article, published=None)
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
        "largest": max(Counter(story[ids[k]] for k, _, _, _ in items).values()),
        "true largest": max(Counter(g for _, g, _, _ in items).values()),
        "rewrites": len(truth),
        "rewrites found": len(found & truth),
        "wrong rewrites": len(found - truth),
    }


Run = tuple[str, str, Callable[[], dict[str, float]]]


def accuracy_runs(sets: dict[str, list[Item]]) -> list[Run]:
    """(set, clock, evaluation) for every set, dated and undated, alone and warm."""
    runs: list[Run] = []
    for name, items in sets.items():
        if name == "seeds":
            runs.append((name, "undated", lambda i=items: evaluate(i, dated=False)))
            continue
        runs.append((name, "dated", lambda i=items: evaluate(i)))
        runs.append((name, "undated", lambda i=items: evaluate(i, dated=False)))
        if name in SHUFFLED:
            runs.append((name, "undated, shuffled", lambda i=items: evaluate(i, False, 3)))
        if name.endswith(".jsonl"):
            rest = [
                item
                for other, its in sets.items()
                if other.endswith(".jsonl") and other != name
                for item in its
            ]
            runs.append((name, "dated, warm", lambda i=items, b=rest: evaluate(i, background=b)))
            runs.append(
                (name, "undated, warm", lambda i=items, b=rest: evaluate(i, False, background=b))
            )
    return runs


def print_accuracy(runs: list[Run]) -> None:
    print(
        f"{'set':<20}{'clock':<19}{'articles':>9}{'pairs':>7}{'precision':>10}{'recall':>8}"
        f"{'largest':>8}{'true':>5}{'rewrites':>9}{'found':>6}{'wrong':>6}"
    )
    for name, clock, run in runs:
        r = run()
        print(
            f"{name:<20}{clock:<19}{r['articles']:>9}{r['true pairs']:>7}{r['precision']:>10.3f}"
            f"{r['recall']:>8.3f}{r['largest']:>8}{r['true largest']:>5}{r['rewrites']:>9}"
            f"{r['rewrites found']:>6}{r['wrong rewrites']:>6}"
        )
    print("goal: precision >= 0.95, recall >= 0.9; largest story <= the largest true event")


@contextmanager
def threshold(name: str, value: float) -> Iterator[None]:
    """Run with one grouping threshold changed (of grouping, else of its evidence)."""
    module = grouping if hasattr(grouping, name) else evidence
    shipped = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, shipped)


def print_sensitivity(sets: dict[str, list[Item]]) -> None:
    columns = [
        (name, clock, dated)
        for name in ("story-heldout.jsonl", "story-events.jsonl", "stories.jsonl")
        if name in sets
        for clock, dated in (("dated", True), ("undated", False))
    ]
    print("\nprecision/recall with one threshold moved (the others as shipped)")
    print(
        f"{'threshold':<22}{'value':>7}" + "".join(f"{n[:12] + ' ' + c:>24}" for n, c, _ in columns)
    )
    for name in THRESHOLDS:
        shipped = getattr(grouping if hasattr(grouping, name) else evidence, name)
        for factor in (0.8, 1.0, 1.2):
            with threshold(name, shipped * factor):
                cells = [evaluate(sets[n], dated) for n, _, dated in columns]
            label = f"{name} x{factor:.1f}"
            print(
                f"{label:<22}{shipped * factor:>7.3f}"
                + "".join(f"{r['precision']:>17.3f}/{r['recall']:.3f}" for r in cells)
            )


def bbc_negatives(data: Path, limit: int | None) -> None:
    folder = data / "summaries" / "bbc-news-summary" / "News Articles"
    if not folder.is_dir():
        print(f"\nnote: {folder} not found; skipping the BBC negatives", file=sys.stderr)
        return
    print("\nBBC News Summary topic folders, undated: every pair grouped is a mistake unless")
    print("the texts are identical")
    print(
        f"{'topic':<15}{'as':<8}{'articles':>9}{'stories':>8}{'multi':>6}{'largest':>8}"
        f"{'pairs':>7}{'identical':>10}{'other':>7}"
    )
    totals = Counter[str]()
    for topic in sorted(p.name for p in folder.iterdir() if p.is_dir()):
        files = sorted((folder / topic).glob("*.txt"))[:limit]
        for kind in ("import", "feed"):
            r = _group_folder(files, topic, kind)
            totals[f"{kind} articles"] += r["articles"]
            totals[f"{kind} other"] += r["other"]
            print(
                f"{topic:<15}{kind:<8}{r['articles']:>9}{r['stories']:>8}{r['multi']:>6}"
                f"{r['largest']:>8}{r['pairs']:>7}{r['identical']:>10}{r['other']:>7}"
            )
    for kind in ("import", "feed"):
        print(
            f"all topics as {kind}: {totals[f'{kind} other']} pairs of different texts grouped"
            f" among {totals[f'{kind} articles']} articles"
        )


def _group_folder(files: list[Path], topic: str, kind: str) -> dict[str, int]:
    texts: dict[int, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "library.sqlite")
        for path in files:
            lines = [
                line.strip()
                for line in path.read_bytes().decode("utf-8", "replace").splitlines()
                if line.strip()
            ]
            new = NewArticle(
                title=lines[0],
                text="\n\n".join(lines[1:]),
                source_name=topic if kind == "import" else "BBC News",
                source_kind=kind,
                guid=path.name,
            )
            result = library.add_article(new)
            texts[result.article_id] = new.text
            place_article(library, result.article_id)
        members = Counter(story for _, story in library.story_members())
        story_of = dict(library.story_members())
        library.close()
    pairs = identical = 0
    by_story: dict[int | None, list[int]] = {}
    for article_id, story in story_of.items():
        by_story.setdefault(story, []).append(article_id)
    for group in by_story.values():
        for a, b in combinations(group, 2):
            pairs += 1
            identical += texts[a] == texts[b]
    return {
        "articles": len(files),
        "stories": len(members),
        "multi": sum(1 for n in members.values() if n > 1),
        "largest": max(members.values(), default=0),
        "pairs": pairs,
        "identical": identical,
        "other": pairs - identical,
    }
