"""Parsing fetched bytes: entities refused, JSON Feed, HTML pages, entry text, teasers."""

from __future__ import annotations

import tracemalloc

from newsreader.feeds.discover import discover_feeds
from newsreader.feeds.fulltext import wants_full_text
from newsreader.feeds.parse import parse_feed, refuse_unsafe_dtd
from newsreader.text import feed_html_to_text, page_to_text


def billion_laughs(levels: int = 10) -> bytes:
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)
    ]
    return (
        "<?xml version='1.0'?>\n<!DOCTYPE rss [\n" + "\n".join(decls) + "\n]>\n"
        "<rss version='2.0'><channel><title>T &lol9;</title><item><title>x</title>"
        f"<description>&lol{levels - 1};</description></item></channel></rss>"
    ).encode()


def parse_measured(body: bytes):
    """The parsed feed and the peak memory parsing it took."""
    tracemalloc.start()
    try:
        parsed = parse_feed(body, "http://127.0.0.1/f")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return parsed, peak


def test_billion_laughs_does_not_expand() -> None:
    parsed, peak = parse_measured(billion_laughs())
    assert peak < 20_000_000  # expanded, it would be 3 GB
    assert any("entity declarations" in w for w in parsed.warnings)
    assert len(parsed.entries) == 1
    assert "lollol" not in parsed.entries[0].text and "lollol" not in parsed.title


def test_billion_laughs_on_one_line_is_refused_too() -> None:
    body = billion_laughs().replace(b"\n", b"")
    parsed = parse_feed(body, "http://127.0.0.1/f")
    assert any("entity declarations" in w for w in parsed.warnings)
    assert all("lollol" not in e.text for e in parsed.entries)


