"""The story view (``T``): one row per story, its attributed summary, its reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_support import build_app, settle

from newsreader.models import ArticleRow, StoryRow
from newsreader.sample import ensure_sample_library
from newsreader.store import Library
from tui.screens.stories import StoryScreen

pytestmark = pytest.mark.asyncio


async def test_story_view_lists_stories_and_opens_reports(isolated_home: Path) -> None:
    path = isolated_home / "library.sqlite"
    with Library(path) as library:
        ensure_sample_library(library)
        stories = library.count_stories()
        event = max(library.list_stories(limit=100), key=lambda s: s.size)
        story = library.get_story(event.id)
    assert event.size >= 2 and story is not None and story.summary
    app = build_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        articles = screen.article_list.total
        await pilot.press("T")
        await settle(pilot)
        story_screen = app.screen
        assert isinstance(story_screen, StoryScreen)
        assert story_screen.story_list.total == stories
        assert isinstance(story_screen.story_list.selected, StoryRow)
        lst = story_screen.story_list
        index = next(i for i in range(stories) if lst.row_at(i).id == event.id)
        lst.move_to(index)
        await settle(pilot)
        summary = story_screen.story_view.section_text("summary")
        assert story.summary[0].text[:40] in summary
        assert f"({story.summary[0].source})" in summary
        reports = story_screen.story_view.section_text("body")
        assert all(report.title[:30] in reports for report in story.articles)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.filters.story == event.id
        assert screen.article_list.total == event.size
        assert isinstance(screen.article_list.selected, ArticleRow)
        assert screen.article is not None and screen.article.story_id == event.id
        await pilot.press("0")
        await settle(pilot)
        assert screen.article_list.total == articles and not screen.filters.active
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.article_list.total == articles
