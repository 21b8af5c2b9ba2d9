"""Plain paragraphs from HTML with lxml: the fallback when trafilatura finds no article.

Scripts, styles, navigation, headers, footers, forms and other page furniture
are dropped with their content; every block element (and ``<br>``) ends a
paragraph.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

#: Elements removed with everything inside them.
DROPPED = frozenset((
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "iframe", "svg", "canvas", "object", "embed", "figure", "figcaption",
    "menu", "dialog", "head",
))
#: Elements that start and end a paragraph.
BLOCKS = frozenset((
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "caption",
    "address", "hr", "br", "body", "html",
))
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>", re.I)


def parse(html: str) -> lxml.html.HtmlElement | None:
    """An lxml tree for a document or a fragment, or None when it cannot be parsed."""
    html = _XML_DECLARATION.sub("", html)
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        try:
            return lxml.html.fragment_fromstring(html, create_parent="div")
        except (etree.ParserError, ValueError):
            return None


def element_paragraphs(root: lxml.html.HtmlElement) -> list[str]:
    """The text of ``root`` as paragraphs, page furniture left out."""
    parts: list[str] = []
    _collect(root, parts)
    text = "".join(parts)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def fragment_text(html: str) -> list[str]:
    """The paragraphs of an HTML document or fragment."""
    root = parse(html)
    return element_paragraphs(root) if root is not None else []


def _collect(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if tag in DROPPED or not isinstance(element.tag, str):  # comments, processing instructions
        if element.tail:
            parts.append(element.tail)
        return
    block = tag in BLOCKS
    if block:
        parts.append("\n")
    if element.text:
        parts.append(element.text)
    for child in element:
        _collect(child, parts)
    if block:
        parts.append("\n")
    if element.tail:
        parts.append(element.tail)
