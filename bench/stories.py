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
import dataclasses
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

from revisions import unpack

from newsreader.models import NewArticle
from newsreader.store import Library, transaction
from newsreader.stories import evidence, grouping
from newsreader.stories.grouping import place_article
from newsreader.stories.terms import signature, weigh

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "bench" / "fixtures"
VOCABULARY = 8000
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


class Synthetic:
    """Zipf-distributed words and events whose reports share rarer words."""

    def __init__(self, seed: int = 5) -> None:
        self.rng = random.Random(seed)
        letters = "abcdefghijklmnopqrstuvwxyz"
        words = {
            "".join(self.rng.choice(letters) for _ in range(self.rng.randint(4, 9)))
            for _ in range(VOCABULARY)
        }
        self.words = sorted(words)
        self.rng.shuffle(self.words)
        self.cumulative: list[float] = []
        total = 0.0
        for rank in range(len(self.words)):
            total += 1.0 / (rank + 1) ** 1.05
            self.cumulative.append(total)

    def event_words(self) -> list[str]:
        """Six words of the vocabulary's rarer half: an event's names and specifics."""
        return self.rng.sample(self.words[len(self.words) // 2 :], 6)

    def report(self, event: list[str], words: int = 110) -> tuple[str, str]:
        """(title, text) of a report of ``event``: Zipf words with the event's words in."""
        chosen = self.rng.choices(self.words, cum_weights=self.cumulative, k=words)
        for i in range(0, words, 4):
            chosen[i] = self.rng.choice(event)
        title = " ".join([*self.rng.sample(event, 3), *chosen[1:5]]).capitalize()
        text = ". ".join(" ".join(chosen[i : i + 15]) for i in range(0, words, 15)) + "."
        return title, text


def build_library(library: Library, size: int, dated: bool, synth: Synthetic) -> list[list[str]]:
    """Fill ``library`` with ``size`` reports of events (three on average); their events."""
    start = datetime(2025, 1, 1, tzinfo=UTC)
    span = 365 * 86400
    events: list[list[str]] = []
    made = 0
    while made < size:
        batch: list[tuple[NewArticle, int]] = []  # article, index of its event's first report
        while made < size and len(batch) < 1000:
            event = synth.event_words()
            events.append(event)
            first = len(batch)
            when = start + timedelta(seconds=span * made / size)
            for n in range(min(size - made, 1 + int(synth.rng.expovariate(0.5)))):
                title, text = synth.report(event)
                published = when + timedelta(hours=6 * n) if dated else None
                new = NewArticle(
                    title=title,
                    text=text,
                    source_name=f"Outlet {synth.rng.randrange(40)}",
                    published=published,
                )
                batch.append((new, first))
                made += 1
        now = (start + timedelta(seconds=span)).timestamp()
        ids = library.add_new_articles([new for new, _ in batch], now=now)
        library.bulk_index(
            (
                (
                    article_id,
                    (new.published.timestamp() if new.published else now),
                    weigh(signature(new.title, new.text), made, {}),
                )
                for article_id, (new, _) in zip(ids, batch, strict=True)
            ),
            {
                article_id: ids[first]
                for n, (article_id, (_, first)) in enumerate(zip(ids, batch, strict=True))
                if n != first
            },
        )
    return events


def placement_speed(size: int, placements: int, dated: bool) -> dict[str, float]:
    """Build a library of ``size`` and time placing ``placements`` new reports in it."""
    synth = Synthetic()
    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder) / "library.sqlite")
        began = time.perf_counter()
        events = build_library(library, size, dated, synth)
        build = time.perf_counter() - began
        end = datetime(2026, 1, 1, tzinfo=UTC)
        samples, met, compared = [], [], []
        with transaction(library.conn), library.batched_term_counts():
            for _ in range(placements):
                # half continue a known event, half report a new one
                event = (
                    synth.rng.choice(events) if synth.rng.random() < 0.5 else synth.event_words()
                )
                title, text = synth.report(event)
                when = end - timedelta(days=synth.rng.uniform(1, 300)) if dated else None
                new = NewArticle(title=title, text=text, source_name="New", published=when)
                now = (when + timedelta(minutes=10)).timestamp() if when else end.timestamp()
                article_id = library.add_article(new, now=now).article_id
                t0 = time.perf_counter()
                placed = place_article(library, article_id)
                samples.append((time.perf_counter() - t0) * 1000)
                met.append(placed.candidates if placed else 0)
                compared.append(placed.reports_compared if placed else 0)
        library.close()
    samples.sort()
    return {
        "build": build,
        "median": statistics.median(samples),
        "p90": samples[min(len(samples) - 1, int(len(samples) * 0.9))],
        "met": statistics.median(met),
        "compared": statistics.median(compared),
        "compared max": max(compared),
    }


