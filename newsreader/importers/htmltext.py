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
DROPPED = frozenset(
    (
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "iframe",
        "svg",
        "canvas",
        "object",
        "embed",
        "figure",
        "figcaption",
        "menu",
        "dialog",
        "head",
    )
)
#: Elements that start and end a paragraph.
BLOCKS = frozenset(
    (
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "caption",
        "address",
        "hr",
        "br",
        "body",
        "html",
    )
)
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


def _collect(element: lxml.html.HtmlElement, parts: list[str], keep_lines: bool = False) -> None:
    """Append the text of ``element`` and its tail; blocks are set off by newlines.

    Line breaks in the source are spaces, except inside ``<pre>`` (``keep_lines``).
    """
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag and tag not in DROPPED:  # (comments and processing instructions have no tag)
        inner = keep_lines or tag == "pre"
        block = tag in BLOCKS
        if block:
            parts.append("\n")
        if element.text:
            parts.append(_flow(element.text, inner))
        for child in element:
            _collect(child, parts, inner)
        if block:
            parts.append("\n")
    if element.tail:
        parts.append(_flow(element.tail, keep_lines))


def _flow(text: str, keep_lines: bool) -> str:
    return text if keep_lines else text.replace("\r", " ").replace("\n", " ")
