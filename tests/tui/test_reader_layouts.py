"""Keys that change how many rows the list holds lay the screen out once.

A list that stops (or starts) overflowing shows (or hides) its scrollbar. Textual
finds that only after a layout and then lays the whole screen out again, a frame
later: the result list drawn twice. These count the screen's layouts through its
public signal while a key's answers arrive.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_support import ARTICLES, build_app, press_settled, settle
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.strip import Strip

from tui.screens.reader import ReaderScreen

pytestmark = pytest.mark.asyncio

#: Fewer list rows than there are articles: the whole list overflows, one result fits.
SHORT = (120, 12)


def _layouts(pilot: Pilot) -> list[Screen[object]]:
    """A list that grows by one each time the current screen is laid out."""
    laid_out: list[Screen[object]] = []
    screen = pilot.app.screen
    screen.screen_layout_refresh_signal.subscribe(pilot.app, laid_out.append, immediate=True)
    return laid_out


async def test_a_search_that_fits_and_its_clearing_lay_out_once(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=SHORT) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        articles = screen.article_list
        assert articles.total == len(ARTICLES) and articles.show_vertical_scrollbar
        await press_settled(pilot, "slash", *"glacier")
        laid_out = _layouts(pilot)
        await press_settled(pilot, "enter")
        assert articles.total == 1 and not articles.show_vertical_scrollbar
        assert not articles.vertical_scrollbar.display
        assert len(laid_out) == 1, "the results were laid out more than once"
        laid_out.clear()
        await press_settled(pilot, "escape")  # in the list: clears the search
        assert articles.total == len(ARTICLES) and articles.show_vertical_scrollbar
        assert articles.vertical_scrollbar.display
        assert len(laid_out) == 1, "the whole list was laid out more than once"


async def test_a_search_that_overflows_draws_its_scrollbar_in_the_same_frame(
    library_path: Path,
) -> None:
    # The list overflows before and after: the bar stays, its thumb changes. Textual's
    # scroll view repaints the bar after every layout (it takes the compositor's size
    # of the content for its virtual size): a frame of its own, after the results'.
    app = build_app(library_path)
    async with app.run_test(size=(120, 8)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        articles = screen.article_list
        await press_settled(pilot, "slash", *"the")
        bar = articles.vertical_scrollbar
        drawn: list[Region] = []
        draw = bar.render_lines

        def counted(crop: Region) -> list[Strip]:
            drawn.append(crop)
            return draw(crop)

        bar.render_lines = counted  # type: ignore[method-assign]
        laid_out = _layouts(pilot)
        await press_settled(pilot, "enter")
        assert 4 < articles.total < len(ARTICLES) and articles.show_vertical_scrollbar
        assert len(laid_out) == 1
        assert len(drawn) == 1, "the scrollbar was drawn again after the results' frame"
