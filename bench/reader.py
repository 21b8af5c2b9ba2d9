"""Benchmark the reader as its user feels it: from the process start, in a real pty.

Each session starts ``newsreader`` (and, where it is installed, ``newsboat`` on the
same articles) on a fresh pseudo-terminal of ``--size`` columns x rows, with a
private HOME and config, and reads the terminal through ``pyte``:

- first frame: wall time from just before the fork to the first screen showing the
  newest titles (newsboat: its feed list, and then the time from Enter on its query
  feed of every article to that list showing the newest title), and the CPU the
  process used to get there (its CPU clock: every thread, finished ones included);
  newsreader at 100 columns or more: also the time to the first article shown in the
  pane beside the list (it may come a frame after the titles);
- per key: the time from writing the key to the pty to the last byte before the
  output went quiet for ``--quiet`` seconds with the screen showing what the key
  leads to (the next article, the help, the search's results: waited for, however
  long a busy machine takes; the quiet interval itself is not counted), the bytes
  written to the terminal meanwhile, and the CPU used. Keys:
  ``j`` in the list; Enter, then ``J`` and ``n`` in the article, and "back" to the list
  (Esc; newsboat: q; a lone Esc waits out the reader's escape delay); ``T`` on and off;
  topic key ``1`` on and off; a search (``/``, a word, Enter: the Enter is timed); ``?``
  (closed with Esc / q). A key that writes nothing within ``--first-byte`` seconds is
  reported as "not bound";
- idle: the CPU used and bytes written over a second of doing nothing after start-up;
- quit: from writing ``q`` (newsboat: ``Q``) until the process has ended, and the
  peak RSS of the process (``VmHWM`` before it quits, else its rusage);
- ``newsreader --help``: wall and CPU (rusage) of the whole process.

The reader's user cache folder (its style cache for the early paint of the first
view, ``tui.early_paint``) is kept from one session to the next, as a user's is, and
one unmeasured start per size fills it first; ``--cold`` gives every session an
empty one instead (a first start: nothing painted before Textual's first frame).

Libraries of 1,000, 100,000 and 1,000,000 articles are built once through the
store's bulk path (``Library.add_new_articles``) and cached by size under
``--keep DIR`` (else a temporary folder, removed afterwards); each session gets its
read flags reset. Sessions are interleaved across sizes and programs, so a busy
spell on the (shared, noisy) machine hits all alike; figures are medians of every
press of a key in every session. Compare ratios within one run.

    python bench/reader.py [--sizes 1000 100000 1000000] [--repeat 3] [--presses 10]
                           [--keep DIR] [--no-newsboat | --newsboat-sizes 1000]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GOAL_FIRST_WALL = 0.4
GOAL_FIRST_CPU = 0.25
GOAL_GOAL_SIZE = 100_000
GOAL_RATIO = 1.5
GOAL_KEY_CPU_MS = 16.0
GOAL_KEY_SETTLE_MS = 30.0
GOAL_QUIT_MS = 50.0
GOAL_BYTES = {"j": 2048, "Enter": 8192, "?": 16384}
GOAL_HELP_CPU_MS = 150.0

#: Seconds of doing nothing measured after start-up (the idle CPU row).
IDLE_SECONDS = 1.0
ESC = b"\x1b"
DOWN = b"\x1b[B"
#: The keys measured, in the order of the table.
KEYS = ["j", "Enter", "J", "n", "back", "T", "topic 1", "search", "?"]


@dataclass
class Figures:
    """Everything measured for one program at one size (all sessions pooled)."""

    first_wall: list[float] = field(default_factory=list)
    first_cpu: list[float] = field(default_factory=list)
    article_wall: list[float] = field(default_factory=list)
    quit_wall: list[float] = field(default_factory=list)
    idle_cpu: list[float] = field(default_factory=list)
    idle_bytes: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    settle: dict[str, list[float]] = field(default_factory=dict)
    bytes: dict[str, list[int]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)
    unbound: set[str] = field(default_factory=set)
    open_list: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    absent: set[str] = field(default_factory=set)

    def add(self, key: str, result) -> None:  # type: ignore[no-untyped-def]
        """Record one press (``result`` is a :class:`ptyterm.KeyResult`)."""
        if result.settle is None:
            self.unbound.add(key)
            return
        self.settle.setdefault(key, []).append(result.settle)
        self.bytes.setdefault(key, []).append(result.bytes)
        self.cpu.setdefault(key, []).append(result.cpu)


def _env(home: Path, cache: Path | None = None) -> dict[str, str]:
    """The environment of a session in ``home``; ``cache``: the user cache folder (the
    reader's style cache for its early paint), kept from one session to the next."""
    env = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "NEWSREADER_HOME": str(home / "newsreader"),
        "NEWSREADER_CONFIG": str(home / "config.toml"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(cache or home / "cache"),
    }
    if "VIRTUAL_ENV" in os.environ:
        env["VIRTUAL_ENV"] = os.environ["VIRTUAL_ENV"]
    return env


def _peak_rss_mb(pid: int) -> float | None:
    """The process's own peak RSS (``VmHWM``), None where /proc does not say.

    Not its rusage: a child's ``ru_maxrss`` starts at its parent's RSS when it is
    forked and is kept through ``exec``, so it would show this bench's own size (a
    million-article library built in it) rather than the program's.
    """
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def _newsreader() -> str:
    found = Path(sys.executable).with_name("newsreader")
    return str(found) if found.exists() else "newsreader"


def _title_check(titles: list[str]) -> Callable[[str], bool]:
    """True once the screen shows the beginnings of all ``titles``."""
    prefixes = [title[:14] for title in titles]
    return lambda screen: all(prefix in screen for prefix in prefixes)


# What the screen shows in each place: every key waits for the screen it leads to
# (see PtyProgram.key), so a key is never written before the last one was handled.
LIST_HINT = "u  unread only"
ARTICLE_HINT = "esc  list"
HELP_TITLE = "Keys (remap"
SEARCH_TITLE = "Search (all words"
ALL_ARTICLES = re.compile(r"╭─ Articles [\d,]+ ─")
ONE_TOPIC = re.compile(r"╭─ Articles [\d,]+ · topic")


def _pane(screen: str) -> str:
    """The first lines of newsreader's article pane (right of its left edge, ``▊``)."""
    lines = screen.splitlines()[1:4]
    return "\n".join(line.partition("▊")[2] for line in lines)


def _pane_shows(title: str) -> Callable[[str], bool]:
    return lambda screen: title[:14] in _pane(screen)


def _changed(before: str, part: Callable[[str], str]) -> Callable[[str], bool]:
    """True once ``part`` of the screen differs from what it was in ``before``."""
    was = part(before)
    return lambda screen: part(screen) != was


def _has(*texts: str) -> Callable[[str], bool]:
    return lambda screen: all(text in screen for text in texts)


def _lacks(text: str) -> Callable[[str], bool]:
    return lambda screen: text not in screen


def _matches(pattern: re.Pattern[str], *texts: str) -> Callable[[str], bool]:
    return lambda screen: bool(pattern.search(screen)) and all(t in screen for t in texts)


def _typed(title: str, word: str) -> Callable[[str], bool]:
    """True once ``word`` shows after the prompt titled ``title`` (on its line or below)."""

    def check(screen: str) -> bool:
        lines = screen.splitlines()
        at = next((i for i, line in enumerate(lines) if title in line), None)
        if at is None:
            return False
        after = [lines[at].partition(title)[2], *lines[at + 1 : at + 4]]
        return any(word in line for line in after)

    return check


def _first_line(screen: str) -> str:
    return screen.partition("\n")[0]


class Session:
    """One measured run of one program; subclasses say which keys do what."""

    name = ""
    quit_key = b"q"

    def __init__(self, args: argparse.Namespace, home: Path, cache: Path | None = None) -> None:
        self.args, self.home, self.cache = args, home, cache

    def argv(self) -> list[str]:
        raise NotImplementedError

    def first_frame(self) -> Callable[[str], bool]:
        raise NotImplementedError

    def first_article(self) -> Callable[[str], bool] | None:
        """What the screen shows once the first article is shown beside the list (None:
        the program shows none at start)."""
        return None

    def run(self, figures: Figures) -> None:
        """One session; a step that times out ends it and is reported under the table."""
        from ptyterm import ProgramExited, PtyProgram

        columns, lines = self.args.size
        program = PtyProgram(self.argv(), _env(self.home, self.cache), columns, lines)
        try:
            self.measure(program, figures)
        except (TimeoutError, ProgramExited) as exc:
            figures.failures.append(str(exc).splitlines()[0])
        finally:
            program.close()

    def measure(self, program, figures: Figures) -> None:  # type: ignore[no-untyped-def]
        """Start-up, idle, every key, quit."""
        figures.first_wall.append(program.wait_for(self.first_frame(), self.args.timeout))
        figures.first_cpu.append(program.cpu())
        article = self.first_article()
        if article is not None:
            figures.article_wall.append(program.wait_for(article, self.args.timeout))
        program.settle(self.args.quiet, self.args.quiet)  # the rest of the start-up
        before = program.cpu()
        written = program.read_for(IDLE_SECONDS)  # nothing pressed: what waiting costs
        figures.idle_cpu.append((program.cpu() - before) / IDLE_SECONDS)
        figures.idle_bytes.append(written / IDLE_SECONDS)
        self.keys(program, figures)
        peak = _peak_rss_mb(program.pid)
        wall, _cpu = program.quit(self.quit_key, self.args.timeout)
        figures.quit_wall.append(wall)
        assert program.rusage is not None
        figures.rss_mb.append(peak if peak is not None else program.rusage.ru_maxrss / 1024)

    def press(
        self,
        program,  # type: ignore[no-untyped-def]
        figures: Figures | None,
        key: str,
        data: bytes,
        until: Callable[[str], bool] | None = None,
    ) -> bool:
        """Press a key, measured under ``key`` unless ``figures`` is None; False if unbound."""
        if figures is not None and key in figures.unbound:
            return False
        result = program.key(data, self.args.quiet, self.args.first_byte, until, self.args.timeout)
        if figures is not None:
            figures.add(key, result)
        return result.settle is not None

    def keys(self, program, figures: Figures) -> None:  # type: ignore[no-untyped-def]
        raise NotImplementedError


class NewsreaderSession(Session):
    """newsreader on its library."""

    name = "newsreader"

    def __init__(
        self, args: argparse.Namespace, home: Path, library: Path, cache: Path | None = None
    ) -> None:
        super().__init__(args, home, cache)
        self.library = library
        from readerlib import search_word

        from newsreader.models import ArticleQuery
        from newsreader.store import Library

        self.word = search_word()
        with Library(library) as lib:
            limit = args.presses + 2
            self.newest = [row.title for row in lib.list_articles(ArticleQuery(), limit=limit)]

    def argv(self) -> list[str]:
        return [_newsreader(), "--library", str(self.library)]

    def first_frame(self) -> Callable[[str], bool]:
        return _title_check(self.newest[:2])

    def warm_up(self) -> None:
        """Start, wait for the article beside the list, quit: nothing measured."""
        from ptyterm import PtyProgram

        columns, lines = self.args.size
        program = PtyProgram(self.argv(), _env(self.home, self.cache), columns, lines)
        try:
            program.wait_for(self.first_article() or self.first_frame(), self.args.timeout)
            program.settle(self.args.quiet, self.args.quiet)
            program.quit(self.quit_key, self.args.timeout)
        finally:
            program.close()

    def first_article(self) -> Callable[[str], bool] | None:
        # The pane beside the list, from 100 columns on (below, the list alone).
        return _pane_shows(self.newest[0]) if self.args.size[0] >= 100 else None

    def keys(self, program, figures: Figures) -> None:  # type: ignore[no-untyped-def]
        presses, word = self.args.presses, self.word
        for n in range(1, presses + 1):
            self.press(program, figures, "j", b"j", _pane_shows(self.newest[n]))
        in_list = _has(LIST_HINT)
        for _ in range(presses):
            self.press(program, figures, "Enter", b"\r", _has(ARTICLE_HINT))
            self.press(program, figures, "J", b"J", _changed(program.text(), _pane))
            self.press(program, figures, "n", b"n", _changed(program.text(), _pane))
            self.press(program, figures, "back", ESC, in_list)
        articles = _matches(ALL_ARTICLES, LIST_HINT)
        for _ in range(presses):
            self.press(program, figures, "T", b"T", _has("╭─ Stories", "Story · "))
            self.press(program, figures, "T", b"T", articles)
        for _ in range(presses):
            self.press(program, figures, "topic 1", b"1", _matches(ONE_TOPIC))
            self.press(program, figures, "topic 1", b"1", articles)
        for _ in range(presses):
            self.press(program, None, "/", b"/", _has(SEARCH_TITLE))
            self.press(program, None, "word", word.encode(), _typed(SEARCH_TITLE, word))
            searched = _has(f'· "{word}"', LIST_HINT)
            self.press(program, figures, "search", b"\r", searched)
            self.press(program, None, "Esc", ESC, articles)
        for _ in range(presses):
            self.press(program, figures, "?", b"?", _has(HELP_TITLE))
            self.press(program, None, "Esc", ESC, _lacks(HELP_TITLE))


class NewsboatSession(Session):
    """newsboat 2.x on the same articles, in its own cache."""

    name = "newsboat"
    quit_key = b"Q"

    def __init__(
        self,
        args: argparse.Namespace,
        home: Path,
        files: tuple[Path, Path, Path],
        newest: list[str],
    ) -> None:
        super().__init__(args, home)
        self.urls, self.config, self.cache = files
        self.newest = newest
        from readerlib import NEWSBOAT_QUERY, search_word

        self.query = NEWSBOAT_QUERY
        self.word = search_word()

    def argv(self) -> list[str]:
        return [
            "newsboat",
            "-u",
            str(self.urls),
            "-c",
            str(self.cache),
            "-C",
            str(self.config),
        ]

    def first_frame(self) -> Callable[[str], bool]:
        return lambda screen: self.query in screen and "Outlet" in screen

    def keys(self, program, figures: Figures) -> None:  # type: ignore[no-untyped-def]
        figures.absent.update({"T", "topic 1"})
        presses = self.args.presses
        # The query feed of every article: newsboat fills it when it is opened.
        args = self.args
        opened = program.key(
            b"\r", args.quiet, args.first_byte, _title_check(self.newest[:1]), args.timeout
        )
        if opened.settle is not None:
            figures.open_list.append(opened.settle)
        in_list = lambda screen: "- Articles in feed" in _first_line(screen)  # noqa: E731
        for _ in range(presses):
            self.press(program, figures, "j", DOWN)
        for _ in range(presses):
            self.press(program, figures, "Enter", b"\r", _has("- Article '"))
            self.press(program, figures, "J", b"J", _changed(program.text(), _first_line))
            self.press(program, figures, "n", b"n", _changed(program.text(), _first_line))
            self.press(program, figures, "back", b"q", in_list)
        for _ in range(presses):
            self.press(program, None, "/", b"/", _has("Search for:"))
            self.press(program, None, "word", self.word.encode(), _has(f"Search for: {self.word}"))
            self.press(program, figures, "search", b"\r", _has("- Search results"))
            self.press(program, None, "back", b"q", in_list)
        for _ in range(presses):
            self.press(program, figures, "?", b"?", _has("- Help"))
            self.press(program, None, "back", b"q", in_list)


def measure_help(repeat: int, home: Path) -> tuple[float, float]:
    """Median (wall, CPU) seconds of ``newsreader --help``, from the process start."""
    walls, cpus = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        process = subprocess.Popen(
            [_newsreader(), "--help"], env=_env(home), stdout=subprocess.DEVNULL
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - started)
        cpus.append(usage.ru_utime + usage.ru_stime)
        if status:
            sys.exit("newsreader --help failed")
    return statistics.median(walls), statistics.median(cpus)


# -- the table ---------------------------------------------------------------


def _median(values: list[float] | list[int]) -> float | None:
    return statistics.median(values) if values else None


def _cell(value: float | None, scale: float = 1.0, digits: int = 1) -> str:
    return "—" if value is None else f"{value * scale:,.{digits}f}"


def _ratio(top: float | None, bottom: float | None) -> str:
    if top is None or bottom is None or bottom == 0:
        return "—"
    return f"{top / bottom:.2f}"


def _rows(figures: Figures) -> dict[str, float | None]:
    """Every figure of the table by row label (None when not measured)."""
    found: dict[str, float | None] = {
        "first frame, wall (s)": _median(figures.first_wall),
        "first frame, CPU (s)": _median(figures.first_cpu),
        "first article beside it, wall (s)": _median(figures.article_wall),
        "newsboat: Enter to its article list (s)": _median(figures.open_list),
        "quit, wall (ms)": None if not figures.quit_wall else _median(figures.quit_wall) * 1000,  # type: ignore[operator]
        "peak RSS (MB)": max(figures.rss_mb) if figures.rss_mb else None,
        "idle CPU (ms per s)": None if not figures.idle_cpu else _median(figures.idle_cpu) * 1000,  # type: ignore[operator]
        "idle bytes per s": _median(figures.idle_bytes),
    }
    for key in KEYS:
        settle, cpu = _median(figures.settle.get(key, [])), _median(figures.cpu.get(key, []))
        found[f"{key}: settled (ms)"] = None if settle is None else settle * 1000
        found[f"{key}: CPU (ms)"] = None if cpu is None else cpu * 1000
        found[f"{key}: bytes"] = _median(figures.bytes.get(key, []))
    return found


def _note(figures: Figures, label: str) -> str:
    key = label.split(":")[0]
    if key in figures.absent:
        return "no such key"
    if key in figures.unbound:
        return "not bound"
    return ""


def print_table(
    sizes: list[int],
    ours: dict[int, Figures],
    theirs: dict[int, Figures],
    help_figures: tuple[float, float],
) -> list[tuple[str, bool]]:
    """Print the table; return the goals with whether each was met."""
    small, large = min(sizes), max(sizes)
    rows = {size: _rows(ours[size]) for size in sizes}
    nb_rows = {size: _rows(theirs[size]) for size in theirs}
    header = ["measure"]
    for size in sizes:
        header.append(f"ours {size:,}")
        if size in theirs:
            header += [f"newsboat {size:,}", "ours/nb"]
    header.append(f"ours {large:,}/{small:,}")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    digits = {"bytes": 0, "RSS": 0}
    for label in rows[small]:
        cells = [label]
        places = next((d for word, d in digits.items() if word in label), 1 if "ms" in label else 3)
        for size in sizes:
            note = _note(ours[size], label)
            cells.append(note or _cell(rows[size][label], digits=places))
            if size in theirs:
                nb_note = _note(theirs[size], label)
                cells.append(nb_note or _cell(nb_rows[size][label], digits=places))
                cells.append(_ratio(rows[size][label], nb_rows[size][label]))
        cells.append(_ratio(rows[large][label], rows[small][label]))
        print("| " + " | ".join(cells) + " |")
    for size in sizes:
        for name, found in (("newsreader", ours.get(size)), ("newsboat", theirs.get(size))):
            for failure in found.failures if found else []:
                print(f"\n{name} at {size:,}: a session stopped: {failure}")
    wall, cpu = help_figures
    print(f"\n`newsreader --help`: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU (median)")
    return _goals(sizes, rows, nb_rows, ours, help_figures)


def _goals(sizes, rows, nb_rows, ours, help_figures) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    small, large = min(sizes), max(sizes)
    at = GOAL_GOAL_SIZE if GOAL_GOAL_SIZE in sizes else large
    goals: list[tuple[str, bool]] = []

    def check(label: str, value: float | None, limit: float | None) -> None:
        if value is not None and limit is not None:
            goals.append((f"{label}: {value:,.3g} <= {limit:,.3g}", value <= limit))

    check(f"first frame wall at {at:,} (s)", rows[at]["first frame, wall (s)"], GOAL_FIRST_WALL)
    check(f"first frame CPU at {at:,} (s)", rows[at]["first frame, CPU (s)"], GOAL_FIRST_CPU)
    if at in nb_rows:
        for label in ("first frame, wall (s)", "first frame, CPU (s)"):
            check(f"{label} at {at:,} vs newsboat", rows[at][label], nb_rows[at][label])
    if large != small:
        for label in ["first frame, wall (s)", "first frame, CPU (s)"] + [
            f"{key}: {what}" for key in KEYS for what in ("settled (ms)", "CPU (ms)")
        ]:
            top, bottom = rows[large][label], rows[small][label]
            if top is not None and bottom:
                check(f"{label} {large:,}/{small:,}", top / bottom, GOAL_RATIO)
    for size in sizes:
        for key in KEYS:
            check(f"{key} CPU at {size:,} (ms)", rows[size][f"{key}: CPU (ms)"], GOAL_KEY_CPU_MS)
            check(
                f"{key} settled at {size:,} (ms)",
                rows[size][f"{key}: settled (ms)"],
                GOAL_KEY_SETTLE_MS,
            )
            check(f"{key} bytes at {size:,}", rows[size][f"{key}: bytes"], GOAL_BYTES.get(key))
        check(f"quit at {size:,} (ms)", rows[size]["quit, wall (ms)"], GOAL_QUIT_MS)
    check("newsreader --help CPU (ms)", help_figures[1] * 1000, GOAL_HELP_CPU_MS)
    for size in sizes:
        for key in sorted(ours[size].unbound):
            goals.append((f"{key} at {size:,}: not bound", False))
    return goals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3, help="sessions per program and size")
    parser.add_argument("--presses", type=int, default=10, help="presses of each key a session")
    parser.add_argument("--keep", type=Path, help="build and keep the libraries here")
    parser.add_argument("--no-newsboat", action="store_true", help="measure newsreader only")
    parser.add_argument(
        "--newsboat-sizes",
        type=int,
        nargs="+",
        help="measure newsboat at these of the sizes only (default: all; it takes minutes"
        " a session at 100,000)",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="each session without the reader's style cache (no early paint: a first start)",
    )
    parser.add_argument("--size", type=int, nargs=2, default=(120, 40), metavar=("COLS", "ROWS"))
    parser.add_argument("--quiet", type=float, default=0.2, help="seconds without output: settled")
    parser.add_argument("--first-byte", type=float, default=5.0, help="no output by then: unbound")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds for any one step")
    args = parser.parse_args()

    from readerlib import newsboat_cache, newsboat_reset, our_library, reset_flags

    newsboat = not args.no_newsboat and shutil.which("newsboat") is not None
    folder = args.keep or Path(tempfile.mkdtemp(prefix="newsreader-bench-"))
    try:
        log = lambda line: print(line, file=sys.stderr)  # noqa: E731
        libraries = {size: our_library(folder / "libraries", size, log) for size in args.sizes}
        newsboat_sizes = [
            size for size in args.sizes if size in (args.newsboat_sizes or args.sizes)
        ]
        caches = (
            {size: newsboat_cache(folder / "libraries", size, log) for size in newsboat_sizes}
            if newsboat
            else {}
        )
        ours = {size: Figures() for size in args.sizes}
        # The reader's style cache is kept between sessions, as a user's is between starts;
        # a start before the measured ones leaves it (its first frame is not counted).
        cache = None if args.cold else folder / "user-cache"
        if cache is not None:
            for size in args.sizes:
                home = Path(tempfile.mkdtemp(prefix="home-", dir=folder))
                reset_flags(libraries[size])
                NewsreaderSession(args, home, libraries[size], cache).warm_up()
                shutil.rmtree(home, ignore_errors=True)
        theirs = {size: Figures() for size in caches}
        for _ in range(args.repeat):  # interleaved: a busy spell hits every size alike
            for size in args.sizes:
                home = Path(tempfile.mkdtemp(prefix="home-", dir=folder))
                reset_flags(libraries[size])
                session = NewsreaderSession(args, home, libraries[size], cache)
                session.run(ours[size])
                if size in caches:
                    newsboat_reset(caches[size][2])
                    NewsboatSession(args, home, caches[size], session.newest).run(theirs[size])
                shutil.rmtree(home, ignore_errors=True)
        help_figures = measure_help(3 * args.repeat, folder)
        columns, lines = args.size
        goals = print_table(args.sizes, ours, theirs, help_figures)
        print(
            f"\nmedians of {args.repeat} session(s) x {args.presses} press(es) per key, "
            f"{columns}x{lines} pty, settled = last byte before {args.quiet * 1000:.0f} ms"
            f" of quiet (not counted); peak RSS: the largest"
            + ("" if newsboat else "; newsboat not measured")
            + (
                f"; newsboat at {', '.join(f'{size:,}' for size in caches)} only"
                if newsboat and len(caches) < len(args.sizes)
                else ""
            )
        )
        for label, met in goals:
            print(f"{'met' if met else 'NOT MET'}: {label}")
        if any(found.failures for found in [*ours.values(), *theirs.values()]):
            sys.exit("a session stopped before its end (see above the goals)")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    main()
