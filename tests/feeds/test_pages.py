"""``fetch_page_text``: one page's title and text for ``newsreader summarize URL``."""

from __future__ import annotations

import pytest

from newsreader.config import Settings
from newsreader.feeds.pages import PageError, fetch_page_text

PARAGRAPH = (
    "Crews on the fictional Marrow Line finished laying the last section of track on Friday,"
    " two months ahead of the schedule set when the line was approved. "
)
PAGE = (
    "<html><head><title>Marrow Line finished</title></head><body><nav>Home | Travel</nav>"
    f"<article><h1>Marrow Line finished</h1><p>{PARAGRAPH * 3}</p><p>{PARAGRAPH * 2}</p>"
    "</article><footer>Subscribe to our newsletter</footer></body></html>"
)


def test_web_page_gives_its_title_and_text(feed_server) -> None:
    url = feed_server.add("/a.html", PAGE, content_type="text/html")
    title, text = fetch_page_text(url, Settings())
    assert title == "Marrow Line finished"
    assert "two months ahead of the schedule" in text and "newsletter" not in text
    assert not text.startswith(title)  # the page's <h1> is not the first paragraph


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://x/y", "/tmp/saved.html"]
)
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(PageError, match="only http and https"):
        fetch_page_text(url, Settings())


def test_failures_are_one_line_page_errors(feed_server) -> None:
    with pytest.raises(PageError, match="HTTP 404"):
        fetch_page_text(feed_server.url("/missing.html"), Settings())
    empty = feed_server.add("/empty.html", "<html><body></body></html>", content_type="text/html")
    with pytest.raises(PageError, match="no article text"):
        fetch_page_text(empty, Settings())
