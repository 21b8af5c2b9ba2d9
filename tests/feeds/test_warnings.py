"""Warnings are warnings: a feed with harmless oddities subscribes with exit 0 and one note line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader.cli.main import main
from newsreader.models import ArticleQuery
from newsreader.store import Library

TEXT = "The bell founders of the fictional town of Arle cast a new bell for the harbour. " * 6


def rss(items: str, before: str = "") -> str:
    return (
        f"{before}<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0'><channel>"
        f"<title>Arle Bells</title><link>http://127.0.0.1/</link>{items}</channel></rss>"
    )


def item(guid: str, extra: str = "") -> str:
    return (
        f"<item><title>Bell {guid[-1]}</title><guid>{guid}</guid>"
        f"<description>{TEXT} {guid}{extra}</description></item>"
    )


ATOM = (
    "<feed xmlns='http://www.w3.org/2005/Atom'><title>Arle Bells</title>"
    "<entry><title>Bell 1</title><id>tag:arle.example,2024:bell-1</id>"
    f"<updated>2024-05-01T10:00:00Z</updated><content>{TEXT}</content></entry>"
    "<entry><title>Bell 2</title><id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>"
    f"<updated>2024-05-02T10:00:00Z</updated><content>{TEXT} two</content></entry></feed>"
)
CASES = {
    "whitespace before the XML declaration": (rss(item("b1"), before="\n  \n"), True),
    "an undefined entity": (rss(item("b1", "&nbsp;with a space")), True),
    "urn:uuid and tag: guids": (
        rss(
            item("urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6") + item("tag:arle.example,2024:b2")
        ),
        False,
    ),
    "Atom ids that are URNs": (ATOM, False),
}


def add(url: str, *options: str):
    return CliRunner().invoke(main, ["add", url, *options], catch_exceptions=False)


@pytest.mark.parametrize("case", CASES)
def test_harmless_oddities_subscribe_with_exit_0(
    feed_server, isolated_home: Path, case: str
) -> None:
    body, noted = CASES[case]
    url = feed_server.add("/feed.xml", body)
    result = add(url, "--full-text", "always")
    assert result.exit_code == 0, result.output
    assert "error:" not in result.output and "0 with errors" in result.output
    notes = [line for line in result.output.splitlines() if "note:" in line]
    assert len(notes) == (1 if noted else 0), result.output
    with Library(isolated_home / "library.sqlite") as library:
        rows = library.list_articles(ArticleQuery())
        assert rows
        for row in rows:  # an id that is not a web address is never taken for a link
            assert row.url is None
    asked = [request.path for request in feed_server.requests]
    assert asked == ["/feed.xml", "/feed.xml"]  # found, then fetched: no page was asked for


def test_a_feed_that_cannot_be_fetched_exits_1(feed_server) -> None:
    url = feed_server.add("/feed.xml", rss(item("b1")))
    assert add(url, "--no-fetch").exit_code == 0
    feed_server.add("/feed.xml", "gone", status=410)
    result = CliRunner().invoke(main, ["fetch"])
    assert result.exit_code == 1 and "HTTP 410" in result.output
