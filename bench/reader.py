"""Benchmark the reader headless at 1,000 and 100,000 articles, in one run.

For each size a child process opens the reader with ``run_test`` (120x40) on a
synthetic library (built once, cached under ``bench/out/``) and measures:

- first frame: from creating the app to the first complete frame (the list's
  rows, the first article and its cached summary drawn);
- 50 switches: pressing ``j`` 50 times, each waiting until the next article
  and its summary (cached beforehand) are shown;
- topic filter: pressing ``1`` then ``0``, each waiting until the list, the
  topic bar and the article pane show the new view (median of 5 such cycles);
- peak RSS of the child process.

Each size runs ``--repeat`` sessions, each in a fresh process, interleaved with the
other size; times are medians, the ratio column is 100k/1k within this run (the
machine is shared and noisy: compare ratios, not absolutes).
Goals: first frame <= 0.6 s at 100,000; every ratio <= 1.3; peak RSS <= 200 MB.
With tmux installed, ``--capture`` also prints the 80x24 screen (capture-pane).

    python bench/reader.py [--sizes 1000 100000] [--repeat 5] [--capture]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
BATCH = 2000
SWITCHES = 50
FILTER_CYCLES = 5
TOPICS = [f"topic{n:02d}" for n in range(24)]
SOURCES = [f"Outlet {n}" for n in range(15)]
GOAL_FIRST_FRAME = 0.6
GOAL_RATIO = 1.3
GOAL_RSS_MB = 200


def synthetic(count: int, seed: int = 11) -> Iterator:
    """``count`` reproducible fictional articles (random words, 1-3 topics)."""
    from newsreader.models import NewArticle

    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(3000)]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for n in range(count):
        sentences = [
            " ".join(rng.choice(words) for _ in range(rng.randint(6, 14))).capitalize() + "."
            for _ in range(rng.randint(5, 10))
        ]
        yield NewArticle(
            title=" ".join(rng.choice(words) for _ in range(rng.randint(4, 9))).capitalize()
            + f" {n}",
            text=" ".join(sentences[:3]) + "\n\n" + " ".join(sentences[3:]),
            source_name=rng.choice(SOURCES),
            url=f"https://example.org/{n}",
            published=start + timedelta(minutes=5 * n),
            topics=tuple(rng.sample(TOPICS, rng.randint(1, 3))),
        )


def library_for(size: int) -> Path:
    """The cached synthetic library of ``size`` articles, built when missing."""
    from batches import store_in_batches

    from newsreader.store import Library

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"reader-{size}.sqlite"
    done = OUT / f"reader-{size}.done"
    if done.exists() and path.exists():
        return path
    for stale in OUT.glob(f"reader-{size}.sqlite*"):
        stale.unlink()
    started = time.perf_counter()
    with Library(path) as library:
        store_in_batches(library, synthetic(size), BATCH)
    done.write_text("ok\n")
    print(
        f"built {size:,} articles in {time.perf_counter() - started:.0f} s: {path}", file=sys.stderr
    )
    return path


def cache_summaries(path: Path, count: int) -> None:
    """Make (and store) the summaries of the first ``count`` articles, as the app would."""
    from newsreader.config import Settings
    from newsreader.models import ArticleQuery
    from newsreader.store import Library
    from tui import summaries

    settings = Settings()
    algorithm = summaries.resolve(settings.summary.algorithm, summaries.algorithms())
    with Library(path) as library:
        for row in library.list_articles(ArticleQuery(), limit=count):
            article = library.get_article(row.id)
            assert article is not None
            summaries.default_summarizer(library, article, algorithm, settings.summary.sentences)


def _press(app, key: str) -> None:
    """Send a key as the terminal driver would (Pilot.press also waits for the CPU to
    go idle, which on a shared machine measures the neighbours)."""
    from textual import events

    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app._driver.send_message(event)


class FrameClock:
    """Times the first frame the app draws after a condition on its state holds.

    Wraps the app's ``_display`` (called once per frame sent to the terminal,
    headless included), so a time is taken when the frame showing the state is
    drawn, not when the state changes.
    """

    def __init__(self, app) -> None:
        self._check: Callable[[], bool] | None = None
        self._event = asyncio.Event()
        self.at = 0.0
        draw = app._display

        def display(screen, renderable) -> None:
            draw(screen, renderable)
            if renderable is not None and self._check is not None and self._check():
                self.at = time.perf_counter()
                self._check = None
                self._event.set()

        app._display = display

    def expect(self, check: Callable[[], bool]) -> None:
        """Wait for the first frame drawn once ``check()`` holds."""
        self._check = check
        self._event.clear()

    async def wait(self, timeout: float = 60.0) -> float:
        """The time of that frame."""
        await asyncio.wait_for(self._event.wait(), timeout)
        return self.at


def _shows(screen, article_id: int) -> bool:
    view = screen.article_view
    return (
        screen.article is not None
        and screen.article.id == article_id
        and view.summary is not None
        and view.article is not None
        and view.article.id == article_id
    )


def _settled_on(screen, topics: tuple[str, ...], total: int | None) -> bool:
    lst = screen.article_list
    return (
        screen.filters.topics == topics
        and (total is None or lst.total == total)
        and lst.selected is not None
        and _shows(screen, lst.selected.id)
        and screen.query_one("#topics").active == topics
    )


async def measure_once(path: Path) -> dict[str, float]:
    """One headless session: first frame, 50 switches, apply and clear a topic filter."""
    from newsreader.models import ArticleQuery
    from newsreader.store import Library
    from tui.app import make_app
    from tui.screens.reader import ReaderScreen

    with Library(path) as library:
        ids = [r.id for r in library.list_articles(ArticleQuery(), limit=SWITCHES + 1)]
        total = library.count_articles(ArticleQuery())
    started = time.perf_counter()
    app = make_app(path)
    clock = FrameClock(app)

    def first_ready() -> bool:
        current = app.screen
        return (
            isinstance(current, ReaderScreen)
            and _shows(current, ids[0])
            and bool(current.query_one("#topics").topics)
        )

    clock.expect(first_ready)
    async with app.run_test(size=(120, 40)) as pilot:
        screen: ReaderScreen = app.screen  # type: ignore[assignment]
        first_frame = await clock.wait() - started
        await pilot.pause(0)

        started = time.perf_counter()
        for expected in ids[1:]:
            clock.expect(lambda expected=expected: _shows(screen, expected))
            _press(app, "j")
            await clock.wait()
        switches = clock.at - started

        topic = screen.query_one("#topics").name_at(1)
        cycles = []
        for _ in range(FILTER_CYCLES):
            started = time.perf_counter()
            clock.expect(lambda: _settled_on(screen, (topic,), None))
            _press(app, "1")
            await clock.wait()
            assert screen.article_list.total < total
            clock.expect(lambda: _settled_on(screen, (), total))
            _press(app, "0")
            cycles.append(await clock.wait() - started)
        topic_filter = statistics.median(cycles)
        await app.workers.wait_for_complete()
    return {"first_frame": first_frame, "switches": switches, "topic_filter": topic_filter}


def child(size: int) -> None:
    """Measure one session at one size (in its own process, so its peak RSS is its own)."""
    path = library_for(size)
    cache_summaries(path, SWITCHES + 1)
    result = asyncio.run(measure_once(path))
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def capture_80x24(size: int) -> str:
    """The reader on the ``size`` library in an 80x24 tmux pane, as text."""
    socket = f"newsreader-bench-{uuid.uuid4().hex[:8]}"
    newsreader = Path(sys.executable).with_name("newsreader")
    path = library_for(size)
    command = (
        f"env -u COLUMNS -u LINES TERM=xterm-256color {shlex.quote(str(newsreader))}"
        f" --library {shlex.quote(str(path))}; sleep 30"
    )
    tmux = ["tmux", "-L", socket]
    subprocess.run(
        [
            *tmux,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "bench",
            "-x",
            "80",
            "-y",
            "24",
            command,
        ],
        check=True,
    )
    try:
        deadline = time.monotonic() + 30
        text = ""
        while time.monotonic() < deadline:
            text = subprocess.run(
                [*tmux, "capture-pane", "-p", "-t", "bench"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            if "Articles" in text and "…\n" not in text.split("Articles", 1)[1][:400]:
                time.sleep(0.5)
                return subprocess.run(
                    [*tmux, "capture-pane", "-p", "-t", "bench"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            time.sleep(0.1)
        return text
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--capture", action="store_true", help="print the 80x24 screen (tmux)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    for size in args.sizes:
        library_for(size)  # build outside the timed children
    runs: dict[int, list[dict[str, float]]] = {size: [] for size in args.sizes}
    for _ in range(args.repeat):  # interleaved, so a busy spell hits both sizes alike
        for size in args.sizes:
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(size)],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            if done.returncode:
                sys.exit(f"measuring {size} articles failed:\n{done.stderr}")
            runs[size].append(json.loads(done.stdout.strip().splitlines()[-1]))
    results = {
        size: {
            key: (max if key == "rss_mb" else statistics.median)(r[key] for r in found)
            for key in found[0]
        }
        for size, found in runs.items()
    }
    small, large = min(args.sizes), max(args.sizes)
    rows = [
        ("first frame (s)", "first_frame"),
        (f"{SWITCHES} switches (s)", "switches"),
        ("topic filter on+off (s)", "topic_filter"),
        ("peak RSS (MB)", "rss_mb"),
    ]
    header = f"| measure | {' | '.join(f'{s:,} articles' for s in args.sizes)} | ratio |"
    print(header)
    print("|" + "---|" * (len(args.sizes) + 2))
    for label, key in rows:
        values = " | ".join(
            f"{results[s][key]:.0f}" if key == "rss_mb" else f"{results[s][key]:.3f}"
            for s in args.sizes
        )
        ratio = results[large][key] / results[small][key] if results[small][key] else float("nan")
        print(f"| {label} | {values} | {ratio:.2f} |")
    print(
        f"\nmedians of {args.repeat} sessions per size (peak RSS: the largest);"
        f" ratio = {large:,}/{small:,}"
    )
    checks = [
        (
            f"first frame at {large:,} <= {GOAL_FIRST_FRAME} s",
            results[large]["first_frame"] <= GOAL_FIRST_FRAME,
        ),
        *(
            (
                f"{label} ratio <= {GOAL_RATIO}",
                results[large][key] / results[small][key] <= GOAL_RATIO,
            )
            for label, key in rows[:3]
        ),
        (
            f"peak RSS <= {GOAL_RSS_MB} MB",
            max(r["rss_mb"] for r in results.values()) <= GOAL_RSS_MB,
        ),
    ]
    for label, ok in checks:
        print(f"{'met' if ok else 'NOT MET'}: {label}")
    if args.capture:
        if shutil.which("tmux") is None:
            print("\n(tmux is not installed: no 80x24 capture)")
        else:
            print(f"\n80x24 capture ({small:,} articles):\n```\n{capture_80x24(small)}```")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
