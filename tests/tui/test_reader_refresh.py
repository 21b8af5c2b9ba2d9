"""The reader's `r` key: a real refresh against feeds served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from local_http import FeedServer
from reader_support import ARTICLES, NOW, build_app, settle, wait_until

from newsreader.config import ReaderSettings, Settings
from newsreader.store import Library
from tui.screens.reader import ReaderScreen

pytestmark = pytest.mark.asyncio

WIDE = (120, 40)
FEED = """<?xml version='1.0' encoding='utf-8'?>
<rss version='2.0'><channel><title>Harbour Wire</title><link>http://127.0.0.1/</link>
<item><guid>bridge-1</guid><title>Breaking: new bridge opens over the Sael</title>
<pubDate>{date}</pubDate>
<description>{body}</description></item>
</channel></rss>"""
BODY = " ".join(
    f"The new bridge over the river carried its {n}th crossing of the morning, officials said."
    for n in range(1, 40)
)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    running = FeedServer().start()
    yield running
    running.stop()


def reader(app) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_refresh_adds_new_articles_without_moving_the_cursor(
    library_path: Path, server: FeedServer
) -> None:
    date = NOW.strftime("%a, %d %b %Y %H:%M:%S +0000")
    good = server.add("/feed.xml", FEED.format(date=date, body=BODY))
    broken = server.add("/gone.xml", "gone", status=404, content_type="text/plain")
    with Library(library_path) as library:
        library.add_feed(good, title="Harbour Wire")
        library.add_feed(broken, title="Gone Gazette")
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        before = reader(app).article_list.selected
        assert before is not None
        await pilot.press("r")
        # the fetch runs in a thread; wait for its report
        await wait_until(pilot, lambda: any("new" in m for m in notifications(app)), "a report")
        await settle(pilot)
        screen = reader(app)
        assert screen.article_list.total == len(ARTICLES) + 1
        assert screen.article_list.selected is not None
        assert screen.article_list.selected.id == before.id
        report = next(m for m in notifications(app) if "new" in m)
        assert report.startswith("1 new, 0 updated")
        assert "Gone Gazette: " in report and "404" in report
    assert server.hits("/feed.xml") and server.hits("/gone.xml")


async def test_refresh_without_feeds_says_so(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert any("No feeds to refresh" in m for m in notifications(app))
        assert reader(app).article_list.total == len(ARTICLES)


async def test_refresh_every_refreshes_on_its_own(library_path: Path, server: FeedServer) -> None:
    date = NOW.strftime("%a, %d %b %Y %H:%M:%S +0000")
    good = server.add("/feed.xml", FEED.format(date=date, body=BODY))
    with Library(library_path) as library:
        library.add_feed(good, title="Harbour Wire")
    settings = Settings(reader=ReaderSettings(refresh_every=0.002, check_every=0))
    app = build_app(library_path, settings)
    async with app.run_test(size=WIDE) as pilot:
        # no key pressed: the timer starts the refresh
        await wait_until(
            pilot,
            lambda: reader(app).article_list.total == len(ARTICLES) + 1,
            "a refresh of its own",
        )
        await settle(pilot)
        assert reader(app).article_list.total == len(ARTICLES) + 1
    assert server.hits("/feed.xml")
