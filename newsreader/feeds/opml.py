"""OPML subscription lists: reading (folders and categories become topics) and writing.

Only ``xmlUrl`` addresses over http or https are taken; anything else (a
``file:`` path, a newsboat ``exec:`` or ``filter:`` command, an include) is
skipped and reported, never run or opened. The XML parser resolves no
entities, loads no DTD and touches no network; a file that declares
entities is refused outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

import lxml.etree

from newsreader.feeds.entries import entry_name, entry_topics, site_link
from newsreader.feeds.http import is_web_url
from newsreader.limits import MAX_URL_CHARS, cut_line
from newsreader.safetext import one_line, safe_url
from newsreader.store.feeds import Feed

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


class OpmlError(ValueError):
    """The file is not OPML we can read."""


@dataclass(frozen=True)
class OpmlFeed:
    """One subscription found in an OPML file."""

    url: str
    title: str
    topics: tuple[str, ...] = ()
    site_url: str | None = None


def read_opml(data: bytes) -> tuple[list[OpmlFeed], list[str]]:
    """The feeds of an OPML document, and why any outline was skipped."""
    # Anywhere in the file: what stands before a declaration (a comment
    # holding "<opml", say) must not hide it.
    if _ENTITY.search(data):
        raise OpmlError("the file declares XML entities; refused (billion laughs or external data)")
    parser = lxml.etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
    )
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise OpmlError(f"not valid XML: {exc}") from None
    if not isinstance(root.tag, str) or root.tag.lower() != "opml":
        raise OpmlError(f"not an OPML file (its root element is <{root.tag}>)")
    body = root.find("body")
    if body is None:
        raise OpmlError("OPML without a <body>")
    feeds: list[OpmlFeed] = []
    skipped: list[str] = []
    seen: set[str] = set()
    _walk(body, (), feeds, skipped, seen)
    return feeds, skipped


def _walk(
    parent: lxml.etree._Element,
    folders: tuple[str, ...],
    feeds: list[OpmlFeed],
    skipped: list[str],
    seen: set[str],
) -> None:
    for outline in parent:
        if not isinstance(outline.tag, str) or outline.tag != "outline":
            continue
        name = entry_name(outline.get("title") or outline.get("text") or "") or ""
        url = safe_url(outline.get("xmlUrl") or outline.get("xmlurl") or "")
        if not url:
            if len(outline):  # a folder
                _walk(outline, (*folders, name) if name else folders, feeds, skipped, seen)
            continue
        if len(url) > MAX_URL_CHARS or not is_web_url(url):
            shown = cut_line(url, 200)
            skipped.append(f"{name or shown!r}: {shown!r} is not an http(s) feed address")
            continue
        if url in seen:
            continue
        seen.add(url)
        topics = entry_topics([*folders, *_categories(outline.get("category") or "")])
        feeds.append(OpmlFeed(url, name, topics, site_link(outline.get("htmlUrl"))))


def _categories(value: str) -> list[str]:
    """OPML 2.0 ``category``: comma-separated, each a slash-delimited path."""
    names: list[str] = []
    for category in value[:10_000].split(","):
        names += [one_line(part) for part in category.split("/") if one_line(part)]
    return names


def write_opml(feeds: list[Feed], title: str = "newsreader subscriptions") -> bytes:
    """An OPML 2.0 document: a folder per feed's first topic, the rest as categories."""
    folders: dict[str, list[Feed]] = {}
    for feed in feeds:
        folders.setdefault(one_line(feed.topics[0]) if feed.topics else "", []).append(feed)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_escape(title)}</title></head>",
        "  <body>",
    ]
    for folder in sorted(folders, key=str.casefold):
        indent = "    "
        if folder:
            lines.append(f"    <outline text={quoteattr(folder)} title={quoteattr(folder)}>")
            indent = "      "
        for feed in folders[folder]:
            lines.append(indent + _outline(feed))
        if folder:
            lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines).encode("utf-8")


def _outline(feed: Feed) -> str:
    # What a library stored before values were cleaned on the way in may hold
    # characters XML cannot: each value is made safe again here.
    title = one_line(feed.title)
    attributes = [
        ("type", "rss"),
        ("text", title),
        ("title", title),
        ("xmlUrl", safe_url(feed.url)),
    ]
    if feed.site_url:
        attributes.append(("htmlUrl", safe_url(feed.site_url)))
    rest = [one_line(t).replace("/", " ").replace(",", " ") for t in feed.topics[1:]]
    if rest:
        attributes.append(("category", ",".join(f"/{t}" for t in rest)))
    return "<outline " + " ".join(f"{key}={quoteattr(value)}" for key, value in attributes) + "/>"


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
