"""Pilot tests of the reader's read and star filters and its summary keys."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from reader_keys_support import WIDE, reader, selected_id, shown_text, stored
from reader_support import ARTICLES, build_app, fixed_summarizer, settle

from newsreader.store import Library

pytestmark = pytest.mark.asyncio


async def test_read_star_and_their_filters(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("m")
        await settle(pilot)
        assert stored(library_path, 1).read
        await pilot.press("m")
        await settle(pilot)
        assert not stored(library_path, 1).read
        await pilot.press("m", "j", "s")
        await settle(pilot)
        assert stored(library_path, 2).starred
        assert screen.article_list.selected.starred
        await pilot.press("u")
        await settle(pilot)
        assert screen.filters.unread
        assert screen.article_list.total == len(ARTICLES) - 1
        await pilot.press("u", "apostrophe")
        await settle(pilot)
        assert screen.filters.starred and not screen.filters.unread
        assert screen.article_list.total == 1 and selected_id(app) == 2
        await pilot.press("s")
        await settle(pilot)
        assert not stored(library_path, 2).starred


async def test_summary_length_algorithm_and_mode(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("plus")
        await settle(pilot)
        assert screen.prefs.sentences == 4
        assert len(screen.article_view.summary.sentences) == 4
        await pilot.press("minus", "minus")
        await settle(pilot)
        assert screen.prefs.sentences == 2
        assert len(screen.article_view.summary.sentences) == 2
        await pilot.press("a")
        await settle(pilot)
        assert screen.prefs.algorithm == "tail"
        summary = screen.article_view.summary
        assert summary.algorithm == "tail"
        assert summary.sentences[-1].text == "Critics worry about storms."
        await pilot.press("a")
        await settle(pilot)
        assert screen.prefs.algorithm == "lead"
        await pilot.press("z")
        assert screen.prefs.mode == "summary"
        assert shown_text(app, "summary") and not shown_text(app, "body")
        await pilot.press("z")
        assert screen.prefs.mode == "text"
        assert not shown_text(app, "summary") and shown_text(app, "body")
        await pilot.press("z")
        assert screen.prefs.mode == "both"


async def test_summary_panel_waits_while_summary_is_made(library_path: Path) -> None:
    release = threading.Event()

    def slow_summarizer(library: Library, article, algorithm: str, sentences: int):
        release.wait(timeout=30)  # held until the test has looked at the waiting screen
        return fixed_summarizer(library, article, algorithm, sentences)

    app = build_app(library_path, summarizer=slow_summarizer)
    async with app.run_test(size=WIDE) as pilot:
        try:
            await pilot.pause()
            while reader(app).article is None:  # the article comes before its summary
                await pilot.pause()
            assert "Summarising with lead" in shown_text(app, "summary")
            assert reader(app).article_view.summary is None
            assert ARTICLES[0][4].split(".")[0] in shown_text(app, "body")
        finally:
            release.set()
        await settle(pilot)
        assert "Summarising" not in shown_text(app, "summary")
        assert "The floating library opened on Monday." in shown_text(app, "summary")