def test_external_entities_are_never_read(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    body = (
        f"<?xml version='1.0'?>\n<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM '{secret.as_uri()}'>\n]>\n"
        "<rss version='2.0'><channel><title>t</title><item><title>a</title>"
        "<description>&xxe;</description></item></channel></rss>"
    ).encode()
    parsed = parse_feed(body, "http://127.0.0.1/f")
    assert any("entity declarations" in w for w in parsed.warnings)
    assert all("TOP-SECRET" not in e.text for e in parsed.entries)


def test_harmless_entity_declarations_are_kept() -> None:
    body = b"<?xml version='1.0'?>\n<!DOCTYPE rss [\n<!ENTITY co \"Acme\">\n]>\n<rss/>"
    kept, reason = refuse_unsafe_dtd(body)
    assert kept == body and reason is None


def test_json_feed_is_read() -> None:
    body = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "J",
      "home_page_url": "https://example.org/",
      "items": [{"id": "1", "title": "One", "content_html": "<p>Hello <b>there</b></p>",
                 "url": "https://example.org/1", "tags": ["a", "B"],
                 "date_published": "2024-05-01T10:00:00Z", "authors": [{"name": "Ann"}]},
                {"id": "2", "content_text": "Plain <not a tag>", "url": "file:///etc/x"}]}"""
    parsed = parse_feed(body, "https://example.org/feed.json", "application/feed+json")
    assert parsed.title == "J" and parsed.error is None and not parsed.not_a_feed
    assert parsed.warnings == (
        "an entry's link 'file:///etc/x' is not http(s); its page is not fetched",
    )
    one, two = parsed.entries
    assert (one.title, one.text, one.link, one.author) == (
        "One",
        "Hello there",
        "https://example.org/1",
        "Ann",
    )
    assert one.categories == ("a", "B") and one.published.year == 2024
    assert two.text == "Plain <not a tag>" and two.link is None
    assert two.refused_link == "file:///etc/x"


def test_invalid_json_is_not_a_feed() -> None:
    parsed = parse_feed(b"{not json", "http://127.0.0.1/j", "application/json")
    assert parsed.not_a_feed and "invalid JSON" in parsed.error


def test_html_page_is_not_a_feed_and_its_feeds_are_offered() -> None:
    page = b"""<!doctype html><html><head><base href="https://site.example/blog/">
      <link rel="alternate" type="application/rss+xml" href="feed.xml">
      <link rel="alternate" type="application/atom+xml" href="/atom.xml">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="stylesheet" href="x.css"></head><body>hi</body></html>"""
    parsed = parse_feed(page, "https://site.example/", "text/html")
    assert parsed.not_a_feed
    assert parsed.links == ("https://site.example/blog/feed.xml", "https://site.example/atom.xml")
    assert "https://site.example/atom.xml" in parsed.error
    assert discover_feeds(b"<html><body>no links</body></html>", "https://x/") == []


def test_feed_served_as_html_is_still_read() -> None:
    body = b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>"
    parsed = parse_feed(body, "http://127.0.0.1/f", "text/html")
    assert not parsed.not_a_feed and parsed.title == "T"


def test_garbage_is_not_a_feed() -> None:
    parsed = parse_feed(b"\x00\x01 just bytes", "http://127.0.0.1/f", "application/octet-stream")
    assert parsed.not_a_feed and parsed.error


def test_wrong_declared_encoding_is_flagged_and_read() -> None:
    body = (
        "<?xml version='1.0' encoding='us-ascii'?><rss version='2.0'><channel><title>Café</title>"
        "<item><title>Crème brûlée</title><description>Déjà vu</description></item>"
        "</channel></rss>"
    ).encode()
    parsed = parse_feed(body, "http://127.0.0.1/f", "application/xml")
    assert parsed.warnings and parsed.error is None
    assert parsed.entries[0].title == "Crème brûlée"


def test_entry_html_becomes_plain_text_without_escapes() -> None:
    html = (
        "<p>First <b>para</b>&nbsp;here.</p><script>alert(1)</script><style>p{}</style>"
        "<ul><li>one</li><li>two</li></ul>line<br>break \x1b[31mred\x1b[0m &amp; more"
    )
    assert feed_html_to_text(html) == "First para here.\n\none\n\ntwo\n\nline\nbreak red & more"


def test_entry_without_guid_or_title_is_still_identified() -> None:
    body = (
        b"<rss version='2.0'><channel><title>t</title>"
        b"<item><description>Only a description.</description></item></channel></rss>"
    )
    entry = parse_feed(body, "http://127.0.0.1/f").entries[0]
    assert entry.guid.startswith("sha1:") and entry.title == ""


def test_teaser_decision() -> None:
    short = "The council voted on the pier."
    long = " ".join(["word"] * 400)
    assert wants_full_text(short, "auto", 100)
    assert not wants_full_text(long, "auto", 100)
    assert wants_full_text(" ".join(["word"] * 150) + " [\u2026]", "auto", 100)
    assert not wants_full_text(" ".join(["word"] * 150), "auto", 100)
    assert wants_full_text(long, "always", 100)
    assert not wants_full_text(short, "never", 100)


def test_extract_article_finds_the_text_not_the_chrome() -> None:
    paragraph = "The quiet village of Almsbury opened its new library on Saturday morning. "
    page = (
        "<html><head><title>Library opens</title></head><body><nav>Home | News | Sport</nav>"
        f"<article><h1>Library opens</h1><p>{paragraph * 4}</p><p>{paragraph * 3}</p></article>"
        "<footer>Cookie settings</footer></body></html>"
    ).encode()
    found = page_to_text(page, "http://127.0.0.1/a")
    assert found.title == "Library opens" and "Almsbury" in found.text
    assert "Cookie" not in found.text and "Library opens" not in found.text
    assert page_to_text(b"<html><body></body></html>", "http://127.0.0.1/b").text == ""


def test_a_comment_before_the_doctype_does_not_hide_its_entities() -> None:
    for prefix in (b"<!-- <a -->", b"<!-- <rss -->\n<?pi <b?>", b"<?xml version='1.0'?><!--<x-->"):
        parsed, peak = parse_measured(
            billion_laughs().replace(b"<?xml version='1.0'?>\n", prefix, 1)
        )
        assert peak < 20_000_000, prefix
        assert any("entity declarations" in w for w in parsed.warnings), prefix
        assert all("lollol" not in e.text for e in parsed.entries), prefix
