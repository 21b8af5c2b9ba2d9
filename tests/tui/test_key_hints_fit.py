"""The key hints line on a narrow terminal: ``?`` (which tells every other key) and quit
stay, the hints before them go first, and what is shown fits the line uncut."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from tui.widgets.key_hints import KeyHints

pytestmark = pytest.mark.asyncio


class _Hints(App[None]):
    def __init__(self, place: str) -> None:
        super().__init__()
        self.place = place

    def compose(self) -> ComposeResult:
        yield KeyHints(self.place, {})


async def _line(place: str, width: int) -> str:
    app = _Hints(place)
    async with app.run_test(size=(width, 3)) as pilot:
        await pilot.pause()
        return "".join(
            s.text
            for s in app.query_one(KeyHints).render_lines(
                app.query_one(KeyHints).region.reset_offset
            )[0]
        ).rstrip()


@pytest.mark.parametrize("width", [40, 60, 80])
async def test_narrow_lines_keep_help_and_quit_and_fit(width: int) -> None:
    line = await _line("list", width)
    assert line.startswith(" ⏎  open"), line  # the first hint stays
    assert line.endswith("?  help   q  quit"), line  # uncut: nothing ends in an ellipsis
    assert len(line) <= width


async def test_a_wide_line_shows_every_hint() -> None:
    line = await _line("list", 120)
    for label in ("open", "unread", "search", "unread only", "feeds", "stories", "help", "quit"):
        assert f"  {label}" in line, line


async def test_a_narrow_article_line_keeps_help() -> None:
    line = await _line("article", 50)
    assert line.startswith(" esc  list") and line.endswith("?  help"), line
