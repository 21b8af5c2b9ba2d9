"""Reading ``.html``/``.htm`` files: the article's text without page furniture.

trafilatura finds the article in a page and its metadata (title, date,
author, site name, canonical link). When it finds less than
:data:`MIN_EXTRACTED_CHARS` of text (fragments, short pages, where it tends to
keep menus) the lxml reading in :mod:`newsreader.importers.htmltext` takes
the text of the whole document without scripts, styles and navigation. The
title is trafilatura's (from ``og:title``, ``<title>`` or ``<h1>``), else the
first of ``og:title``, ``<title>``, ``<h1>``, else inferred from the text. The
date is the page's explicit metadata (``article:published_time``,
``<time datetime>``...), else trafilatura's. The site name, when the page
gives one, is the source name.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from newsreader.importers.base import FileContext, Record
from newsreader.importers.cleaning import clean_paragraphs, normalize, remove_boilerplate
from newsreader.importers.dates import parse_date
from newsreader.importers.htmltext import element_paragraphs, parse
from newsreader.importers.plaintext import article_from_paragraphs

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)


#: Below this many characters of text, trafilatura's result is not trusted
#: (on short pages it keeps menus): the lxml reading, which drops navigation,
#: is used instead.
MIN_EXTRACTED_CHARS = 400


def read(text: str, ctx: FileContext) -> list[Record]:
    """The article in an HTML file."""
    document = _extract(text)
    paragraphs: list[str] = []
    if document is not None and document.text:
        paragraphs = clean_paragraphs(document.text, unwrap=False)
    if sum(len(p) for p in paragraphs) < MIN_EXTRACTED_CHARS:
        root = parse(text)
        found = element_paragraphs(root) if root is not None else []
        paragraphs = remove_boilerplate(p for p in (normalize(p) for p in found) if p)
    meta = _metadata(text)
    found_title = getattr(document, "title", None) or meta.get("title")
    # An explicit metadata tag keeps its time of day; trafilatura's date has none.
    published = meta.get("published") or parse_date(getattr(document, "date", None) or "")
    return [
        article_from_paragraphs(
            paragraphs,
            ctx,
            found_title,  # type: ignore[arg-type]
            published=published,  # type: ignore[arg-type]
            author=getattr(document, "author", None) or meta.get("author"),  # type: ignore[arg-type]
            url=getattr(document, "url", None) or None,
            source=getattr(document, "sitename", None) or meta.get("site"),  # type: ignore[arg-type]
        )
    ]


def _extract(html: str) -> Any:
    """trafilatura's document (text and metadata), or None when it finds nothing."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    # Its complaints about odd markup would reach the terminal: we fall back instead.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:
        return None


def _metadata(html: str) -> dict[str, str | datetime | None]:
    """Title, date, author and site name from the page's tags (lxml)."""
    root = parse(html)
    if root is None:
        return {}
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in metas:
            metas[key] = content
    title = metas.get("og:title") or metas.get("twitter:title")
    if not title:
        for tag in ("title", "h1"):
            element = next(root.iter(tag), None)
            if element is not None and element.text_content().strip():
                title = element.text_content()
                break
    published = None
    for key in _DATE_META:
        published = parse_date(metas.get(key.lower(), ""))
        if published:
            break
    if published is None:
        for element in root.iter("time"):
            published = parse_date(element.get("datetime") or "")
            if published:
                break
    return {
        "title": " ".join(title.split()) if title else None,
        "published": published,
        "author": metas.get("author") or None,
        "site": metas.get("og:site_name") or None,
    }
