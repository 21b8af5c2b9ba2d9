"""The story view (``T``): one row per story, its attributed summary, its reports."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from reader_support import build_app, open_story_view, settle

from newsreader.models import ArticleRow, NewArticle, StoryRow
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


async def test_story_view_comes_back_as_left_and_shows_new_stories(isolated_home: Path) -> None:
    path = isolated_home / "library.sqlite"
    with Library(path) as library:
        ensure_sample_library(library)
        stories = library.count_stories()
    app = build_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        story_screen = await open_story_view(pilot)
        await pilot.press("j", "j", "escape")
        await settle(pilot)
        await pilot.press("T")  # nothing changed: the same view, the cursor where it was
        await settle(pilot)
        assert app.screen is story_screen and story_screen.story_list.cursor == 2
        await pilot.press("escape")
        await settle(pilot)
        with Library(path) as library:  # another process stores a report of a new story
            (new_id,) = library.add_new_articles([_newest_report()])
            library.bulk_index([(new_id, _newest_report().published.timestamp(), {"x": 1.0})])
        await pilot.press("T")
        await settle(pilot)
        lst = story_screen.story_list
        assert app.screen is story_screen and lst.total == stories + 1
        assert lst.cursor == 0 and lst.selected.title == _newest_report().title
        assert story_screen.story_view.section_text("header").startswith(_newest_report().title)


def _newest_report() -> NewArticle:
    return NewArticle(
        title="Lighthouse choir records its first album",
        text="The lighthouse keepers' choir recorded an album. It comes out in spring.",
        source_name="Coast Gazette",
        published=datetime(2099, 1, 1, tzinfo=UTC),
    )
