"""The reader's widgets draw what Textual would draw, however they get there.

The list and the pane dress their own lines (border sides, line filters) instead of
Textual's styles cache, and the screen, the panes' container, the topic bar, the
key hints and the list's scrollbar hand back the lines they drew last until they
change. Each must give, after every key, the very lines Textual's own
``Widget.render_lines`` gives for the same widget at that moment.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_support import assert_new_colours_drawn, build_app, press_settled, settle
from textual.geometry import Region
from textual.widget import Widget

from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.key_hints import KeyHints
from tui.widgets.topic_bar import TopicBar

pytestmark = pytest.mark.asyncio

#: Keys that change the list, the pane, the bar and the scrollbar in turn.
#: T and T again: the story view's screen and back, which applies every style again.
KEYS = ("j", "j", "enter", "J", "n", "escape", "1", "G", "1", "2", "0", "g", "tab", "space")
KEYS += ("T", "T", "j")


def _widgets(screen) -> list[Widget]:  # type: ignore[no-untyped-def]
    found: list[Widget] = [screen, screen.query_one("#panes")]
    found += [screen.query_one(kind) for kind in (ArticleList, ArticleView, TopicBar, KeyHints)]
    lst = screen.article_list
    if lst.show_vertical_scrollbar:
        found.append(lst.vertical_scrollbar)
    return found


def _crops(widget: Widget) -> list[Region]:
    """The whole widget (as the compositor asks), a part, and the whole again (what is
    kept for the next key)."""
    width, height = widget.outer_size
    whole = Region(0, 0, width, height)
    return [whole, Region(2, 1, max(1, width - 3), max(1, height - 2)), whole]


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no-colour"])
@pytest.mark.parametrize("size", [(120, 14), (80, 24)], ids=["120x14", "80x24"])
async def test_every_widget_draws_what_textual_draws(
    library_path: Path, monkeypatch: pytest.MonkeyPatch, no_color: bool, size: tuple[int, int]
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(library_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        checked = 0
        for key in ("", *KEYS):
            if key:
                await pilot.press(key)
                await settle(pilot)
            for widget in _widgets(screen):
                if not widget.display or not widget.outer_size.area:
                    continue
                for crop in _crops(widget):
                    drawn = widget.render_lines(crop)
                    assert drawn == Widget.render_lines(widget, crop), (key, widget, crop)
                    checked += 1
        assert checked > 100


async def test_the_scrollbar_follows_the_cursor(library_path: Path) -> None:
    """A list longer than the pane: the scrollbar's kept lines change as the list scrolls."""
    app = build_app(library_path)
    async with app.run_test(size=(120, 10)) as pilot:
        await settle(pilot)
        bar = app.screen.article_list.vertical_scrollbar
        crop = Region(0, 0, *bar.outer_size)
        first = bar.render_lines(crop)
        await pilot.press("G")
        await settle(pilot)
        last = bar.render_lines(crop)
        assert last != first
        assert last == Widget.render_lines(bar, crop)


async def test_new_colours_draw_every_widget_again(library_path: Path) -> None:
    """Styles applied again to the same values keep the lines; a theme changes them: the
    list, the pane, the bars and the screen draw the new colours."""
    app = build_app(library_path)
    async with app.run_test(size=(120, 14)) as pilot:
        await settle(pilot)
        await press_settled(pilot, "j", "T", "T")
        screen = app.screen
        widgets = _widgets(screen)
        await assert_new_colours_drawn(pilot, widgets)
