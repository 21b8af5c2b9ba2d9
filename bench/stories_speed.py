"""Story placement speed and story stage cost at library size (see ``stories.py``)."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from stories_accuracy import ROOT

from newsreader.models import NewArticle
from newsreader.store import Library, transaction
from newsreader.stories.grouping import place_article
from newsreader.stories.terms import signature, weigh

VOCABULARY = 8000


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
