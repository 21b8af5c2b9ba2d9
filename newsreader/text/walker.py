"""The one HTML walker: text of feed HTML, and of a page when trafilatura finds no article.

Every block element ends a paragraph and ``<br>`` ends a line. Scripts, styles
and other elements that hold no text are always dropped. On a whole page
(``furniture=True``) page furniture goes too: navigation, headers, footers,
asides, forms, buttons, figures, AMP widgets, and any element whose class or id
names a cookie banner, a consent dialog, a newsletter box, share buttons,
related links, a paywall or a caption, and blocks made only of links (menus).
Elements whose class names a headline, byline or date are set off as
paragraphs of their own, so that a page written with ``<span>`` s does not run
title, byline and body together.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsreader.safetext import plain_text

if TYPE_CHECKING:
    import lxml.html

#: Elements that never hold readable text.
NO_TEXT = frozenset(
    (
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "head",
        "select",
    )
)
#: Page furniture, dropped with everything inside it on whole pages.
FURNITURE = frozenset(
    (
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "figure",
        "figcaption",
        "svg",
        "canvas",
        "menu",
        "dialog",
        "amp-ad",
        "amp-consent",
        "amp-social-share",
        "amp-sidebar",
        "amp-analytics",
        "amp-user-notification",
    )
)
#: Elements that start and end a paragraph.
BLOCKS = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
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
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "time",
        "tr",
        "ul",
    )
)
_FURNITURE_NAME = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|cmp|newsletters?|signup|sign-up|subscribe"
    r"|subscription|paywall|share|sharing|social|related|recommended|promo|adverts?"
    r"|advertisement|ads?|ad-slot|breadcrumbs?|comments?|more-stories|outbrain|taboola"
    r"|captions?|credits?|sr-only|visually-hidden)(?:$|[\s_-])",
    re.IGNORECASE,
)
_OWN_LINE_NAME = re.compile(
    r"(?:^|[\s_-])(?:title|headline|byline|author|dateline|date|timestamp|kicker|dek"
    r"|standfirst|subtitle)(?:$|[\s_-])",
    re.IGNORECASE,
)
_NOT_WORD = re.compile(r"\W+")
# Runs of spaces, replaced by one space: only runs of two or more and single
# characters other than " " need it (replacing each single space costs a match a word).
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]{2,}|[\t\r\f\v\u00a0]")
_TAG_HINT = re.compile(r"<[a-zA-Z/!]|&[#a-zA-Z0-9]+;")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>", re.I)


def looks_like_html(value: str) -> bool:
    """True when ``value`` holds tags or character references."""
    return bool(_TAG_HINT.search(value))


def parse(html: str | bytes) -> lxml.html.HtmlElement | None:
    """An lxml tree for a document or a fragment, or None when it cannot be parsed."""
    import lxml.etree
    import lxml.html

    if isinstance(html, bytes):
        data = html
        try:
            html = _XML_DECLARATION.sub("", data.decode("utf-8"))
        except UnicodeDecodeError:
            # another encoding: lxml reads the page's <meta charset> from the bytes
            html = _XML_DECLARATION.sub("", data.decode("latin-1")).encode("latin-1")
    else:
        html = _XML_DECLARATION.sub("", html)
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        try:
            return lxml.html.fragment_fromstring(html, create_parent="div")
        except (lxml.etree.ParserError, ValueError):
            return None


def feed_html_to_text(html: str) -> str:
    """The readable text of feed HTML (an entry's content): paragraphs apart by blank lines.

    Lines broken by ``<br>`` stay together in their paragraph.
    """
    if not html or not html.strip():
        return ""
    if not looks_like_html(html):
        return _tidy(html)
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _tidy(re.sub(r"<[^>]*>", " ", html))
    parts: list[str] = []
    _walk(root, parts, furniture=False, keep_lines=False)
    return _tidy("".join(parts))


def html_paragraphs(html: str | bytes, furniture: bool = True) -> list[str]:
    """The paragraphs of an HTML document or fragment (one per line of text).

    ``furniture`` drops page furniture (see the module docstring).
    """
    root = parse(html)
    if root is None:
        return []
    return element_paragraphs(root, furniture)


def element_paragraphs(root: lxml.html.HtmlElement, furniture: bool = True) -> list[str]:
    """The paragraphs of a parsed tree (see :func:`html_paragraphs`)."""
    parts: list[str] = []
    _walk(root, parts, furniture=furniture, keep_lines=False)
    text = plain_text("".join(parts))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _walk(
    element: lxml.html.HtmlElement, parts: list[str], *, furniture: bool, keep_lines: bool
) -> None:
    """Append the text of ``element`` and its tail; blocks are set off by blank lines.

    Line breaks in the source are spaces, except inside ``<pre>`` (``keep_lines``).
    """
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    # comments and processing instructions have no tag: only their tail is text
    if tag and tag not in NO_TEXT and not (furniture and _is_furniture(element, tag)):
        inner = keep_lines or tag == "pre"
        block = tag in BLOCKS or (furniture and _own_line(element))
        if block:
            parts.append("\n\n")
        if tag == "br":
            parts.append("\n")
        if element.text:
            parts.append(_flow(element.text, inner))
        for child in element:
            _walk(child, parts, furniture=furniture, keep_lines=inner)
        if block:
            parts.append("\n\n")
    if element.tail:
        parts.append(_flow(element.tail, keep_lines))


def _is_furniture(element: lxml.html.HtmlElement, tag: str) -> bool:
    if tag in FURNITURE or element.get("hidden") is not None:
        return True
    if tag in BLOCKS and _only_links(element):
        return True
    if element.get("aria-hidden") == "true" or element.get("role") in ("dialog", "navigation"):
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(names.strip()) and bool(_FURNITURE_NAME.search(names))


def _only_links(element: lxml.html.HtmlElement) -> bool:
    """A block of two or more links and nothing else but separators (a menu)."""
    links = element.findall(".//a")
    if len(links) < 2:
        return False
    linked = sum(len(link.text_content().strip()) for link in links)
    rest = len(_NOT_WORD.sub("", element.text_content())) - len(
        _NOT_WORD.sub("", "".join(link.text_content() for link in links))
    )
    return linked > 0 and rest <= 0


def _own_line(element: lxml.html.HtmlElement) -> bool:
    names = f"{element.get('class') or ''} {element.get('itemprop') or ''}"
    return bool(names.strip()) and bool(_OWN_LINE_NAME.search(names))


def _flow(text: str, keep_lines: bool) -> str:
    return text if keep_lines else text.replace("\r", " ").replace("\n", " ")


def _tidy(text: str) -> str:
    """Collapse spaces within lines and blank lines between paragraphs."""
    text = _SPACE.sub(" ", plain_text(text))
    lines = [line.strip() for line in text.split("\n")]
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
