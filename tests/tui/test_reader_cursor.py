"""Where you are is always visible: the cursor row in every colour depth, focused or not.

Each case renders the reader, reads the style of the cursor row and of the row below
it where they are drawn, and turns them into what the terminal shows: colours
brought down to the terminal's depth as Rich does when it writes them, Textual's
own line filters applied (``NO_COLOR``), reverse video swapped, and on a monochrome
terminal (``TERM=vt100``) colours dropped altogether. The cursor row must differ
from its neighbour, and its text from its background.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_support import build_app, settle
from rich.color import Color, ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.color import Color as TextualColor

pytestmark = pytest.mark.asyncio

DEPTHS = {
    "truecolor": ColorSystem.TRUECOLOR,
    "256": ColorSystem.EIGHT_BIT,
    "16": ColorSystem.STANDARD,
}


def _colour(color: Color | None, depth: ColorSystem | None) -> object:
    if depth is None or color is None:
        return None  # a monochrome terminal shows no colour at all
    return color.downgrade(depth).get_ansi_codes()


def shown(app, x: int, y: int, depth: ColorSystem | None) -> tuple[object, ...]:
    """What the terminal shows at (x, y): (text colour, background, bold, underline)."""
    style = app.screen.get_style_at(x, y)
    segments = [Segment("x", style)]
    for line_filter in app.get_line_filters():
        segments = line_filter.apply(segments, TextualColor(0, 0, 0))
    style = segments[0].style or Style()
    fg, bg = _colour(style.color, depth), _colour(style.bgcolor, depth)
    if style.reverse:
        fg, bg = bg or "default-bg", fg or "default-fg"
    return (fg, bg, bool(style.bold), bool(style.underline))


async def _check_cursor(app, depth: ColorSystem | None) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for focus in ("list", "text"):
            if focus == "text":
                await pilot.press("enter")
                await settle(pilot)
                assert app.screen.pane == "article"
            lst = app.screen.article_list
            region = lst.content_region
            y = region.y + lst.cursor - int(lst.scroll_offset.y)
            for x in (region.x + 2, region.x + region.width // 2):
                cursor, below = shown(app, x, y, depth), shown(app, x, y + 1, depth)
                assert cursor != below, (focus, x, cursor, below)
                if depth is not None:
                    assert cursor[0] != cursor[1], (focus, x, cursor)


@pytest.mark.parametrize("depth", list(DEPTHS), ids=list(DEPTHS))
async def test_cursor_row_is_visible_in_every_colour_depth(library_path: Path, depth: str) -> None:
    await _check_cursor(build_app(library_path), DEPTHS[depth])


async def test_cursor_row_is_visible_with_no_color(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(library_path)
    assert app.no_color
    for depth in DEPTHS.values():
        await _check_cursor(build_app(library_path), depth)


async def test_cursor_row_is_visible_on_a_monochrome_terminal(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "vt100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    await _check_cursor(build_app(library_path), None)


async def test_the_cursor_row_shows_which_pane_is_in_front(library_path: Path) -> None:
    """The list's cursor is drawn one way while the list is in front, another while the
    article is (j/k then scroll the text): the key hints are not the only sign."""
    app = build_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.screen.article_list
        region = lst.content_region
        y = region.y + lst.cursor - int(lst.scroll_offset.y)
        in_front = shown(app, region.x + 2, y, ColorSystem.STANDARD)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.pane == "article"
        behind = shown(app, region.x + 2, y, ColorSystem.STANDARD)
        assert in_front != behind
        await pilot.press("escape")
        await settle(pilot)
        assert shown(app, region.x + 2, y, ColorSystem.STANDARD) == in_front
