"""Entry dates are checked on the way in: implausible ones dropped, far-ahead ones clamped."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from newsreader.cli.main import main
from newsreader.feeds.parse import parse_feed

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
TEXT = "The lighthouse keepers of the fictional cape of Sorn counted nine ships at dawn. " * 8


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def rss_dated(date: str) -> bytes:
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Sorn</title>"
        f"<item><title>Ships</title><guid>s1</guid><pubDate>{date}</pubDate>"
        f"<description>{TEXT}</description></item></channel></rss>"
    ).encode()


def atom_dated(date: str) -> bytes:
    return (
        "<feed xmlns='http://www.w3.org/2005/Atom'><title>Sorn</title>"
        f"<entry><title>Ships</title><id>urn:uuid:1</id><updated>{date}</updated>"
        f"<content>{TEXT}</content></entry></feed>"
    ).encode()


def json_dated(date: str) -> bytes:
    item = {"id": "s1", "title": "Ships", "content_text": TEXT, "date_published": date}
    return json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": "Sorn", "items": [item]}
    ).encode()


ISO_CASES = [
    ("99999-01-01T00:00:00Z", None),
    ("-0001-01-01T00:00:00Z", None),
    ("0001-01-01T00:00:00+14:00", None),
    ("0001-01-01T00:00:00Z", None),  # Go's zero time: a placeholder, not a date
    ("9999-12-31T23:59:59-12:00", NOW),  # past the last representable day: far ahead
    ("2026-03-05T00:00:00Z", NOW),  # days ahead: the arrival time
    ("2026-03-01T20:00:00Z", datetime(2026, 3, 1, 20, 0, tzinfo=UTC)),  # hours ahead: kept
    ("2025-12-31T23:30:00-05:00", datetime(2026, 1, 1, 4, 30, tzinfo=UTC)),
]
RFC822_CASES = [
    ("Sat, 01 Jan 99999 00:00:00 GMT", None),
    ("Mon, 01 Jan 0001 00:00:00 +1400", None),
    ("Fri, 31 Dec 9999 23:59:59 -1200", None),  # feedparser cannot read it: no date
    ("Thu, 05 Mar 2026 00:00:00 GMT", NOW),
    ("Sun, 01 Mar 2026 20:00:00 GMT", datetime(2026, 3, 1, 20, 0, tzinfo=UTC)),
    ("Wed, 25 Feb 2026 08:15:00 +0100", datetime(2026, 2, 25, 7, 15, tzinfo=UTC)),
    ("Wed, 25 Feb 26 08:15:00 GMT", datetime(2026, 2, 25, 8, 15, tzinfo=UTC)),
]
CASES = [
    *[(atom_dated, date, expected) for date, expected in ISO_CASES],
    *[(json_dated, date, expected) for date, expected in ISO_CASES],
    *[(rss_dated, date, expected) for date, expected in RFC822_CASES],
]


@pytest.mark.parametrize(("shape", "date", "expected"), CASES)
def test_entry_dates_are_checked_and_clamped(shape, date: str, expected) -> None:
    (entry,) = parse_feed(shape(date), "http://127.0.0.1/feed", now=NOW).entries
    assert entry.published == expected


HOSTILE_DATES = [
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
    "99999-01-01T00:00:00Z",
    "-0001-01-01T00:00:00Z",
]


def test_a_json_feed_with_hostile_dates_fetches_and_lists(feed_server, isolated_home) -> None:
    items = [
        {"id": f"d{n}", "title": f"Ships {n}", "content_text": f"{TEXT} {n}", "date_published": d}
        for n, d in enumerate(HOSTILE_DATES)
    ]
    body = json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": "Sorn", "items": items}
    )
    url = feed_server.add("/feed.json", body, content_type="application/feed+json")
    assert run("add", url).exit_code == 0
    listing = json.loads(run("list", "--json").output)
    assert len(listing) == 4
    for row in listing:
        assert row["published"] is None or row["published"] <= row["added"]
        assert run("show", str(row["id"])).exit_code == 0
    assert run("list").exit_code == 0
    assert run("list", "--stories").exit_code == 0
