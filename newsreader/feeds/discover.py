"""Finding the feeds an HTML page links with ``<link rel="alternate">``."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import lxml.etree
import lxml.html

from newsreader.feeds.http import is_web_url

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)


def looks_like_html_page(body: bytes, content_type: str = "") -> bool:
    """True when the document is an HTML page (by its type or its first tag)."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return True
    return bool(_HTML_START.match(body[:2048].lstrip(b"\xef\xbb\xbf")))


def discover_feeds(html: bytes, base_url: str) -> list[str]:
    """The http(s) feed URLs a page announces, in page order, without repeats."""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    base = base_url
    for element in root.iter("base"):
        href = element.get("href")
        if href:
            base = urljoin(base_url, href.strip())
            break
    found: list[str] = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or kind not in FEED_TYPES or not href:
            continue
        url = urljoin(base, href)
        if is_web_url(url) and url not in found:
            found.append(url)
    return found
