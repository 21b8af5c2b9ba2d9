"""The story view at 1,000 stories and more: pages beyond the first, the last story, and
the count after another process stores new stories."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_support import build_app, open_story_view, settle
from store_support import add_stories

from newsreader.store import Library

pytestmark = pytest.mark.asyncio

STORIES = 1_050


async def test_story_pages_beyond_the_first(isolated_home: Path) -> None:
    path = isolated_home / "library.sqlite"
    with Library(path) as library:
        add_stories(library, STORIES)
        expected = [story.id for story in library.list_stories(limit=STORIES)]
    app = build_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_story_view(pilot)
        lst = screen.story_list
        assert lst.total == STORIES
        while lst.cursor < 450:  # page by page through the second and third pages
            await pilot.press("pagedown")
            await settle(pilot)
        shown = [lst.row_at(i) for i in range(lst.cursor - 300, lst.cursor + 1)]
        assert [row.id for row in shown if row is not None] == expected[
            lst.cursor - 300 : lst.cursor + 1
        ]
        assert screen.story_view.section_text("header").startswith(lst.selected.title)
        await pilot.press("G")
        await settle(pilot)
        assert lst.cursor == STORIES - 1 and lst.selected.id == expected[-1]
        for _ in range(30):  # back up from the last page to the one before it
            await pilot.press("pageup")
        await settle(pilot)
        top = lst.cursor
        assert [lst.row_at(i).id for i in range(top, top + 40)] == expected[top : top + 40]
        await pilot.press("escape")
        await settle(pilot)
        with Library(path) as library:  # another process stores three new stories
            add_stories(library, 3, first=STORIES)
        await pilot.press("T")
        await settle(pilot)
        assert app.screen is screen and lst.total == STORIES + 3
        assert str(lst.border_title) == f"Stories {STORIES + 3:,}"
        assert lst.cursor == 0 and lst.selected.title == f"Report {STORIES + 2}"
