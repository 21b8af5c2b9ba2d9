"""A feed's time in a refresh is bounded in all, its article pages included (issue 14, item 7).

Each page answers in time for its own request deadline, so only the feed's
deadline (``[feeds] feed_seconds``) can end the wait: the pages here never answer
until the test lets them, after the fetch has returned.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from feedtools import rss

from newsreader.config import FeedSettings, Settings
from newsreader.feeds import fetch_feeds
from newsreader.models import ArticleQuery

TEXT = (
    "The ferry company of the fictional island of Orrin added a second boat on Friday after"
    " a summer of queues at the harbour. The new boat carries forty cars and sails every hour."
)


def test_pages_still_pending_at_the_feed_s_deadline_keep_their_teaser(library, feed_server):
    release, asked = threading.Event(), threading.Event()

    def never_in_time(request) -> None:
        asked.set()
        release.wait(120)

    teasers = [
        {
            "title": f"Slow page {n}",
            "guid": f"slow-{n}",
            "link": feed_server.handle(f"/slow/{n}.html", never_in_time),
            "description": f"A teaser {n}.",
        }
        for n in range(3)
    ]
    full = [{"title": "Ferry", "guid": "ferry", "description": TEXT}]
    slow = library.add_feed(feed_server.add("/slow.xml", rss("Slow", teasers)), "Slow")
    library.add_feed(feed_server.add("/ferry.xml", rss("Ferry", full)), "Ferry")
    settings = replace(
        Settings(), feeds=FeedSettings(feed_seconds=1, request_seconds=300, read_timeout=300)
    )
    try:
        report = fetch_feeds(library, settings)
        answered_late = release.is_set()
    finally:
        release.set()
    assert asked.is_set() and not answered_late  # the pages were asked for, never answered
    by_title = {result.title: result for result in report.feeds}
    assert by_title["Ferry"].new == 1
    assert by_title["Slow"].new == 3 and by_title["Slow"].pages == 0
    assert any("feeds.feed_seconds" in error for error in by_title["Slow"].errors)
    stored = library.list_articles(ArticleQuery(source="Slow"), limit=10)
    texts = sorted(library.get_article(row.id).text for row in stored)
    assert texts == [f"A teaser {n}." for n in range(3)]
    assert "feed_seconds" in (library.get_feed(slow.id).last_error or "")
