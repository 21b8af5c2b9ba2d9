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
import shutil
import sys
import tempfile
from pathlib import Path

from reader_programs import NewsboatSession, NewsreaderSession, measure_help
from reader_session import Figures
from reader_table import print_table

ROOT = Path(__file__).resolve().parents[1]


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
