"""Pilot tests of the help box (``?``): drawn over the screen it was asked on, it takes
every key while shown, as a dialog would, and gives the screen back as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_support import assert_new_colours_drawn, build_app, press_settled, settle
from textual.geometry import Region
from textual.widget import Widget

from newsreader.store import Library
from tui.screens.reader import ReaderScreen
from tui.screens.stories import StoryScreen
from tui.widgets.help_overlay import HelpOverlay, box_size
from tui.widgets.help_table import HelpTable

pytestmark = pytest.mark.asyncio

WIDE = (120, 40)


def overlay(app) -> HelpOverlay:
    return app.screen.query_one(HelpOverlay)


async def test_reader_keys_do_not_act_under_the_help(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("question_mark")
        await settle(pilot)
        assert overlay(app).display and app.focused is overlay(app)
        for key in ("s", "J", "enter", "u"):  # star, next, open, unread only: not for the reader
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("j")  # scrolls the help
        await settle(pilot)
        assert overlay(app).scroll_y == 1
        assert screen.article_list.cursor == 0 and not screen.filters.unread
        with Library(library_path) as library:
            assert not library.get_article(1).starred
        await pilot.press("q")  # closes the help, does not quit
        await settle(pilot)
        assert app.is_running and not overlay(app).display and app.focused is None
        await pilot.press("j")  # the reader's keys act again
        await settle(pilot)
        assert screen.article_list.cursor == 1


async def test_help_over_the_story_view(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        await pilot.press("question_mark")
        await settle(pilot)
        assert overlay(app).display
        await pilot.press("escape")  # closes the help, stays on the stories
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen) and not overlay(app).display
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)


async def test_help_is_centred_and_follows_a_resize(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for size in (WIDE, (81, 25)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            await pilot.press("question_mark")
            await settle(pilot)
            box = overlay(app).region
            width, height = box_size(*size)
            assert (box.width, box.height) == (width, height)
            assert (box.x, box.y) == ((size[0] - width) // 2, (size[1] - height) // 2)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("question_mark")
        await pilot.resize_terminal(*WIDE)  # resized while shown
        await settle(pilot)
        box = overlay(app).region
        assert (box.x, box.y, box.width, box.height) == (10, 2, 100, 36)


async def test_the_box_draws_what_textual_draws(library_path: Path) -> None:
    """The box, its table and its scrollbar hand back the lines they drew last until they
    change: after each key they are the very lines Textual's own render_lines gives."""
    app = build_app(library_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        checked = 0
        for key in ("question_mark", "j", "j", "pagedown", "k", "end", "escape", "question_mark"):
            await pilot.press(key)
            await settle(pilot)
            box = overlay(app)
            if not box.display:
                continue
            bar = box.vertical_scrollbar
            for widget in (box, box.query_one(HelpTable), bar):
                width, height = widget.outer_size
                whole = Region(0, 0, width, height)
                for crop in (whole, Region(1, 1, width - 2, height - 2), whole):
                    assert widget.render_lines(crop) == Widget.render_lines(widget, crop), (
                        key,
                        widget,
                    )
                    checked += 1
        assert checked == 7 * 3 * 3 and box.scroll_y > 0


async def test_new_styles_draw_the_box_again(library_path: Path) -> None:
    """Lines kept by key outlive a hide and a show, not a change of the colours that draw
    them: after a theme change the box, its table and its scrollbar draw the new colours."""
    app = build_app(library_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_settled(pilot, "question_mark", "escape", "question_mark")
        box = overlay(app)
        widgets = (box, box.query_one(HelpTable), box.vertical_scrollbar)
        await assert_new_colours_drawn(pilot, widgets)