def _prose_articles(
    count: int, seed: int, dated_from: datetime | None
) -> list[tuple[NewArticle, int]]:
    """(article, event) of ``count`` prose reports, twelve outlets (imported: the folder)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import prose

    made = []
    for n, (headline, paragraphs, event) in enumerate(prose.reports(count, seed=seed)):
        published = None
        if dated_from is not None:
            published = dated_from + timedelta(hours=(event * 7) % (30 * 24), minutes=n % 4 * 50)
        new = NewArticle(
            title=headline,
            text="\n\n".join(paragraphs),
            source_name=f"outlet-{n % 12:02d}",
            source_kind="import",
            published=published,
        )
        made.append((new, event))
    return made


def story_cost(library_size: int, articles: int) -> dict[str, float]:
    """CPU seconds of the story step and the story summaries for ``articles`` undated prose
    reports arriving in a library of ``library_size`` undated prose reports."""
    from newsreader.config import Settings
    from newsreader.ingest.enrichment import BATCH, Enricher
    from newsreader.ingest.events import Timings

    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder) / "library.sqlite")
        start = datetime(2026, 2, 1, tzinfo=UTC).timestamp()
        old = _prose_articles(library_size, 3, None)
        for first in range(0, len(old), 5000):
            chunk = old[first : first + 5000]
            ids = library.add_new_articles([new for new, _ in chunk], now=start)
            firsts: dict[int, int] = {}
            joins = {}
            for article_id, (_, event) in zip(ids, chunk, strict=True):
                if event in firsts:
                    joins[article_id] = firsts[event]
                firsts.setdefault(event, article_id)
            library.bulk_index(
                (
                    (article_id, start, weigh(signature(new.title, new.text), len(old), {}))
                    for article_id, (new, _) in zip(ids, chunk, strict=True)
                ),
                joins,
            )
        new_ids = library.add_new_articles(
            [new for new, _ in _prose_articles(articles, 11, None)], now=start + 3600
        )
        timings = Timings()
        enricher = Enricher(library, Settings(), timings=timings)
        for first in range(0, len(new_ids), BATCH):
            enricher.enrich(new_ids[first : first + BATCH])
        enricher.summarise_stories(every=False)
        library.close()
    return {
        "story": timings.seconds.get("story", 0.0),
        "story summaries": timings.seconds.get("story summaries", 0.0),
    }


def cost_sizes(size: int) -> list[int]:
    return sorted({max(1, size // 100), max(1, size // 10), size})


def measure_cost(size: int, articles: int) -> dict[str, dict[str, float]]:
    return {str(n): story_cost(n, articles) for n in cost_sizes(size)}


def print_cost(costs: dict[str, dict[str, dict[str, float]]], articles: int) -> None:
    """One row per library size, for each tree: CPU ms per article."""
    print(
        f"\nstory stage for {articles} undated prose reports arriving in a library of prose"
        " reports: CPU ms per article (Enricher, default steps)"
    )
    trees = list(costs)
    print(
        f"{'library':>9}"
        + "".join(f"{t[:14] + ' story':>22}{'summaries':>10}{'both':>7}" for t in trees)
    )
    sizes = list(next(iter(costs.values())))
    for n in sizes:
        row = f"{int(n):>9,}"
        for tree in trees:
            c = costs[tree][n]
            story, summaries = c["story"] * 1000 / articles, c["story summaries"] * 1000 / articles
            row += f"{story:>22.2f}{summaries:>10.2f}{story + summaries:>7.2f}"
        print(row)
    for tree in trees:
        both = [costs[tree][n]["story"] + costs[tree][n]["story summaries"] for n in sizes]
        print(f"{tree}: largest / smallest library, per article: {both[-1] / both[0]:.2f}")
    print("goal: story + story summaries <= 1.5 ms an article; largest / smallest <= 1.3")


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
