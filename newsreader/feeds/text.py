"""Entry HTML (feed content, summaries, titles) as clean plain text."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from newsreader.safetext import plain_text

_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
    }
)
_DROP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "iframe",
        "object",
        "embed",
        "template",
        "head",
    }
)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_TAG_HINT = re.compile(r"<[a-zA-Z/!]|&[#a-zA-Z0-9]+;")


def looks_like_html(value: str) -> bool:
    """True when ``value`` holds tags or character references."""
    return bool(_TAG_HINT.search(value))


def html_to_text(html: str) -> str:
    """The readable text of an HTML fragment: paragraphs separated by blank lines."""
    if not html or not html.strip():
        return ""
    if not looks_like_html(html):
        return _tidy(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _tidy(re.sub(r"<[^>]*>", " ", html))
    parts: list[str] = []
    _walk(root, parts)
    return _tidy("".join(parts))


def _walk(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if tag in _DROP:
        if element.tail:
            parts.append(element.tail)
        return
    block = tag in _BLOCK
    if block:
        parts.append("\n\n")
    if tag == "br":
        parts.append("\n")
    if tag and element.text:  # comments and processing instructions have no tag
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
    if block:
        parts.append("\n\n")
    if element.tail:
        parts.append(element.tail)


def _tidy(text: str) -> str:
    """Collapse spaces within lines and blank lines between paragraphs."""
    text = plain_text(text)
    lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def word_count(text: str) -> int:
    """How many words ``text`` has (white-space separated)."""
    return len(text.split())
