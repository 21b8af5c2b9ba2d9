"""Retry-After: clamped to a sane wait, overridden by naming the feed, never fatal once stored."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from feedtools import rss

from newsreader.cli.main import main
from newsreader.config import FeedSettings
from newsreader.feeds.http import RetryLater, fetch, make_client, retry_after_time
from newsreader.store import Library

TEXT = "The ferry to the fictional island of Mern ran late again on Sunday. " * 12


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def get(url: str, settings: FeedSettings):
    async def go():
        async with make_client(settings) as client:
            return await fetch(client, url, settings)

    return asyncio.run(go())


@pytest.mark.parametrize(
    ("header", "asked"),
    [
        ("120", 120),
        ("300000000000", 86_400),
        ("9" * 5000, 86_400),  # more digits than int() accepts
        ("Fri, 31 Dec 9999 23:59:59 GMT", 86_400),
    ],
)
def test_the_wait_a_server_asks_for_is_clamped(feed_server, header: str, asked: int) -> None:
    url = feed_server.add("/busy", "busy", status=503, headers={"Retry-After": header})
    with pytest.raises(RetryLater) as caught:
        get(url, FeedSettings())
    assert caught.value.delay == asked


def test_the_longest_wait_is_a_setting(feed_server) -> None:
    url = feed_server.add("/busy", "busy", status=429, headers={"Retry-After": "7200"})
    with pytest.raises(RetryLater) as caught:
        get(url, FeedSettings(max_retry_after=600))
    assert caught.value.delay == 600


def test_retry_after_time_is_clamped_for_seconds_and_dates() -> None:
    now = 1_700_000_000.0
    assert retry_after_time("1e17", now) is None  # not a number of seconds nor a date
    assert retry_after_time("300000000000", now, maximum=3600) == now + 3600
    assert retry_after_time("Fri, 31 Dec 9999 23:59:59 GMT", now, maximum=60) == now + 60
    assert retry_after_time("Tue, 14 Nov 2023 22:15:00 GMT", now, maximum=60) == now + 60


def test_a_huge_retry_after_from_a_server_leaves_every_command_working(
    feed_server, isolated_home: Path
) -> None:
    url = feed_server.add(
        "/f.xml", rss("Mern Ferry", [{"title": "a", "guid": "a", "description": TEXT}])
    )
    assert run("add", url, "--no-fetch").exit_code == 0
    feed_server.add("/f.xml", "busy", status=503, headers={"Retry-After": "300000000000"})
    assert run("fetch").exit_code == 1
    (feed,) = json.loads(run("feeds", "--json").output)
    waited = datetime.fromisoformat(feed["retry_after"]) - datetime.fromisoformat(
        feed["last_fetched"]
    )
    assert 0 < waited.total_seconds() <= 86_400
    assert run("opml", "export").exit_code == 0
    assert run("remove", "Mern Ferry").exit_code == 0


def absurd_library(home: Path, feed_server, retry_after: object) -> str:
    """A subscribed feed whose stored times are what an older version could leave."""
    url = feed_server.add(
        "/f.xml", rss("Mern Ferry", [{"title": "a", "guid": "a", "description": TEXT}])
    )
    assert run("add", url, "--no-fetch").exit_code == 0
    with sqlite3.connect(home / "library.sqlite") as conn:
        conn.execute(
            "UPDATE feeds SET retry_after = ?, last_fetched = ?", (retry_after, 1_600_000_000)
        )
    return url


@pytest.mark.parametrize("stored", [300_000_000_000.0, 1e17, -1e17, float("inf"), "soon"])
def test_a_library_holding_an_absurd_retry_after_still_works(
    feed_server, isolated_home: Path, stored: object
) -> None:
    absurd_library(isolated_home, feed_server, stored)
    listing = run("feeds")
    assert listing.exit_code == 0 and "Mern Ferry" in listing.output
    assert run("feeds", "--json").exit_code == 0
    exported = run("opml", "export")
    assert exported.exit_code == 0 and "Mern Ferry" in exported.output
    fetched = run("fetch")
    assert fetched.exit_code == 0 and "1 new" in fetched.output
    assert run("remove", "Mern Ferry").exit_code == 0
    with Library(isolated_home / "library.sqlite") as library:
        assert library.list_feeds() == []


def test_naming_a_deferred_feed_fetches_it_now(feed_server, isolated_home: Path) -> None:
    url = feed_server.add(
        "/f.xml", rss("Mern Ferry", [{"title": "a", "guid": "a", "description": TEXT}])
    )
    assert run("add", url, "--no-fetch").exit_code == 0
    with Library(isolated_home / "library.sqlite") as library:
        (feed,) = library.list_feeds()
        library.update_fetch_state(feed.id, retry_after=time.time() + 3600)
    asked = len(feed_server.hits("/f.xml"))  # `add` fetched it once to find it
    deferred = run("fetch")
    assert deferred.exit_code == 0 and "deferred" in deferred.output
    assert len(feed_server.hits("/f.xml")) == asked
    named = run("fetch", "Mern Ferry")
    assert named.exit_code == 0 and "1 new" in named.output
    assert len(feed_server.hits("/f.xml")) == asked + 1
