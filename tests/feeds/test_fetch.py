"""A whole refresh: full text for teasers, 304s, per-feed failures, Retry-After, safety."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from feedtools import rss

from newsreader.config import FeedSettings, Settings
from newsreader.feeds import UnknownFeedError, fetch_feeds
from newsreader.ingest import (
    BatchEnriched,
    Event,
    FeedStored,
    PageExtracted,
    RunFinished,
    RunStarted,
)
from newsreader.models import ArticleQuery

PARAGRAPHS = [
    "The harbour council of Veldmark voted on Tuesday to rebuild the old lighthouse"
    " pier, ending a dispute that has divided the fishing town for nine years.",
    "Engineers told the council that the timber pilings, driven in by hand in the"
    " last century, had rotted below the waterline and could fail in a winter storm.",
    "The new pier will use recycled steel and will be wide enough for the lifeboat"
    " crew to launch at any tide, a change the crew had requested since the flood.",
    "Opponents argued that the money should go to the school roof instead, and a"
    " petition with four hundred signatures was read aloud before the vote was taken.",
    "Work is due to begin in the spring, once the migrating terns have left the rocks"
    " at the end of the breakwater, and should be finished before the autumn regatta.",
]


def article_page(number: int) -> str:
    body = "".join(f"<p>{p} (Report {number}.)</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html><head><title>Pier report {number}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/local'>Local</a></nav>"
        f"<article><h1>Pier report {number}</h1>{body}</article>"
        "<footer>Fictional Gazette, all rights reserved.</footer></body></html>"
    )


def serve_teaser_feed(server, path: str = "/teasers.xml", count: int = 3) -> str:
    items = []
    for n in range(count):
        server.add(f"/articles/{n}.html", article_page(n), content_type="text/html; charset=utf-8")
        items.append(
            {
                "title": f"Pier report {n}",
                "link": server.url(f"/articles/{n}.html"),
                "guid": f"pier-{n}",
                "description": f"The council voted on the pier, part {n}.",
                "category": "Local",
            }
        )
    return server.add(path, rss("Fictional Gazette", items))


def full_feed(title: str, count: int = 2, prefix: str = "x") -> str:
    items = [
        {
            "title": f"{title} story {n}",
            "guid": f"{prefix}-{n}",
            "description": " ".join(PARAGRAPHS) + f" Story {n} of {title}.",
        }
        for n in range(count)
    ]
    return rss(title, items)


def test_teaser_feed_gets_the_full_text_of_its_pages(library, feed_server) -> None:
    url = serve_teaser_feed(feed_server)
    feed = library.add_feed(url, "Fictional Gazette", topics=["Harbour"])
    events: list[Event] = []
    report = fetch_feeds(library, Settings(), progress=events.append)
    result = report.feeds[0]
    assert (result.status, result.new, result.pages, result.errors) == ("fetched", 3, 3, ())
    rows = library.list_articles(ArticleQuery(source=feed.title))
    assert sorted(r.title for r in rows) == ["Pier report 0", "Pier report 1", "Pier report 2"]
    for row in rows:
        article = library.get_article(row.id)
        assert PARAGRAPHS[2] in article.text and PARAGRAPHS[4] in article.text
        assert "Fictional Gazette, all rights reserved" not in article.text
        assert article.url.endswith(".html")
        assert set(article.topics) >= {"Harbour", "Local"}
        assert article.story_id is not None  # enriched: placed in a story
    assert library.count_pending_enrichment() == 0
    assert isinstance(events[0], RunStarted) and isinstance(events[-1], RunFinished)
    assert sum(isinstance(e, PageExtracted) for e in events) == 3
    assert events[-1].progress.articles_new == 3 and events[-1].progress.pages_extracted == 3
    enriched = [e for e in events if isinstance(e, BatchEnriched)]
    assert sorted(i for e in enriched for i in e.article_ids) == sorted(r.id for r in rows)
    assert events[-1].progress.articles_enriched == 3 and report.enriched == 3
    stored_at = next(i for i, e in enumerate(events) if isinstance(e, FeedStored))
    assert events.index(enriched[0]) > stored_at


def test_full_text_never_keeps_the_teaser(library, feed_server) -> None:
    url = serve_teaser_feed(feed_server)
    library.add_feed(url, "Gazette", full_text="never")
    report = fetch_feeds(library, Settings())
    assert report.pages == 0 and report.new == 3
    assert not any(r.path.startswith("/articles/") for r in feed_server.requests)


def test_full_content_feed_fetches_no_page(library, feed_server) -> None:
    items = [
        {
            "title": "Long one",
            "link": feed_server.url("/articles/9.html"),
            "guid": "g",
            "description": " ".join(PARAGRAPHS * 2),
        }
    ]
    library.add_feed(feed_server.add("/full.xml", rss("Full", items)), "Full")
    report = fetch_feeds(library, Settings())
    assert report.new == 1 and report.pages == 0
    assert feed_server.hits("/articles/9.html") == []


def test_second_fetch_is_conditional_and_304_changes_nothing(library, feed_server) -> None:
    body = full_feed("Conditional").encode()

    def handler(request) -> None:
        if request.headers.get("If-None-Match") == '"abc"':
            request.send_response(304)
            request.send_header("Content-Length", "0")
            request.end_headers()
            return
        request.send_response(200)
        request.send_header("ETag", '"abc"')
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    feed = library.add_feed(feed_server.handle("/c.xml", handler), "Conditional")
    first = fetch_feeds(library, Settings()).feeds[0]
    assert (first.status, first.new) == ("fetched", 2)
    assert library.get_feed(feed.id).etag == '"abc"'
    second = fetch_feeds(library, Settings()).feeds[0]
    assert (second.status, second.new, second.errors) == ("not modified", 0, ())
    assert feed_server.hits("/c.xml")[1].headers["if-none-match"] == '"abc"'
    assert library.get_feed(feed.id).articles == 2


def test_refetch_counts_unchanged_and_updates_changed_entries(library, feed_server) -> None:
    library.add_feed(feed_server.add("/u.xml", full_feed("Changing")), "Changing")
    assert fetch_feeds(library, Settings()).new == 2
    changed = full_feed("Changing").replace("Story 1 of Changing.", "Story 1, corrected.")
    feed_server.add("/u.xml", changed)
    result = fetch_feeds(library, Settings()).feeds[0]
    assert (result.new, result.updated, result.unchanged) == (0, 1, 1)
    texts = [library.get_article(r.id).text for r in library.list_articles()]
    assert any(t.endswith("Story 1, corrected.") for t in texts)


def test_known_teaser_entries_keep_their_full_text(library, feed_server) -> None:
    url = serve_teaser_feed(feed_server, count=2)
    library.add_feed(url, "Gazette")
    fetch_feeds(library, Settings())
    again = fetch_feeds(library, Settings()).feeds[0]
    assert (again.new, again.unchanged, again.pages) == (0, 2, 0)
    assert len(feed_server.hits("/articles/0.html")) == 1
    assert all(PARAGRAPHS[3] in library.get_article(r.id).text for r in library.list_articles())


def test_failures_stay_on_their_feed(library, feed_server) -> None:
    good = library.add_feed(feed_server.add("/good.xml", full_feed("Good")), "Good")
    missing = library.add_feed(feed_server.add("/404.xml", "gone", status=404), "Missing")
    broken = library.add_feed(feed_server.add("/500.xml", "oops", status=500), "Broken")
    feed_server.add("/loop1", status=302, headers={"Location": "/loop2"})
    feed_server.add("/loop2", status=302, headers={"Location": "/loop1"})
    loop = library.add_feed(feed_server.url("/loop1"), "Loop")
    report = fetch_feeds(library, Settings())
    by_id = {r.feed_id: r for r in report.feeds}
    assert by_id[good.id].new == 2 and not by_id[good.id].failed
    assert "HTTP 404" in by_id[missing.id].errors[0]
    assert "HTTP 500" in by_id[broken.id].errors[0]
    assert "redirect loop" in by_id[loop.id].errors[0]
    assert {r.feed_id for r in report.failed} == {missing.id, broken.id, loop.id}
    assert "HTTP 404" in library.get_feed(missing.id).last_error
    assert library.get_feed(good.id).last_error is None


def test_timeout_is_recorded_and_other_feeds_finish(library, feed_server) -> None:
    def slow(request) -> None:
        # answers only when the test is over, or after 30 s if the client never gave up
        feed_server.stopping.wait(30)
        request.send_response(200)
        request.send_header("Content-Length", "0")
        request.end_headers()

    slow_feed = library.add_feed(feed_server.handle("/slow.xml", slow), "Slow")
    library.add_feed(feed_server.add("/fast.xml", full_feed("Fast")), "Fast")
    settings = replace(Settings(), feeds=FeedSettings(read_timeout=0.3, connect_timeout=0.3))
    report = fetch_feeds(library, settings)
    assert report.new == 2
    assert "timed out" in library.get_feed(slow_feed.id).last_error


def test_oversized_and_gzip_bomb_feeds_fail_alone(library, feed_server) -> None:
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = b"".join(packer.compress(bytes(1 << 20)) for _ in range(50)) + packer.flush()
    bomb_url = feed_server.add("/bomb.xml", bomb, headers={"Content-Encoding": "gzip"})
    library.add_feed(bomb_url, "Bomb")
    library.add_feed(feed_server.add("/big.xml", b"<rss>" + b" " * 3_000_000), "Big")
    library.add_feed(feed_server.add("/ok.xml", full_feed("Fine")), "Fine")
    settings = replace(Settings(), feeds=FeedSettings(max_bytes=2_000_000))
    report = fetch_feeds(library, settings)
    errors = {r.title: r.errors for r in report.feeds}
    assert "gzip bomb" in errors["Bomb"][0]
    assert "cap" in errors["Big"][0]
    assert errors["Fine"] == () and report.new == 2


def test_retry_after_is_honoured_on_the_next_run(library, feed_server) -> None:
    busy = library.add_feed(
        feed_server.add("/busy.xml", "later", status=503, headers={"Retry-After": "3600"}), "Busy"
    )
    first = fetch_feeds(library, Settings()).feeds[0]
    assert first.status == "failed" and "retry after" in first.errors[0]
    assert library.get_feed(busy.id).retry_after.timestamp() > time.time() + 3500
    second = fetch_feeds(library, Settings()).feeds[0]
    assert second.status == "deferred" and not second.failed
    assert len(feed_server.hits("/busy.xml")) == 1


def test_html_page_instead_of_a_feed_offers_its_feeds(library, feed_server) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Site</title>"
        "<link rel='alternate' type='application/rss+xml' href='/site/feed.xml'>"
        "</head><body><p>Welcome</p></body></html>"
    )
    site = library.add_feed(feed_server.add("/site/", page, content_type="text/html"), "Site")
    result = fetch_feeds(library, Settings()).feeds[0]
    assert result.status == "failed"
    assert "HTML page" in result.errors[0]
    assert feed_server.url("/site/feed.xml") in result.errors[0]
    assert feed_server.url("/site/feed.xml") in library.get_feed(site.id).last_error


def test_entry_links_other_than_http_are_never_fetched(library, feed_server) -> None:
    items = [
        {
            "title": "Local file",
            "link": "file:///etc/passwd",
            "guid": "f1",
            "description": "Short teaser.",
        },
        {
            "title": "Script",
            "link": "javascript:alert(1)",
            "guid": "f2",
            "description": "Another teaser.",
        },
    ]
    feed = library.add_feed(
        feed_server.add("/links.xml", rss("Links", items)), "Links", full_text="always"
    )
    result = fetch_feeds(library, Settings()).feeds[0]
    assert result.new == 2 and result.pages == 0
    assert result.errors == () and "2 entries link to something other than http(s)" in "".join(
        result.notes
    )
    for row in library.list_articles(ArticleQuery(source=feed.title)):
        article = library.get_article(row.id)
        assert article.url is None and "root:" not in article.text


def test_page_that_fails_keeps_the_teaser_and_records_why(library, feed_server) -> None:
    items = [
        {
            "title": "Gone",
            "link": feed_server.url("/articles/gone.html"),
            "guid": "g1",
            "description": "A teaser whose page is gone.",
        }
    ]
    feed = library.add_feed(feed_server.add("/t.xml", rss("T", items)), "T")
    result = fetch_feeds(library, Settings()).feeds[0]
    assert result.new == 1 and "HTTP 404" in result.errors[0]
    article = library.get_article(library.list_articles(ArticleQuery(source=feed.title))[0].id)
    assert article.text == "A teaser whose page is gone."


def test_billion_laughs_feed_is_stored_without_expanding(library, feed_server) -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    doc = (
        f"<?xml version='1.0'?>\n<!DOCTYPE rss [\n{entities}\n]>\n"
        "<rss version='2.0'><channel><title>Laughs</title>"
        "<item><title>Joke &lol9;</title><guid>j</guid><description>Ha &lol9; ha.</description>"
        "</item></channel></rss>"
    )
    library.add_feed(feed_server.add("/lol.xml", doc), "Laughs")
    result = fetch_feeds(library, Settings()).feeds[0]
    assert any("entity declarations" in note for note in result.notes)
    text = library.get_article(library.list_articles()[0].id).text
    assert len(text) < 1000 and "lollollol" not in text


def test_unknown_feed_name_is_an_error(library) -> None:
    with pytest.raises(UnknownFeedError, match="nosuch"):
        fetch_feeds(library, Settings(), ["nosuch"])


def test_named_feeds_only_are_fetched(library, feed_server) -> None:
    library.add_feed(feed_server.add("/one.xml", full_feed("One", prefix="o")), "One")
    library.add_feed(feed_server.add("/two.xml", full_feed("Two", prefix="t")), "Two")
    report = fetch_feeds(library, Settings(), ["two"])
    assert [r.title for r in report.feeds] == ["Two"]
    assert feed_server.hits("/one.xml") == []


def test_full_text_is_summarised_in_the_same_run(library, feed_server) -> None:
    from summarize import Summary
    from summarize.algorithms import resolve

    library.add_feed(serve_teaser_feed(feed_server, count=2), "Gazette")
    report = fetch_feeds(library, Settings())
    assert report.ok and report.pages == 2
    for article_id in report.new_ids:
        payload = library.cached_summary(article_id, resolve(None), Settings().summary.sentences)
        assert payload is not None, "no summary stored by the fetch"
        sentences = [s.text for s in Summary.from_json(payload).sentences]
        assert sentences and all(s in library.get_article(article_id).text for s in sentences)
        assert any(p[:40] in " ".join(sentences) for p in PARAGRAPHS[1:])  # from the page
