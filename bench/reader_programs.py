"""The reader bench's two programs: newsreader on its library and newsboat on the same
articles, each with its keys and what each key leads to; and ``newsreader --help``."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reader_session import (
    ALL_ARTICLES,
    ARTICLE_HINT,
    DOWN,
    ESC,
    HELP_TITLE,
    LIST_HINT,
    ONE_TOPIC,
    SEARCH_TITLE,
    Figures,
    Session,
    _changed,
    _env,
    _first_line,
    _has,
    _lacks,
    _matches,
    _newsreader,
    _pane,
    _pane_shows,
    _title_check,
    _typed,
)


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
