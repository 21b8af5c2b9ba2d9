"""The feed view (f), marking many articles read (A, C) with undo (U), and articles stored
by another process appearing in an open reader."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from reader_support import ARTICLES, build_app, settle, wait_until

from newsreader.config import ReaderSettings, Settings
from newsreader.models import ArticleQuery
from newsreader.store import Library
from tui.screens.feeds import FeedScreen
from tui.screens.reader import ReaderScreen

pytestmark = pytest.mark.asyncio

WIDE = (120, 40)
NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
SOURCES = Counter(source for _, source, *_ in ARTICLES)


def unread(library_path: Path, **query: object) -> int:
    with Library(library_path) as library:
        return library.count_articles(ArticleQuery(unread=True, **query))  # type: ignore[arg-type]


async def test_feed_view_lists_sources_and_filters_by_one(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        feeds = app.screen
        assert isinstance(feeds, FeedScreen)
        assert {s.name: s.total for s in feeds.sources} == dict(SOURCES)
        shown = [str(option.prompt) for option in feeds.feed_list.options]
        assert not any("\x1b" in line for line in shown)  # names are shown as plain text
        assert all(s.unread == s.total for s in feeds.sources)
        index = next(i for i, s in enumerate(feeds.sources) if s.name == "Metro Ledger")
        await pilot.press(*["j"] * index, "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and screen.filters.source == "Metro Ledger"
        assert screen.article_list.total == SOURCES["Metro Ledger"]
        assert screen.article_list.selected.source == "Metro Ledger"


async def test_mark_a_feed_and_everything_read_then_undo(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        feeds = app.screen
        assert feeds.sources[0].name == "Metro Ledger"  # the largest first
        await pilot.press("A")
        await settle(pilot)
        assert unread(library_path, source="Metro Ledger") == 0
        assert unread(library_path) == len(ARTICLES) - SOURCES["Metro Ledger"]
        assert feeds.sources[0].unread == 0  # the counts are shown again
        await pilot.press("U")
        await settle(pilot)
        assert unread(library_path) == len(ARTICLES)
        await pilot.press("C")
        await settle(pilot)
        assert unread(library_path) == 0
        await pilot.press("escape")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert all(screen.article_list.row_at(i).read for i in range(len(ARTICLES)))
        await pilot.press("U")  # the reader has no marking of its own to undo
        await settle(pilot)
        assert unread(library_path) == 0


async def test_mark_the_view_read_marks_only_what_is_in_view(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        topic = screen.query_one("#topics").name_at(1)
        in_topic = sum(1 for a in ARTICLES if topic in a[2])
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert unread(library_path, topics=(topic,)) == 0
        assert unread(library_path) == len(ARTICLES) - in_topic
        assert all(screen.article_list.row_at(i).read for i in range(in_topic))
        await pilot.press("U")
        await settle(pilot)
        assert unread(library_path) == len(ARTICLES)
        assert not screen.article_list.row_at(0).read


async def test_articles_stored_by_another_process_appear(
    library_path: Path, tmp_path: Path
) -> None:
    story = tmp_path / "late-news.txt"
    story.write_text(
        "Lighthouse keepers open a winter school\n\n"
        "The keepers opened a school for the winter months. Ten pupils joined on the first day."
        " They learn knots, lamps and the weather. The harbour master rang the bell.\n"
    )
    settings = Settings(reader=ReaderSettings(check_every=0.05))
    app = build_app(library_path, settings)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        screen = app.screen
        before = screen.article_list.selected
        done = subprocess.run(
            [NEWSREADER, "--library", str(library_path), "import", str(story)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        # the reader checks every 0.05 s: wait until it has seen it
        await wait_until(
            pilot,
            lambda: screen.article_list.total == len(ARTICLES) + 1,
            "the other process's article shown",
        )
        await settle(pilot)
        assert screen.article_list.total == len(ARTICLES) + 1
        assert screen.article_list.selected.id == before.id  # the cursor did not move
        assert screen.article_list.row_at(0).title == "Lighthouse keepers open a winter school"


async def test_a_first_run_shows_the_reader_while_the_samples_are_stored(
    isolated_home: Path,
) -> None:
    path = isolated_home / "library.sqlite"
    with Library(path):
        pass  # an empty library, as on a first run
    app = build_app(path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.article_list.total == 24  # stored in the background, then shown
        assert screen.article is not None
        assert any("sample library is ready" in n.message for n in app._notifications)
        assert "preparing" not in str(screen.article_list.border_subtitle or "")
