"""Synced teasers get their pages through a refresh, within its caps and address policy."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from article_pages import PARAGRAPHS, article_page
from local_http import FeedServer

from newsreader.config import FeedSettings, Settings
from newsreader.feeds import fetch_feeds
from newsreader.ingest import Cancel
from newsreader.ingest.events import Event, FeedStored, FetchReport
from newsreader.store import Library


@pytest.fixture
def pages() -> Iterator[FeedServer]:
    """A web server on 127.0.0.1 holding the articles' pages."""
    server = FeedServer().start()
    yield server
    server.stop()


def teaser_feed(greader, pages: FeedServer, name: str, count: int, feed_url: str | None = None):
    """A feed on the sync server whose ``count`` entries are teasers of pages served here."""
    feed = greader.add_feed(feed_url or pages.url(f"/{name}.xml"), name.title())
    for n in range(count):
        link = pages.add(f"/{name}/{n}.html", article_page(name, n), content_type="text/html")
        greader.add_entry(feed.id, f"{name} {n}", link, f"<p>{name} {n}: the ferry, in short.</p>")
    return feed


def page_hits(pages: FeedServer, name: str) -> int:
    return sum(r.path.startswith(f"/{name}/") for r in pages.requests)


def texts(library: Library) -> dict[str, str]:
    rows = library.list_articles(limit=10_000)
    return {row.title: library.get_article(row.id).text for row in rows}


