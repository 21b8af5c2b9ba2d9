"""Pilot tests of the reader's moving, opening, scrolling and marking-read keys, asserting
on the reader's state and the library."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_keys_support import WIDE, reader, selected_id, shown_text, stored
from reader_support import ARTICLES, build_app, settle

from newsreader.config import ReaderSettings, Settings
from newsreader.store import Library

pytestmark = pytest.mark.asyncio


async def test_start_shows_list_and_first_article_with_summary(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.article_list.total == len(ARTICLES)
        assert selected_id(app) == 1
        assert screen.article is not None and screen.article.title == ARTICLES[0][0]
        summary = screen.article_view.summary
        assert summary is not None and summary.algorithm == "lead"
        assert len(summary.sentences) == 3
        assert "The floating library opened on Monday." in shown_text(app, "summary")


async def test_move_keys(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        assert selected_id(app) == 3
        assert reader(app).article.id == 3
        await pilot.press("down")
        await pilot.press("k")
        await pilot.press("up")
        await settle(pilot)
        assert selected_id(app) == 2
        await pilot.press("G")
        await settle(pilot)
        assert selected_id(app) == len(ARTICLES)
        assert reader(app).article.id == len(ARTICLES)
        await pilot.press("g")
        await settle(pilot)
        assert selected_id(app) == 1


async def test_open_marks_read_and_switches_pane(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        screen = reader(app)
        assert screen.pane == "article"
        assert screen.pane == "article"
        assert stored(library_path, 2).read
        assert screen.article_list.selected.read
        await pilot.press("tab")
        assert screen.pane == "list"
        await pilot.press("j", "l")
        await settle(pilot)
        assert screen.pane == "article"
        assert stored(library_path, 3).read
        await pilot.press("h")
        assert screen.pane == "list"


async def test_keys_scroll_the_text_in_the_article_pane(library_path: Path) -> None:
    hostile = next(i for i, a in enumerate(ARTICLES) if a[0].startswith("[bold red]"))
    app = build_app(library_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        reader(app).article_list.move_to(hostile)
        await settle(pilot)
        scroll = reader(app).article_view.text_scroll
        assert scroll.max_scroll_y > 0
        await pilot.press("space")  # space pages the text with the list focused
        await pilot.pause()
        first_page = scroll.scroll_y
        assert first_page > 0 and reader(app).pane == "list"
        await pilot.press("tab", "pagedown")  # in the text, pgdn pages the text
        await pilot.pause()
        assert scroll.scroll_y > first_page
        await pilot.press("pageup")
        await pilot.pause()
        assert scroll.scroll_y == pytest.approx(first_page)
        await pilot.press("j")  # in the article pane j scrolls, the cursor stays
        await pilot.pause()
        assert selected_id(app) == hostile + 1
        await pilot.press("g")
        await pilot.pause()
        assert scroll.scroll_y == 0


async def test_home_end_and_page_keys_move_the_cursor_in_the_list(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=(120, 8)) as pilot:  # a list a few rows high
        await settle(pilot)
        lst = reader(app).article_list
        height = lst.scrollable_content_region.height
        assert 1 < height < len(ARTICLES)
        await pilot.press("end")
        await settle(pilot)
        assert lst.cursor == len(ARTICLES) - 1 and selected_id(app) == len(ARTICLES)
        assert lst.scroll_offset.y <= lst.cursor < lst.scroll_offset.y + height
        await pilot.press("home")
        await settle(pilot)
        assert lst.cursor == 0 and lst.scroll_offset.y == 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert lst.cursor == height - 1
        assert lst.scroll_offset.y <= lst.cursor < lst.scroll_offset.y + height
        await pilot.press("pageup")
        await settle(pilot)
        assert lst.cursor == 0


async def test_next_article_keys_work_from_the_text(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = reader(app)
        assert screen.pane == "article"
        await pilot.press("J")
        await settle(pilot)
        assert selected_id(app) == 2 and screen.article.id == 2
        assert screen.pane == "article"  # still reading
        assert stored(library_path, 2).read  # opened by J while reading: read
        await pilot.press("J", "K")
        await settle(pilot)
        assert selected_id(app) == 2 and stored(library_path, 3).read
        await pilot.press("escape")  # back to the list, filters untouched
        await settle(pilot)
        assert screen.pane == "list"
        await pilot.press("J")
        await settle(pilot)
        assert selected_id(app) == 3


async def test_next_unread_skips_read_articles(library_path: Path) -> None:
    with Library(library_path) as library:
        for article_id in (2, 3, 5):
            library.set_read(article_id, True)
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert selected_id(app) == 4
        await pilot.press("n")
        await settle(pilot)
        assert selected_id(app) == 6
        await pilot.press("p")
        await settle(pilot)
        assert selected_id(app) == 4
        await pilot.press("G", "n")  # nothing after the last one: the cursor stays
        await settle(pilot)
        assert selected_id(app) == len(ARTICLES)
        assert any("No unread article after" in n.message for n in app._notifications)


async def test_escape_goes_back_then_clears_filters(library_path: Path) -> None:
    for size in (WIDE, (80, 24)):
        app = build_app(library_path)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            screen = reader(app)
            await pilot.press("u", "enter")
            await settle(pilot)
            assert screen.pane == "article" and screen.filters.unread
            await pilot.press("escape")
            await settle(pilot)
            assert screen.pane == "list", size
            assert screen.filters.unread  # the first escape only goes back
            await pilot.press("escape")
            await settle(pilot)
            assert not screen.filters.active


async def test_mark_read_when_leaving_after_a_while(library_path: Path) -> None:
    clock = [100.0]
    settings = Settings(reader=ReaderSettings(mark_read="leave", mark_read_after=3.0))
    app = build_app(library_path, settings, monotonic=lambda: clock[0])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # opening does not mark it with this rule
        await settle(pilot)
        assert not stored(library_path, 1).read
        clock[0] += 1.0
        await pilot.press("J")  # left after one second: still unread
        await settle(pilot)
        assert not stored(library_path, 1).read
        clock[0] += 5.0
        await pilot.press("J")  # left after five seconds: read
        await settle(pilot)
        assert stored(library_path, 2).read and not stored(library_path, 3).read
        assert reader(app).article_list.row_at(1).read


async def test_mark_read_never(library_path: Path) -> None:
    app = build_app(library_path, Settings(reader=ReaderSettings(mark_read="never")))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "J", "J")
        await settle(pilot)
        assert not any(stored(library_path, n).read for n in (1, 2, 3))
        await pilot.press("m")
        await settle(pilot)
        assert stored(library_path, 3).read


async def test_a_flag_that_was_not_saved_is_not_shown(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        with Library(library_path) as library:  # every flag write now fails, as on a full disk
            library.conn.execute(
                "CREATE TRIGGER no_flags BEFORE UPDATE OF starred ON articles"
                " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
            )
        await pilot.press("s")
        await settle(pilot)
        assert not stored(library_path, 1).starred
        assert not reader(app).article_list.selected.starred
        assert any("disk is full" in n.message for n in app._notifications)
