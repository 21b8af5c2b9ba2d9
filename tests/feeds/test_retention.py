"""Retention after a fetch (``[library] keep_days``, ``max_per_feed``) and ``remove FEED``."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from click.testing import CliRunner
from feedtools import rss

from newsreader.cli import main
from newsreader.config import LibrarySettings, Settings
from newsreader.feeds import fetch_feeds
from newsreader.ingest import RetentionApplied, refresh
from newsreader.models import ArticleQuery

NOW = datetime.now(UTC).replace(microsecond=0)
BODY = (
    "The ferry company said on Monday that the winter timetable would keep two crossings a"
    " day to the island, after a campaign by residents who depend on the boat for school,"
    " work and hospital visits. The council had proposed a single crossing to save money."
)


def dated(name: str, days_ago: float) -> dict[str, str]:
    return {
        "title": name,
        "guid": name,
        "pubDate": format_datetime(NOW - timedelta(days=days_ago), usegmt=True),
        "description": f"{BODY} ({name})",
    }


def titles(library) -> list[str]:
    return sorted(row.title for row in library.list_articles(ArticleQuery(), limit=100))


def keeping(days: int = 0, newest: int = 0) -> Settings:
    return replace(Settings(), library=LibrarySettings(keep_days=days, max_per_feed=newest))


def test_keep_days_deletes_old_articles_but_never_starred_ones(library, feed_server) -> None:
    entries = [dated("fresh", 1), dated("old", 20), dated("older", 40)]
    library.add_feed(feed_server.add("/f.xml", rss("F", entries)), "F")
    fetch_feeds(library, Settings())  # everything kept
    assert titles(library) == ["fresh", "old", "older"]
    starred = next(r for r in library.list_articles() if r.title == "older")
    library.set_starred(starred.id)
    events = list(refresh(library, keeping(days=10)))
    applied = next(e for e in events if isinstance(e, RetentionApplied))
    assert (applied.deleted, applied.kept_starred) == (1, 1)
    assert titles(library) == ["fresh", "older"]
    # the feed still lists the deleted entry: it does not come back
    again = fetch_feeds(library, keeping(days=10)).feeds[0]
    assert again.new == 0 and titles(library) == ["fresh", "older"]
    assert library.consistency_problems() == []


def test_entries_older_than_keep_days_are_not_stored_at_all(library, feed_server) -> None:
    entries = [dated("fresh", 1), dated("ancient", 400)]
    library.add_feed(feed_server.add("/f.xml", rss("F", entries)), "F")
    result = fetch_feeds(library, keeping(days=30)).feeds[0]
    assert (result.new, result.skipped) == (1, 1)
    assert titles(library) == ["fresh"]


def test_max_per_feed_keeps_the_newest_and_every_starred(library, feed_server) -> None:
    entries = [dated(f"day {n}", n) for n in range(1, 6)]
    library.add_feed(feed_server.add("/f.xml", rss("F", entries)), "F")
    fetch_feeds(library, Settings())
    oldest = next(r for r in library.list_articles() if r.title == "day 5")
    library.set_starred(oldest.id)
    fetch_feeds(library, keeping(newest=2))
    assert titles(library) == ["day 1", "day 2", "day 5"]
    # a new entry arrives: the newest two plus the starred one remain
    feed_server.add("/f.xml", rss("F", [dated("day 0", 0), *entries]))
    result = fetch_feeds(library, keeping(newest=2)).feeds[0]
    assert result.new == 1
    assert titles(library) == ["day 0", "day 1", "day 5"]


def test_remove_keeps_starred_articles_and_says_how_many(library, feed_server) -> None:
    entries = [dated(f"story {n}", n) for n in range(3)]
    feed = library.add_feed(feed_server.add("/f.xml", rss("Harbour News", entries)), "Harbour News")
    fetch_feeds(library, Settings())
    keep = next(r for r in library.list_articles() if r.title == "story 1")
    library.set_starred(keep.id)
    result = CliRunner().invoke(main, ["--library", str(library.path), "remove", str(feed.id)])
    assert result.exit_code == 0, result.output
    assert "2 articles deleted, 1 starred kept" in result.output
    assert library.list_feeds() == []
    assert titles(library) == ["story 1"]
    assert library.get_article(keep.id).starred and library.consistency_problems() == []
    # subscribing again reuses the kept articles' source
    library.add_feed(feed_server.url("/f.xml"), "Harbour News")
    assert fetch_feeds(library, Settings()).new == 2
    assert titles(library) == ["story 0", "story 1", "story 2"]
