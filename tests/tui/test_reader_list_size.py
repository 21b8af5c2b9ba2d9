"""The list's length follows every filter: its scrollbar, its last row, the cursor there.

A filter changes how many rows the list has; the scrollbar must say so and the last
row must be reachable, whether the scrollbar stays, goes (a view shorter than the
pane) or comes back.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from reader_support import NOW, build_app, settle

from newsreader.models import NewArticle
from newsreader.store import Library

pytestmark = pytest.mark.asyncio

#: Articles by topic: "harbours" is the largest (key 1), "bridges" fits on one screen (key 3).
SIZES = {"harbours": 150, "bridges": 5, "ferries": 60}


@pytest.fixture
def sized_library(isolated_home: Path) -> Path:
    path = isolated_home / "library.sqlite"
    articles = []
    for topic, count in SIZES.items():
        for n in range(count):
            articles.append(
                NewArticle(
                    title=f"{topic.capitalize()} report number {n}",
                    text=f"The {topic} report number {n} says little. It ends here.",
                    source_name="Coast Gazette",
                    topics=(topic,),
                    url=f"https://news.example/{topic}/{n}",
                    published=NOW - timedelta(minutes=len(articles) + 1),
                )
            )
    with Library(path) as library:
        library.add_articles(articles)
    return path


def _check_length(screen, total: int) -> None:
    lst = screen.article_list
    assert lst.total == total
    height = lst.content_region.height
    assert lst.max_scroll_y == max(0, total - height)
    assert lst.show_vertical_scrollbar == (total > height)
    if lst.show_vertical_scrollbar:
        assert lst.vertical_scrollbar.window_virtual_size == total


async def _to_last_row(pilot, screen, total: int) -> None:
    await pilot.press("G")
    await settle(pilot)
    lst = screen.article_list
    top = int(lst.scroll_offset.y)
    assert lst.cursor == total - 1
    assert top <= lst.cursor < top + lst.content_region.height  # the cursor is on screen
    assert screen.article is not None and screen.article.id == lst.selected.id


async def test_the_list_length_follows_the_filters(sized_library: Path) -> None:
    app = build_app(sized_library)
    everything = sum(SIZES.values())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        _check_length(screen, everything)
        for key, total in (("1", SIZES["harbours"]), ("0", everything), ("3", SIZES["bridges"])):
            await pilot.press(key)  # shorter with the bar; all again; shorter than the pane
            await settle(pilot)
            _check_length(screen, total)
            await _to_last_row(pilot, screen, total)
        await pilot.press("0")  # the scrollbar comes back
        await settle(pilot)
        _check_length(screen, everything)
        await _to_last_row(pilot, screen, everything)
