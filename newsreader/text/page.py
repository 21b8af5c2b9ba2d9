"""An article page as text: trafilatura finds the article, then the body is cleaned.

One extraction, with one set of options, for every caller: a page fetched for
a teaser, ``newsreader import page.html`` and ``newsreader summarize`` give the
same text. When trafilatura finds less than :data:`MIN_EXTRACTED_CHARS` of
text (fragments and short pages, where it tends to keep menus or finds
nothing), :mod:`newsreader.text.walker` reads the whole page without its
furniture instead. The body is then cleaned by :func:`newsreader.text.body.body_paragraphs`.

The title is the caller's (a feed entry's), else the page's ``og:title``, else
its ``<title>`` without the site's name, else its ``<h1>``. Metadata for import
(date, author, site name, canonical link) is read apart, by
:func:`page_metadata`, so it never changes the text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from newsreader.importers.dates import parse_date
from newsreader.text.body import body_paragraphs
from newsreader.text.paragraphs import join_paragraphs, split_paragraphs
from newsreader.text.titles import HEADER_PARAGRAPHS, TITLE_SEPARATOR
from newsreader.text.walker import element_paragraphs, parse

if TYPE_CHECKING:
    import lxml.html

#: Below this many characters of text, trafilatura's result is not trusted and
#: the walker's reading of the page is used instead.
MIN_EXTRACTED_CHARS = 400

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)


@dataclass(frozen=True)
class PageText:
    """A page's title and its cleaned body (paragraphs one blank line apart)."""

    title: str
    text: str

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs."""
        return self.text.split("\n\n") if self.text else []


@dataclass(frozen=True)
class PageMetadata:
    """What a page says about its article besides the text."""

    title: str | None = None
    published: datetime | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None


def page_to_text(
    html: str | bytes, url: str | None = None, title: str | None = None, author: str | None = None
) -> PageText:
    """The title and clean body of an article page (empty text when none is found).

    ``title`` and ``author``, when the caller knows them, are kept as they are
    and removed from the body where it repeats them.
    """
    root = parse(html)
    if root is None:
        return PageText(title or "", "")
    page_title = title or _page_title(root)
    found = _extract(root, url)  # (trafilatura changes the tree it is given)
    if sum(len(p) for p in found) < MIN_EXTRACTED_CHARS:
        fresh = parse(html)
        found = element_paragraphs(fresh, furniture=True) if fresh is not None else []
    if not title:
        page_title = _headline_of(page_title, found)
    return PageText(page_title, join_paragraphs(body_paragraphs(found, page_title, author)))


def _headline_of(title: str, paragraphs: list[str]) -> str:
    """The part of ``Headline | Site`` that the page's first lines give as its headline."""
    parts = [part.strip() for part in TITLE_SEPARATOR.split(title)]
    if len(parts) < 2:
        return title
    for paragraph in paragraphs[:HEADER_PARAGRAPHS]:
        for part in parts:
            if part and paragraph.casefold() == part.casefold():
                return part
    return title


def _extract(root: lxml.html.HtmlElement, url: str | None) -> list[str]:
    """trafilatura's paragraphs of the article ([] when it finds none)."""
    import trafilatura

    # Its complaints about odd markup would reach the terminal: we fall back instead.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        # Metadata would cost three times the text itself; page_metadata reads it apart.
        document = trafilatura.bare_extraction(
            root,
            url=url,
            fast=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            with_metadata=False,
            deduplicate=False,
        )
    except Exception:  # trafilatura raises assorted errors on hostile markup
        return []
    text = getattr(document, "text", None) if document is not None else None
    return split_paragraphs(text or "", unwrap=False)


def _page_title(root: lxml.html.HtmlElement) -> str:
    """``og:title``, else ``<title>`` without the site's name, else the first ``<h1>``."""
    metas = _metas(root)
    found = metas.get("og:title") or metas.get("twitter:title")
    if found:
        return _one_line(found)
    heading = _text_of(next(root.iter("h1"), None))
    page = _text_of(next(root.iter("title"), None))
    if page and heading and heading.casefold() in page.casefold():
        return heading
    if page:
        site = metas.get("og:site_name") or metas.get("application-name") or ""
        return _without_site(page, site)
    return heading


def _without_site(title: str, site: str) -> str:
    """``Headline | Site`` (or ``Site: Headline``) as ``Headline`` when the site is known."""
    if not site:
        return title
    for separator in (" | ", " - ", " – ", " — ", ": "):
        head, _, tail = title.partition(separator)
        if tail and tail.strip().casefold() == site.casefold():
            return head.strip()
        if tail and head.strip().casefold() == site.casefold():
            return tail.strip()
    return title


def page_metadata(html: str | bytes) -> PageMetadata:
    """Title, date, author, site name and canonical link of a page, from its tags.

    The page's own tags come first (``article:published_time`` keeps its time
    of day); trafilatura's metadata (JSON-LD, bylines, dates in the text) fills
    the gaps.
    """
    root = parse(html)
    if root is None:
        return PageMetadata()
    metas = _metas(root)
    published = None
    for key in _DATE_META:
        published = parse_date(metas.get(key, ""))
        if published:
            break
    if published is None:
        for element in root.iter("time"):
            published = parse_date(element.get("datetime") or "")
            if published:
                break
    canonical = next(
        (e.get("href") for e in root.iter("link") if e.get("rel") == "canonical"), None
    )
    found = _trafilatura_metadata(html)
    return PageMetadata(
        title=_page_title(root) or _one_line(getattr(found, "title", None) or "") or None,
        published=published or parse_date(getattr(found, "date", None) or ""),
        author=metas.get("author") or getattr(found, "author", None) or None,
        site=metas.get("og:site_name") or getattr(found, "sitename", None) or None,
        url=canonical or metas.get("og:url") or getattr(found, "url", None) or None,
    )


def _trafilatura_metadata(html: str | bytes) -> Any:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    try:
        return trafilatura.extract_metadata(
            html, extensive=False, date_config={"extensive_search": False, "original_date": True}
        )
    except Exception:
        return None


def _metas(root: lxml.html.HtmlElement) -> dict[str, str]:
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in metas:
            metas[key] = content
    return metas


def _text_of(element: lxml.html.HtmlElement | None) -> str:
    return _one_line(element.text_content()) if element is not None else ""


def _one_line(text: str) -> str:
    from newsreader.safetext import one_line

    return one_line(" ".join(text.split()))[:300]
