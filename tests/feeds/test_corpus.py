"""feedparser's own conformance cases, every one fetched over HTTP and stored.

Each case file is served from 127.0.0.1 with the HTTP headers its ``Header:``
lines ask for. One refresh fetches all of them (full text off: their links
point at example.com, and no test touches the internet). Then each feed must
have been stored without an exception, an ill-formed one flagged (a note when
its entries were read, an error when it gave none), and every entry feedparser
reads from the same bytes stored.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import feedparser
import pytest
from local_http import Answer

from newsreader.config import Settings
from newsreader.feeds import fetch_feeds
from newsreader.models import ArticleQuery

_HEADER = re.compile(rb"^Header:\s*([^:\s]+):\s*(.*?)\s*$", re.MULTILINE)


def case_headers(data: bytes) -> dict[str, str]:
    """The HTTP headers a case file asks to be served with."""
    headers = {"Content-Type": "application/xml"}
    for name, value in _HEADER.findall(data[:2000]):
        key = name.decode("latin-1")
        if key.lower() == "content-type":
            headers.pop("Content-Type", None)
        headers[key] = value.decode("latin-1")
    return headers


@pytest.fixture
def corpus(shared_data: Path) -> list[Path]:
    root = shared_data / "feeds" / "feedparser"
    files = sorted(p for p in root.rglob("*") if p.suffix in (".xml", ".json"))
    assert len(files) > 2000
    return files


def stored_entries(parsed: feedparser.FeedParserDict) -> int:
    """Entries feedparser read that carry something to store (a title or some text)."""
    count = 0
    for entry in parsed.entries:
        texts = [entry.get("title", ""), entry.get("summary", "")]
        texts += [c.get("value", "") for c in entry.get("content", [])]
        if any(html.unescape(re.sub(r"<[^>]*>", "", t)).strip() for t in texts):
            count += 1
    return count


def test_every_feedparser_case_is_fetched_and_stored(library, feed_server, corpus) -> None:
    root = corpus[0].parents[1]
    data = {str(p.relative_to(root)): p.read_bytes() for p in corpus}

    def lookup(rest: str) -> Answer | None:
        body = data.get(rest)
        return None if body is None else Answer(body, 200, case_headers(body))

    feed_server.serve_folder("/fp/", lookup)
    feeds = {}
    for index, name in enumerate(data):
        feed = library.add_feed(
            feed_server.url(f"/fp/{name}"), f"case {index:04d}", full_text="never"
        )
        feeds[name] = feed
    report = fetch_feeds(library, Settings())
    results = {r.feed_id: r for r in report.feeds}
    assert len(results) == len(data)

    flagged = 0
    mismatches = []
    for name, body in data.items():
        feed = feeds[name]
        result = results[feed.id]
        crash = [e for e in result.errors if "fetch stopped" in e or "Error:" in e[:40]]
        assert not crash, (name, crash)
        assert result.status in ("fetched", "failed"), (name, result)
        if name.endswith(".json"):
            items = json.loads(body)["items"]
            assert result.new + result.unchanged == len(items), name
            continue
        served = {key.lower(): value for key, value in case_headers(body).items()}
        headers = {"content-location": feed.url, **served}
        # As the fetcher calls it: entry HTML is turned into text, never rendered.
        expected = feedparser.parse(
            io.BytesIO(body),
            response_headers=headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
        if expected.bozo:
            flagged += 1
            why = expected.bozo_exception
            # Flagged as a note (a warning), or as the error of a document that gave no feed.
            flags = result.notes if result.status == "fetched" else result.errors
            assert flags, f"{name}: feedparser flags it ({why}), we did not"
        want = stored_entries(expected)
        # An entry repeating another's guid in the same document is that article
        # (counted as skipped); nothing else is skipped with these settings.
        got = result.new + result.unchanged + result.updated + result.skipped
        if got != want:
            mismatches.append((name, got, want, result.errors))
    assert mismatches == [], mismatches[:3]
    assert flagged >= 19  # at least the ill-formed folder
    # Identical entries in different cases are stored once (the library dedupes by text).
    assert library.count_articles(ArticleQuery()) == report.new > 0