def test_synced_teasers_are_stored_with_their_pages_text_and_enriched(greader, make_library, pages):
    teaser_feed(greader, pages, "ferry", 3)
    full = greader.add_feed(pages.url("/full.xml"), "Full", 0)
    link = pages.add("/full/0.html", article_page("full", 0), content_type="text/html")
    greader.add_entry(full.id, "full 0", link, "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    library = make_library()

    report = fetch_feeds(library, Settings())

    results = {result.title: result for result in report.feeds}
    assert (results["Ferry"].new, results["Ferry"].pages, results["Ferry"].errors) == (3, 3, ())
    assert (results["Full"].new, results["Full"].pages) == (1, 0)
    assert page_hits(pages, "full") == 0  # the server sent the whole text
    stored = texts(library)
    for n in range(3):
        assert PARAGRAPHS[1] in stored[f"ferry {n}"] and PARAGRAPHS[4] in stored[f"ferry {n}"]
        assert "all rights reserved" not in stored[f"ferry {n}"]
    assert library.count_pending_enrichment() == 0
    assert all(library.get_article(r.id).story_id is not None for r in library.list_articles())

    again = fetch_feeds(library, Settings())
    assert again.new == 0 and page_hits(pages, "ferry") == 3  # known items fetch no page


def test_page_caps_leave_synced_teasers_for_the_next_sync(greader, make_library, pages):
    teaser_feed(greader, pages, "ferry", 5)
    library = make_library()
    settings = Settings(feeds=FeedSettings(max_pages_per_feed=2))

    first = fetch_feeds(library, settings)

    assert first.new == 2 and page_hits(pages, "ferry") == 2
    assert any("wait for the next sync" in line for line in first.errors)
    assert fetch_feeds(library, settings).new == 2
    assert fetch_feeds(library, settings).new == 1
    stored = texts(library)
    assert len(stored) == 5 and all(PARAGRAPHS[3] in text for text in stored.values())
    assert page_hits(pages, "ferry") == 5


def test_pages_the_sync_fetched_count_against_the_runs_allowance(greader, make_library, pages):
    teaser_feed(greader, pages, "ferry", 2)
    library = make_library()
    for n in range(3):
        pages.add(f"/local/{n}.html", article_page("local", n), content_type="text/html")
    items = "".join(
        f"<item><title>local {n}</title><link>{pages.url(f'/local/{n}.html')}</link>"
        f"<guid>local-{n}</guid><description>Local {n}, in short.</description></item>"
        for n in range(3)
    )
    local = pages.add(
        "/local.xml",
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Local</title>{items}"
        "</channel></rss>",
    )
    library.add_feed(local, "Local")  # the sync server cannot subscribe to it: fetched here

    report = fetch_feeds(library, Settings(feeds=FeedSettings(max_pages_per_run=3)))

    assert page_hits(pages, "ferry") == 2 and page_hits(pages, "local") == 1
    assert report.pages == 3


def test_a_public_feeds_pages_on_this_machine_are_not_fetched(greader, make_library, pages):
    teaser_feed(greader, pages, "ferry", 2, feed_url="http://93.184.216.34/ferry.xml")
    library = make_library()

    report = fetch_feeds(library, Settings())

    (result,) = report.feeds
    assert result.new == 2 and page_hits(pages, "ferry") == 0
    assert len(result.errors) == 2 and all("loopback" in line for line in result.errors)
    assert all(text.endswith("the ferry, in short.") for text in texts(library).values())


def test_an_account_with_no_feed_here_yet_is_something_to_refresh(tmp_path, greader):
    library = Library(tmp_path / "library.sqlite")
    try:
        assert not library.has_refresh_sources()
        library.set_sync_account("greader", greader.url, greader.username)
        assert library.has_refresh_sources() and library.list_feeds() == []
    finally:
        library.close()


def test_a_first_refresh_counts_the_feeds_the_sync_brought(greader, make_library):
    greader.add_feed("http://feeds.test/harbour", "Harbour News", 2)
    greader.add_feed("http://feeds.test/science", "Science Daily", 1)
    library = make_library()
    events: list[Event] = []

    fetch_feeds(library, Settings(), progress=events.append)

    stored = [e.progress for e in events if isinstance(e, FeedStored)]
    assert [(p.feeds_done, p.feeds_total) for p in stored] == [(1, 2), (2, 2)]


def test_a_refresh_cancelled_during_the_pages_leaves_those_articles_for_the_next_sync(
    greader, make_library, pages
):
    teaser_feed(greader, pages, "ferry", 1)
    asked, release = threading.Event(), threading.Event()

    def slow_page(handler) -> None:
        asked.set()
        release.wait(30)
        body = article_page("ferry", 0).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    original = pages.routes["/ferry/0.html"]
    pages.handle("/ferry/0.html", slow_page)
    library = make_library()
    cancel = Cancel()
    done: list[FetchReport] = []
    worker = threading.Thread(
        target=lambda: done.append(fetch_feeds(library, Settings(), cancel=cancel))
    )
    try:
        worker.start()
        assert asked.wait(30), "the page was never asked for"
        cancel.cancel()
        worker.join(30)
        assert done and not worker.is_alive()
    finally:
        release.set()
        worker.join(30)
    assert library.count_articles() == 0  # not stored as a teaser: it waits on the server
    assert library.pending_count() == 0

    pages.routes["/ferry/0.html"] = original
    assert fetch_feeds(library, Settings()).new == 1
    assert PARAGRAPHS[2] in next(iter(texts(library).values()))


def test_the_syncs_pages_and_the_feeds_share_one_run_seconds(greader, make_library, pages):
    teaser_feed(greader, pages, "ferry", 1)
    release = threading.Event()

    def slow_page(handler) -> None:
        release.wait(30)  # longer than the run's one second
        handler.send_response(404)
        handler.end_headers()

    pages.handle("/ferry/0.html", slow_page)
    library = make_library()
    pages.add("/local.xml", teaser_rss(pages), content_type="application/rss+xml")
    library.add_feed(pages.url("/local.xml"), "Local")
    try:
        report = fetch_feeds(library, Settings(feeds=FeedSettings(run_seconds=1)))
    finally:
        release.set()
    local = next(result for result in report.feeds if result.title == "Local")
    assert local.status == "failed" and "run_seconds" in local.errors[0]
    assert not pages.hits("/local.xml")  # the sync's pages took the whole run


def teaser_rss(pages: FeedServer) -> str:
    """An RSS feed of one entry, subscribed here only."""
    return (
        "<rss version='2.0'><channel><title>Local</title>"
        f"<item><title>Local one</title><link>{pages.url('/local/1.html')}</link>"
        "<description>A local entry.</description></item></channel></rss>"
    )
