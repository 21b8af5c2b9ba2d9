"""The reader of ``bench/hostile.py`` kept open in a pty while ``fetch`` and ``import`` loop.

The bench stars one article after another in the reader while other
``newsreader`` processes write; it then counts what the library holds.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from hostilelib import NEWSREADER, SENTENCE, UNSAFE, Server, answer, environment, item, rss, run

# -- the reader open while others write -----------------------------------------------------


def write_files(folder: Path, count: int, label: str, seed: int) -> list[str]:
    """``count`` text files of distinct articles; their titles."""
    import random

    rng = random.Random(seed)
    words = ["harbour", "boat", "tide", "net", "quay", "storm", "gull", "rope", "sail", "keel"]
    folder.mkdir(parents=True)
    titles = []
    for n in range(count):
        title = f"{label} story {n}"
        body = " ".join(rng.choice(words) for _ in range(300))
        (folder / f"{n:04d}.txt").write_text(f"{title}\n\n{body.capitalize()}. {label} {n}.\n")
        titles.append(title)
    return titles


@dataclass
class Loops:
    """What the fetch and import loops did."""

    fetches: int = 0
    files_sent: list[str] = field(default_factory=list)
    lock_errors: list[str] = field(default_factory=list)
    other_errors: list[str] = field(default_factory=list)


def _lock_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "locked" in line or "busy" in line]


def _starred(library_file: Path) -> int:
    from newsreader.models import ArticleQuery
    from newsreader.store import Library

    with Library(library_file) as library:
        return library.count_articles(ArticleQuery(starred=True))


def wait_for_stars(library_file: Path, wanted: int, ceiling: float) -> int:
    """Wait until the library holds ``wanted`` stars (the reader's saves are done).

    The event waited for is the stored count itself; ``ceiling`` only ends the
    wait for a star that is never saved, which the table then shows.
    """
    end = time.monotonic() + ceiling
    while (stored := _starred(library_file)) < wanted and time.monotonic() < end:
        time.sleep(0.2)
    return stored


def run_concurrency(root: Path, minutes: float, seed_articles: int = 400) -> bool:
    """The reader in a pty, starring, while fetch and import loop; prints what was stored.

    The window of ``minutes`` opens once the reader shows its list (a slow start
    on a loaded machine does not shorten it), each loop runs at least once, and
    the reader is quit only once every star it showed is in the library.
    """
    from ptyterm import PtyProgram

    from newsreader.models import ArticleQuery
    from newsreader.store import Library

    server = Server()
    home = root / "home"
    home.mkdir(parents=True)
    env = environment(home, server)
    seeded = write_files(root / "seed", seed_articles, "Seed", 1)
    run(["import", str(root / "seed")], env)
    served = iter(range(1_000_000))

    def live(request: BaseHTTPRequestHandler) -> None:
        n = next(served)
        items = [
            item(f"live-{n}-{k}", f"Live {n}.{k}", SENTENCE * 12 + f" Report {n}.{k}.")
            for k in range(10)
        ]
        answer(request, rss("Live Tarn", items).encode())

    outline = "".join(
        f'<outline text="live {k}" xmlUrl="{server.handle(f"/live{k}.xml", live)}"/>'
        for k in range(3)
    )
    (root / "live.opml").write_text(f'<opml version="2.0"><body>{outline}</body></opml>')
    run(["opml", "import", str(root / "live.opml")], env)
    loops = Loops()

    def fetching(deadline: float) -> None:
        while True:
            done = run(["fetch"], env)
            loops.fetches += 1
            loops.lock_errors += _lock_lines(done.output)
            if time.monotonic() >= deadline:
                return

    def importing(deadline: float) -> None:
        for batch in range(1_000_000):
            folder = root / f"batch-{batch}"
            titles = write_files(folder, 5, f"Batch {batch}", 100 + batch)
            done = run(["import", str(folder)], env)
            loops.files_sent += titles
            loops.lock_errors += _lock_lines(done.output)
            if done.status != 0:
                loops.other_errors += done.output.strip().splitlines()[-1:] or ["(no output)"]
            if time.monotonic() >= deadline:
                return

    program = PtyProgram([NEWSREADER], env, 120, 40)
    stars, screen_errors = 0, 0
    try:
        program.wait_for(lambda screen: "Seed story" in screen, 600)
        program.settle(0.5, 1.0)
        deadline = time.monotonic() + minutes * 60
        workers = [
            threading.Thread(target=fetching, args=(deadline,)),
            threading.Thread(target=importing, args=(deadline,)),
        ]
        for worker in workers:
            worker.start()
        while stars == 0 or time.monotonic() < deadline:
            program.key(b"s", 0.3, 2.0)
            stars += 1
            program.key(b"j", 0.3, 2.0)
            screen = program.text()
            screen_errors += screen.count("locked") + screen.count("busy")
        for worker in workers:
            worker.join()
        wait_for_stars(home / "library.sqlite", stars, ceiling=300)
        program.quit(b"q", 300)
    finally:
        program.close()
        server.stop()
    starred = _starred(home / "library.sqlite")
    with Library(home / "library.sqlite") as library:
        stored = {row.title for row in library.list_articles(ArticleQuery(), limit=1_000_000)}
    files_stored = sum(title in stored for title in loops.files_sent)
    print(
        f"reader open for {minutes:g} min while fetch ({loops.fetches} runs) and import looped"
        f" (seed library: {len(seeded)} articles)"
    )
    print(f"{'stars sent':<22} {stars:>6}")
    print(f"{'stars stored':<22} {starred:>6}")
    print(f"{'files imported':<22} {len(loops.files_sent):>6}")
    print(f"{'files stored':<22} {files_stored:>6}")
    print(f"{'lock errors':<22} {len(loops.lock_errors) + screen_errors:>6}")
    for line in (loops.lock_errors + loops.other_errors)[:5]:
        print(f"  {UNSAFE.sub('?', line)[:160]}")
    met = (
        starred == stars
        and files_stored == len(loops.files_sent)
        and not loops.lock_errors
        and not screen_errors
    )
    print(f"goals: every star and every file stored, 0 lock errors: {'met' if met else 'NOT met'}")
    return met
