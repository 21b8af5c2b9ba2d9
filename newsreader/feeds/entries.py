"""What a parsed feed is made of, and the cleaning every field of an entry gets on the way in.

Both readers of feeds (:mod:`.parse` for RSS and Atom, :mod:`.jsonfeed`)
build their entries with these functions, so a title, a link or an id from
any feed is made safe the same way: escapes and invisible characters removed
(:mod:`newsreader.safetext`), lengths capped (:mod:`newsreader.limits`),
links kept only when they are http(s), and text cut at the library's
``max_text_chars`` with a visible note.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from newsreader.config import LibrarySettings
from newsreader.feeds.http import is_web_url
from newsreader.limits import (
    MAX_NAME_CHARS,
    MAX_TITLE_CHARS,
    MAX_TOPIC_CHARS,
    MAX_TOPICS,
    MAX_URL_CHARS,
    bounded_id,
    cut_line,
    cut_text,
    raw_markup_limit,
)
from newsreader.safetext import one_line, safe_url
from newsreader.text import feed_html_to_text

#: Article text kept when the caller does not say (``[library] max_text_chars``).
DEFAULT_MAX_TEXT_CHARS = LibrarySettings().max_text_chars


@dataclass(frozen=True)
class Entry:
    """One feed entry, reduced to what an article needs."""

    guid: str
    title: str
    text: str
    link: str | None = None
    author: str | None = None
    published: datetime | None = None
    categories: tuple[str, ...] = ()
    #: A link we refused to follow (not http or https), to report.
    refused_link: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """What a fetched document held."""

    title: str
    site_url: str | None
    entries: list[Entry] = field(default_factory=list)
    #: Why the document gave no feed (set with ``not_a_feed``), or None.
    error: str | None = None
    #: True when it was no feed at all (an HTML page, say) or was refused.
    not_a_feed: bool = False
    #: For an HTML page: the feeds it links with ``<link rel="alternate">``.
    links: tuple[str, ...] = ()
    #: What was odd but harmless (invalid XML recovered, a link refused): notes, not errors.
    warnings: tuple[str, ...] = ()


def entry_title(value: str, html: bool = False) -> str:
    """A title: markup read as text when it is HTML, one line, capped."""
    value = value[: raw_markup_limit(MAX_TITLE_CHARS)]
    if html:
        value = feed_html_to_text(value)
    return cut_line(one_line(value), MAX_TITLE_CHARS)


def entry_name(value: str) -> str | None:
    """An author's or a feed's name: one line, capped; None when empty."""
    return cut_line(one_line(value[: raw_markup_limit(MAX_NAME_CHARS)]), MAX_NAME_CHARS) or None


def entry_text(candidates: Iterable[tuple[str, bool]], max_chars: int) -> str:
    """The longest of ``(value, is_html)`` candidates as plain text, cut at ``max_chars``.

    No more raw markup than can make ``max_chars`` of text is converted, so a
    9 MB description costs what a long article does.
    """
    raw_limit = raw_markup_limit(max_chars)
    best = ""
    for value, html in candidates:
        value = value[:raw_limit]
        text = feed_html_to_text(value) if html else plain_as_html(value)
        if len(text) > len(best):
            best = text
    return cut_text(best, max_chars)


def plain_as_html(value: str) -> str:
    """Plain text read through the HTML path (so it is cleaned the same way)."""
    return feed_html_to_text(value.replace("&", "&amp;").replace("<", "&lt;"))


def entry_link(value: str | None, base: str | None = None) -> tuple[str | None, str | None]:
    """(link, refused): an http(s) link made safe, or the refused value to report."""
    if not value:
        return None, None
    link = safe_url(value[: MAX_URL_CHARS + 1])
    if base:
        try:
            link = urljoin(base, link)
        except ValueError:
            return None, cut_line(one_line(value), 200)
    if len(link) > MAX_URL_CHARS or not is_web_url(link):
        return None, cut_line(one_line(value), 200)
    return link, None


def site_link(value: object) -> str | None:
    """A feed's home page: an http(s) link made safe, else None."""
    return entry_link(value)[0] if isinstance(value, str) else None


def entry_guid(value: object, *fallbacks: str | None) -> str:
    """An entry's identity: its id (one line, long ones hashed), else the first fallback."""
    for candidate in (value, *fallbacks):
        if isinstance(candidate, str | int) and not isinstance(candidate, bool):
            cleaned = one_line(str(candidate))
            if cleaned:
                return bounded_id(cleaned)
    return ""


def entry_topics(values: Iterable[str]) -> tuple[str, ...]:
    """Category names, one line each, capped, without repeats (case-insensitive)."""
    seen: list[str] = []
    for value in values:
        name = one_line(value[: MAX_TOPIC_CHARS * 4])[:MAX_TOPIC_CHARS].strip()
        if name and name.casefold() not in {s.casefold() for s in seen}:
            seen.append(name)
        if len(seen) == MAX_TOPICS:
            break
    return tuple(seen)


def hash_guid(title: str, text: str) -> str:
    """An id for an entry that has none: a hash of its title and text."""
    digest = hashlib.sha1(f"{title}\n{text}".encode("utf-8", "replace")).hexdigest()
    return f"sha1:{digest}"


def refused_links_warning(entries: Iterable[Entry]) -> str | None:
    """One note for the entries whose link was not http(s), or None."""
    refused = [entry.refused_link for entry in entries if entry.refused_link]
    if not refused:
        return None
    first = refused[0]
    if len(refused) == 1:
        return f"an entry's link {first!r} is not http(s); its page is not fetched"
    return f"{len(refused)} entries link to something other than http(s) (first {first!r})"
