"""Pilot tests of the reader's topic keys, topic bar and picker, and search line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reader_keys_support import WIDE, reader, selected_id
from reader_support import ARTICLES, build_app, settle

from tui.screens.topic_picker import TopicPicker
from tui.widgets.search_bar import SearchBar
from tui.widgets.topic_bar import TopicBar

pytestmark = pytest.mark.asyncio


async def test_topic_keys_combine_and_clear(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = reader(app)
        bar = screen.query_one("#topics")
        first = bar.name_at(1)
        expected = sum(1 for a in ARTICLES if first in a[2])
        await pilot.press("1")
        await settle(pilot)
        assert screen.filters.topics == (first,)
        assert screen.article_list.total == expected < len(ARTICLES)
        assert bar.name_at(1) == first  # active topics stay first
        second = bar.name_at(2)
        await pilot.press("2")
        await settle(pilot)
        both = sum(1 for a in ARTICLES if first in a[2] and second in a[2])
        assert screen.filters.topics == (first, second)
        assert screen.article_list.total == both
        await pilot.press("1")
        await settle(pilot)
        assert screen.filters.topics == (second,)
        await pilot.press("0")
        await settle(pilot)
        assert screen.filters.topics == ()
        assert screen.article_list.total == len(ARTICLES)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.filters.active


async def test_topic_numbers_stay_where_they_are(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        bar = reader(app).query_one(TopicBar)
        before = [bar.name_at(n) for n in range(1, 10)]
        assert before[0] and before[1]
        for key in ("1", "2", "1"):  # with 1 and 2 on, 1 off: 2 is still 2
            await pilot.press(key)
            await settle(pilot)
            assert [bar.name_at(n) for n in range(1, 10)] == before
        assert reader(app).filters.topics == (before[1],)
        assert "✓" in bar.render().plain.split(f" 2 {before[1]}")[0][-2:]


async def test_the_topic_bar_says_when_topics_do_not_fit(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=(50, 20)) as pilot:
        await settle(pilot)
        bar = reader(app).query_one(TopicBar)
        shown = bar.render().plain
        assert len(shown) <= bar.content_region.width
        hidden = int(re.search(r"\+(\d+) more \(t\)", shown).group(1))
        numbers = re.findall(r"(?:^|\s)✓?([1-9]) [^\d\s]", shown.split("+")[0])
        assert hidden == len(bar.numbered) - len(numbers) > 0
        assert [int(n) for n in numbers] == list(range(1, len(numbers) + 1))


async def test_topic_picker_fuzzy(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TopicPicker)
        await pilot.press("f", "r", "m", "n", "g", "enter")  # fuzzy: farming
        await settle(pilot)
        screen = reader(app)
        assert screen.filters.topics == ("farming",)
        assert screen.article_list.total == sum(1 for a in ARTICLES if "farming" in a[2])
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert reader(app).filters.topics == ("farming",)


async def test_search(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        assert bar.display and app.screen.focused is bar.input
        await pilot.press(*"glacier", "enter")
        await settle(pilot)
        screen = reader(app)
        assert screen.filters.search == "glacier"
        assert screen.article_list.total == 1
        assert selected_id(app) == 2
        await pilot.press("slash")
        assert bar.input.value == "glacier"  # the search shown is the one to change
        await pilot.press("ctrl+u", "enter")  # empty search clears it
        await settle(pilot)
        assert screen.filters.search is None
        assert screen.article_list.total == len(ARTICLES)
        assert not bar.display and app.screen.focused is None
        before = selected_id(app)
        await pilot.press("slash", *"tram", "escape")  # esc leaves the filters as they were
        await settle(pilot)
        assert not bar.display and screen.filters.search is None
        await pilot.press("j")  # the keys are the reader's again
        await settle(pilot)
        assert selected_id(app) == before + 1


async def test_search_line_reopens_in_its_focused_style(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        unfocused = bar.input.rich_style
        await pilot.press("slash")
        await settle(pilot)
        first = (bar.input.has_focus, bar.input.rich_style, bar.input.styles.border)
        assert first[0] and first[1] != unfocused  # the field shows it has the keys
        for close in (("enter",), ("escape",), (*"tram", "enter")):
            await pilot.press(*close)
            await settle(pilot)
            assert not bar.display and app.screen.focused is None
            await pilot.press("slash")
            await settle(pilot)
            again = (bar.input.has_focus, bar.input.rich_style, bar.input.styles.border)
            assert again == first


async def test_the_topic_bar_is_blank_until_its_counts_come() -> None:
    from textual.app import App, ComposeResult

    class BarApp(App[None]):
        def compose(self) -> ComposeResult:
            yield TopicBar()

    async with BarApp().run_test(size=(60, 3)) as pilot:
        bar = pilot.app.query_one(TopicBar)
        assert bar.render().plain == ""  # not "no topics" while they are being counted
        bar.show([], ())
        assert bar.render().plain == "No topics yet"
