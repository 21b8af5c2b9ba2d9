"""Titles, names, ids and texts are capped on the way in; a text cut says so."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from click.testing import CliRunner

from newsreader.cli.main import main
from newsreader.config import LibrarySettings
from newsreader.feeds.parse import MAX_ENTITY_REFERENCES, parse_feed
from newsreader.limits import MAX_ID_CHARS, MAX_NAME_CHARS, MAX_TITLE_CHARS, truncation_note
from newsreader.models import ArticleQuery
from newsreader.store import Library

SENTENCE = "The ropewalk of the fictional port of Issel spun a new cable for the ferry. "
LIMIT = LibrarySettings().max_text_chars


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def rss(title: str, items: str) -> bytes:
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel>"
        f"<title>{title}</title>{items}</channel></rss>"
    ).encode()


def item(guid: str, title: str, text: str, author: str = "Ann") -> str:
    return (
        f"<item><title>{title}</title><guid isPermaLink='false'>{guid}</guid>"
        f"<author>{author}</author><description>{text}</description></item>"
    )


def stored(home: Path) -> list:
    with Library(home / "library.sqlite") as library:
        return [library.get_article(row.id) for row in library.list_articles(ArticleQuery())]


def test_a_9_mb_title_and_long_names_are_capped(feed_server, isolated_home) -> None:
    huge = "Rope " * 1_800_000  # 9 MB
    long = "Rope " * 60_000
    body = rss(long, item("g" * 5000, huge, SENTENCE * 20, author=long))
    url = feed_server.add("/f.xml", body)
    assert run("add", url).exit_code == 0
    with Library(isolated_home / "library.sqlite") as library:
        (feed,) = library.list_feeds()
    assert len(feed.title) <= MAX_NAME_CHARS and feed.title.startswith("Rope Rope")
    (article,) = stored(isolated_home)
    assert len(article.title) <= MAX_TITLE_CHARS and article.title.endswith("\u2026")
    assert article.author is not None and len(article.author) <= MAX_NAME_CHARS
    assert article.guid is not None and len(article.guid) <= MAX_ID_CHARS


def test_a_9_mb_text_is_cut_with_a_visible_note(feed_server, isolated_home) -> None:
    url = feed_server.add("/f.xml", rss("Issel", item("big", "Cable", SENTENCE * 120_000)))
    assert run("add", url).exit_code == 0
    (article,) = stored(isolated_home)
    assert len(article.text) <= LIMIT + len(truncation_note(LIMIT)) + 2
    assert article.text.endswith(truncation_note(LIMIT))
    shown = run("show", str(article.id)).output
    assert truncation_note(LIMIT) in shown


def test_the_text_cap_is_a_setting(feed_server, isolated_home, tmp_path) -> None:
    (isolated_home / "config.toml").write_text("[library]\nmax_text_chars = 5000\n")
    url = feed_server.add("/f.xml", rss("Issel", item("big", "Cable", SENTENCE * 500)))
    assert run("add", url).exit_code == 0
    page = tmp_path / "issel" / "rope.txt"
    page.parent.mkdir()
    page.write_text("Ropes of Issel\n\n" + SENTENCE * 500)
    assert run("import", str(page)).exit_code == 0
    articles = stored(isolated_home)
    assert len(articles) == 2
    for article in articles:
        assert article.text.endswith(truncation_note(5000))
        assert len(article.text) <= 5000 + len(truncation_note(5000)) + 2


def test_an_article_page_with_a_huge_text_is_cut(feed_server, isolated_home) -> None:
    paragraphs = "".join(f"<p>{SENTENCE * 4} Part {n}.</p>" for n in range(3000))
    page = f"<html><head><title>Cable</title></head><body><article>{paragraphs}</article></body>"
    feed_server.add("/cable.html", page, content_type="text/html")
    teaser = (
        f"<item><title>Cable</title><link>{feed_server.url('/cable.html')}</link>"
        "<guid>c1</guid><description>A short teaser.</description></item>"
    )
    url = feed_server.add("/f.xml", rss("Issel", teaser))
    assert run("add", url).exit_code == 0
    (article,) = stored(isolated_home)
    assert article.text.endswith(truncation_note(LIMIT)) and "Part 1." in article.text


def test_a_one_line_text_file_of_4_5_mb_is_cut(tmp_path: Path, isolated_home) -> None:
    path = tmp_path / "line" / "one.txt"
    path.parent.mkdir()
    path.write_text("rope and cable " * 300_000)  # 4.5 MB, one line, no title of its own
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    (article,) = stored(isolated_home)
    assert len(article.title) <= MAX_TITLE_CHARS
    assert article.text.endswith(truncation_note(LIMIT))


def test_millions_of_entity_references_are_refused_in_bounded_memory() -> None:
    body = rss("Refs", item("r", "Refs", "&x;" * 3_000_000))  # 9 MB, 3M references
    tracemalloc.start()
    try:
        parsed = parse_feed(body, "http://127.0.0.1/f.xml", "application/rss+xml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert parsed.not_a_feed and parsed.entries == []
    assert f"more than the {MAX_ENTITY_REFERENCES:,}" in (parsed.error or "")
    assert peak < 30_000_000


def test_references_under_the_limit_are_parsed() -> None:
    body = rss("Refs", item("r", "Refs &amp; more", "Rope &amp; cable. " * 1000))
    (entry,) = parse_feed(body, "http://127.0.0.1/f.xml", "application/rss+xml").entries
    assert entry.title == "Refs & more" and "Rope & cable." in entry.text
