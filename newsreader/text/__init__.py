"""The one text path: how every article's text is made, fetched, imported or summarised.

Public API (heavy modules, lxml and trafilatura, load on first use)::

    page_to_text(html, url=None, title=None, author=None) -> PageText  # article pages
    page_metadata(html) -> PageMetadata                               # date, author, site
    feed_html_to_text(html) -> str                                    # feed entries' HTML
    clean_body(text, title="", author=None) -> str                    # any plain text body
    body_paragraphs(paragraphs, title="", author=None) -> list[str]
    cut_title(text, limit=100) -> str                                 # a title from a text
    first_sentence(text) -> str                                       # summarize's splitter
    infer(paragraphs, title=None, author=None) -> Inferred            # title/date/byline

:mod:`.walker` is the one HTML walker, :mod:`.paragraphs` splits plain text,
:mod:`.boilerplate` holds the publisher-debris rules, :mod:`.titles` the
headline, byline and date rules, :mod:`.body` combines them, :mod:`.page`
extracts pages.
"""

from __future__ import annotations

from newsreader.text.body import body_paragraphs, clean_body
from newsreader.text.page import PageMetadata, PageText, page_metadata, page_to_text
from newsreader.text.titles import Inferred, cut_title, first_sentence, infer
from newsreader.text.walker import feed_html_to_text, looks_like_html, word_count

__all__ = [
    "Inferred",
    "PageMetadata",
    "PageText",
    "body_paragraphs",
    "clean_body",
    "cut_title",
    "feed_html_to_text",
    "first_sentence",
    "infer",
    "looks_like_html",
    "page_metadata",
    "page_to_text",
    "word_count",
]
