"""Benchmark the library store at 1,000 and 100,000 articles, in one run.

Builds two synthetic libraries (random words from a fixed vocabulary, 1-3 of
20 topics per article, a spread of publication dates) through the store's real
``add_articles`` path (batches of 500, one transaction each; the store rate
excludes enrichment: summaries, topics and stories are measured by their own
benchmarks), then times the reader's everyday queries. Each query is
timed ``--repeat`` times with different arguments; the median is printed, with
the 100k/1k ratio. Timings on this shared 2-core machine are noisy: compare
the ratios within one run.

    python bench/library.py [--sizes 1000 100000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from batches import store_in_batches

from newsreader.models import ArticleQuery, NewArticle
from newsreader.store import Library

TOPICS = [f"topic{n:02d}" for n in range(20)]
SOURCES = [f"Outlet {n}" for n in range(12)]
BATCH = 500


def _vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(size)]


def synthetic_articles(count: int, seed: int = 7):
    """Yield ``count`` reproducible synthetic articles, with the vocabulary by rank.

    Words follow a Zipf distribution, as in real text, so common words match
    many articles and rare ones few.
    """
    rng = random.Random(seed)
    words = _vocabulary(rng)
    cumulative = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for n in range(count):
        sentences = []
        for _ in range(rng.randint(8, 16)):
            chosen = rng.choices(words, cum_weights=cumulative, k=rng.randint(8, 20))
            sentences.append(" ".join(chosen).capitalize() + ".")
        text = "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))
        yield (
            NewArticle(
                title=" ".join(rng.choices(words, cum_weights=cumulative, k=7)).capitalize()
                + f" {n}",
                text=text,
                source_name=rng.choice(SOURCES),
                url=f"https://example.com/{n}",
                published=start + timedelta(minutes=7 * n + rng.randint(0, 600)),
                topics=tuple(rng.sample(TOPICS, rng.randint(1, 3))),
            ),
            words,
        )


def build(path: Path, count: int) -> tuple[float, list[str]]:
    """Create a library of ``count`` articles; return (articles per second, vocabulary)."""
    library = Library(path)
    words: list[str] = []

    def articles():
        nonlocal words
        for article, vocabulary in synthetic_articles(count):
            words = vocabulary
            yield article

    began = time.perf_counter()
    store_in_batches(library, articles(), BATCH)
    elapsed = time.perf_counter() - began
    library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    library.close()
    return count / elapsed, words


def queries(library: Library, count: int, words: list[str], repeat: int):
    """The everyday queries, each a function of the repetition number."""
    rng = random.Random(1)
    # Words from ranks 20-200: each matches well over 50 articles in both libraries.
    search_words = [rng.choice(words[20:200]) for _ in range(repeat + 1)]
    ids = [rng.randint(1, count) for _ in range(repeat + 1)]
    return {
        "newest 50": lambda i: library.list_articles(ArticleQuery(), 50),
        "newest 50, one topic": lambda i: library.list_articles(
            ArticleQuery(topics=(TOPICS[i % 20],)), 50
        ),
        "newest 50, unread": lambda i: library.list_articles(ArticleQuery(unread=True), 50),
        "FTS search, one word": lambda i: library.list_articles(
            ArticleQuery(search=search_words[i]), 50
        ),
        "unread count per topic": lambda i: library.topic_counts(),
        "count, one topic unread": lambda i: library.count_articles(
            ArticleQuery(topics=(TOPICS[i % 20],), unread=True)
        ),
        "mark one read": lambda i: library.set_read(ids[i], bool(i % 2)),
    }


def timed_ms(action: Callable[[int], object], i: int) -> float:
    """Wall time of one call, in milliseconds."""
    began = time.perf_counter()
    action(i)
    return (time.perf_counter() - began) * 1000


Built = tuple[Path, int, list[str]]


def measure_pair(small: Built, large: Built, repeat: int) -> list[dict[str, float]]:
    """Time each query on both libraries, alternating runs so load drift hits both alike."""
    sides = (small, large)
    libraries = [Library(path) for path, _, _ in sides]
    plans = [
        queries(lib, count, words, repeat)
        for lib, (_, count, words) in zip(libraries, sides, strict=True)
    ]
    results: list[dict[str, float]] = [{}, {}]
    for name in plans[0]:
        samples: list[list[float]] = [[], []]
        for side in (0, 1):
            plans[side][name](repeat)  # warm the page and statement caches
        for i in range(repeat):
            for side in (0, 1):
                samples[side].append(timed_ms(plans[side][name], i))
        for side in (0, 1):
            results[side][name] = statistics.median(samples[side])
    for lib in libraries:
        lib.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[1000, 100_000])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="build the libraries in this folder")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="newsreader-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    small, large = args.sizes
    rows: dict[int, dict[str, float]] = {}
    built: list[Built] = []
    for count in (small, large):
        path = folder / f"library-{count}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        print(f"building {count:,} articles ...", file=sys.stderr, flush=True)
        rate, words = build(path, count)
        size = path.stat().st_size
        rows[count] = {
            "store rate (articles/s, no enrichment)": rate,
            "bytes on disk per article": size / count,
        }
        built.append((path, count, words))
    for count, timings in zip(
        (small, large), measure_pair(built[0], built[1], args.repeat), strict=True
    ):
        rows[count].update(timings)
    print(
        f"\nlibrary store, medians of {args.repeat} runs (ms unless stated), "
        f"python {sys.version.split()[0]}"
    )
    print(f"| measure | {small:,} | {large:,} | ratio {large:,}/{small:,} |")
    print("|---|---:|---:|---:|")
    for name in rows[small]:
        a, b = rows[small][name], rows[large][name]
        fmt = "{:,.0f}" if name.startswith(("store", "bytes")) else "{:.3f}"
        print(f"| {name} | {fmt.format(a)} | {fmt.format(b)} | {b / a:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
