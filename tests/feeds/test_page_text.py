"""A fetched teaser's page gets the same clean text as ``newsreader import`` of that page."""

from __future__ import annotations

from pathlib import Path

import pytest
from feedtools import rss

from newsreader.config import Settings
from newsreader.feeds import fetch_feeds
from newsreader.importers.base import FileContext
from newsreader.importers.html import read
from newsreader.models import ArticleQuery

PAGES = Path(__file__).parents[1] / "fixtures" / "pages"


@pytest.mark.parametrize("name", ["article_full.html", "amp.html", "short_merged.html"])
def test_fetched_page_text_is_the_imported_text(library, feed_server, name: str) -> None:
    page = (PAGES / name).read_bytes()
    imported = read(page.decode("utf-8"), FileContext(PAGES / name, "pages"))[0]
    link = feed_server.add(f"/{name}", page, content_type="text/html; charset=utf-8")
    teaser = {
        "title": imported.title,
        "link": link,
        "guid": name,
        "description": "A teaser of one sentence.",
    }
    library.add_feed(feed_server.add("/feed.xml", rss("Pages", [teaser])), "Pages")
    report = fetch_feeds(library, Settings())
    assert report.pages == 1, report.feeds[0].errors
    (row,) = library.list_articles(ArticleQuery(source="Pages"))
    article = library.get_article(row.id)
    assert article.title == imported.title
    assert article.text == imported.text
    assert not article.text.startswith(imported.title)
