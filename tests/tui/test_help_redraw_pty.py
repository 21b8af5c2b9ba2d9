"""The help box goes from the terminal when it is closed, however often it was shown.

The real ``newsreader`` on a pseudo-terminal, read through a terminal emulator
(``pyte``, as the reader bench does): a search, then the help opened and closed,
three times over, on a library of 10,000 articles. Shown again with its lines kept,
the box used to stay on the terminal when Esc closed it (Textual's map of the
screen was rebuilt by the box's own repaint before the layout looked for what
changed), and every key after that drew nothing.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

TIMEOUT = 60.0
HELP_TITLE = "Keys (remap"
SEARCH_TITLE = "Search (all words"
ALL_ARTICLES = re.compile(r"╭─ Articles [\d,]+ ─")
LIST_HINT = "u  unread only"


def test_help_leaves_the_screen_each_time(isolated_home: Path) -> None:
    from ptyterm import PtyProgram
    from readerlib import our_library, search_word

    library = our_library(isolated_home / "libraries", 10_000, log=lambda _: None)
    newsreader = str(Path(sys.executable).with_name("newsreader"))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    program = PtyProgram([newsreader, "--library", str(library)], env, 120, 40)
    word = search_word()

    def has(*texts: str):  # type: ignore[no-untyped-def]
        return lambda screen: all(text in screen for text in texts)

    def all_articles(screen: str) -> bool:
        return bool(ALL_ARTICLES.search(screen)) and LIST_HINT in screen

    try:
        program.wait_for(has(LIST_HINT), TIMEOUT)
        for _ in range(3):
            program.key(b"/", 0.05, TIMEOUT, has(SEARCH_TITLE), TIMEOUT)
            program.key(word.encode(), 0.05, TIMEOUT, has(word), TIMEOUT)
            program.key(b"\r", 0.05, TIMEOUT, has(f'· "{word}"', LIST_HINT), TIMEOUT)
            program.key(b"\x1b", 0.05, TIMEOUT, all_articles, TIMEOUT)
            program.key(b"?", 0.05, TIMEOUT, has(HELP_TITLE), TIMEOUT)
            closed = program.key(b"\x1b", 0.2, 5.0)
            screen = program.text()
            assert HELP_TITLE not in screen and closed.bytes > 0, screen
            assert all_articles(screen), screen
        program.quit(b"q", TIMEOUT)
    finally:
        program.close()
