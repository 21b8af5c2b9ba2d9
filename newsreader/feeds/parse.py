"""Feed bytes (RSS 0.9x/1.0/2.0, Atom, JSON Feed) into plain entries.

feedparser is only ever handed bytes we fetched ourselves (wrapped in a
``BytesIO``: given a string it would open URLs and files). JSON Feed is read
by :mod:`.jsonfeed`, since feedparser 6.0 does not know it. Every field of an
entry is cleaned and capped by :mod:`.entries`.

XML entities: feedparser 6 keeps only entity declarations whose value is
literal text, and expat (2.4+) refuses exponential expansion on its own. As a
second line of defence, a document whose DTD declares an entity built from
other entities, or an external (``SYSTEM``/``PUBLIC``) one, has its whole
DOCTYPE removed before parsing, and the refusal is noted: billion laughs and
external entities never expand. A document with more than
:data:`MAX_ENTITY_REFERENCES` references (``&amp;``, ``&#8217;``, ``&x;``) is
refused before parsing: feedparser takes microseconds for each, and a 10 MB
feed can hold three million.

What is odd but harmless (invalid XML that feedparser recovered, a refused
DTD, links that are not http) comes back as :attr:`ParsedFeed.warnings`;
:attr:`ParsedFeed.error` is set only when the document gave no feed.
"""

from __future__ import annotations

import calendar
import html
import io
import re
from datetime import UTC, datetime
from typing import Any

import feedparser

from newsreader.feeds.discover import discover_feeds, looks_like_html_page
from newsreader.feeds.entries import (
    DEFAULT_MAX_TEXT_CHARS,
    Entry,
    ParsedFeed,
    entry_guid,
    entry_link,
    entry_name,
    entry_text,
    entry_title,
    entry_topics,
    hash_guid,
    refused_links_warning,
    site_link,
)
from newsreader.feeds.jsonfeed import parse_json_feed
from newsreader.timestamps import sane_published

__all__ = [
    "DEFAULT_MAX_TEXT_CHARS",
    "Entry",
    "ParsedFeed",
    "parse_feed",
    "parse_json_feed",
    "refuse_unsafe_dtd",
]

#: References a document may hold before it is refused unparsed (a few seconds of parsing).
MAX_ENTITY_REFERENCES = 500_000

_COUNT_CHUNK = 256 * 1024
_DOCTYPE = re.compile(rb"<!DOCTYPE\b", re.IGNORECASE)
_ENTITY_DECL = re.compile(rb"<!ENTITY\s+(%\s*)?[^\s>]+\s*(.*?)>", re.DOTALL)
_REFERENCE = re.compile(rb"&(?:#[0-9]{1,10}|#x[0-9a-fA-F]{1,8}|[A-Za-z_][\w.-]{0,40});")
_GUID_ELEMENT = re.compile(rb"<guid\b[^>]*>\s*([^<]{1,2000}?)\s*</guid>")
_RFC822_SHORT_YEAR = re.compile(r"\b\d{1,2} [A-Za-z]{3,9}\.? (\d{2})\b")
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF|channel)\b")


def parse_feed(
    body: bytes,
    url: str,
    content_type: str = "",
    *,
    now: datetime | None = None,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> ParsedFeed:
    """Parse fetched bytes; never raises on bad input, reports it instead.

    ``now`` is the arrival time: an entry dated more than a day after it is
    dated ``now`` (see :func:`newsreader.timestamps.sane_published`). Entry
    texts are cut at ``max_text_chars``, with a note saying so.
    """
    now = now or datetime.now(UTC)
    kind = content_type.split(";")[0].strip().lower()
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if kind in ("application/feed+json", "application/json") or head.startswith(b"{"):
        return parse_json_feed(body, url, now, max_text_chars=max_text_chars)
    if looks_like_html_page(body, kind) and not _FEED_ROOT.search(body[:4096]):
        links = tuple(discover_feeds(body, url))
        return ParsedFeed(
            title="",
            site_url=url,
            not_a_feed=True,
            links=links,
            error=_html_error(links),
        )
    references = _too_many_references(body)
    if references is not None:
        return ParsedFeed(
            title="",
            site_url=None,
            not_a_feed=True,
            error=f"refused: {references:,} entity references, more than the"
            f" {MAX_ENTITY_REFERENCES:,} a feed may hold",
        )
    body, refused = refuse_unsafe_dtd(body)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # Entry HTML is only ever turned into plain text here (scripts and styles
    # dropped, control characters removed), never rendered, so feedparser's
    # HTML sanitiser and URI rewriting, half its parsing time, are not needed.
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    # feedparser's lenient parser (for invalid XML) resolves a <guid> against the
    # feed's address; an id is a link only as the feed wrote it.
    written = _written_guids(body) if parsed.get("bozo") else None
    entries = [_entry(raw, now, max_text_chars, written) for raw in parsed.entries]
    warnings = [refused] if refused else []
    if parsed.get("bozo"):
        warnings.append(_bozo_message(parsed.get("bozo_exception"), len(entries)))
    feed = parsed.feed
    if not parsed.get("version") and not entries and not feed.get("title"):
        return ParsedFeed(
            title="",
            site_url=None,
            not_a_feed=True,
            error="; ".join(warnings) or "not a feed (no RSS, Atom or JSON Feed found)",
        )
    refused_links = refused_links_warning(entries)
    if refused_links:
        warnings.append(refused_links)
    return ParsedFeed(
        title=entry_name(_title_text(feed.get("title", ""), feed.get("title_detail"))) or "",
        site_url=site_link(feed.get("link")),
        entries=entries,
        warnings=tuple(warnings),
    )


def _too_many_references(body: bytes) -> int | None:
    """How many entity and character references the document holds, when over the limit."""
    if body.count(b"&") <= MAX_ENTITY_REFERENCES:  # the usual case, one quick count
        return None
    count = 0
    for start in range(0, len(body), _COUNT_CHUNK):  # in chunks: a few MB at most in lists
        count += len(_REFERENCE.findall(body, start, start + _COUNT_CHUNK))
    return count if count > MAX_ENTITY_REFERENCES else None


def refuse_unsafe_dtd(body: bytes) -> tuple[bytes, str | None]:
    """Remove every DOCTYPE that declares nested or external entities.

    Every ``<!DOCTYPE`` in the document is looked at, wherever it stands:
    what comes before it (a comment holding ``<a``, say) never hides it.
    Returns the bytes to parse and, when something was removed, why.
    """
    kept: list[bytes] = []
    position = 0
    scanned = 0
    refused = False
    for match in _DOCTYPE.finditer(body):
        if match.start() < scanned:  # inside a DOCTYPE already looked at: linear, not quadratic
            continue
        end = scanned = _doctype_end(body, match.start())
        if _declares_unsafe_entities(body[match.start() : end]):
            kept.append(body[position : match.start()])
            position = end
            refused = True
    if not refused:
        return body, None
    kept.append(body[position:])
    reason = "refused the feed's XML entity declarations (nested or external entities)"
    return b"".join(kept), reason


def _declares_unsafe_entities(doctype: bytes) -> bool:
    for parameter, rest in _ENTITY_DECL.findall(doctype):
        if parameter or b"&" in rest or b"%" in rest or re.match(rb"(SYSTEM|PUBLIC)\b", rest):
            return True
    return False


def _doctype_end(body: bytes, start: int) -> int:
    """The index just past a DOCTYPE declaration, internal subset included."""
    depth = 0
    quote = 0
    for index in range(start + 2, len(body)):
        char = body[index]
        if quote:
            if char == quote:
                quote = 0
        elif char in (0x22, 0x27):  # " '
            quote = char
        elif char == 0x5B:  # [
            depth += 1
        elif char == 0x5D:  # ]
            depth -= 1
        elif char == 0x3E and depth <= 0:  # >
            return index + 1
    return len(body)


def _html_error(links: tuple[str, ...]) -> str:
    if links:
        return "an HTML page, not a feed; it links these feeds: " + ", ".join(links)
    return "an HTML page, not a feed, and it links no feed"


def _bozo_message(exc: Any, kept: int) -> str:
    name = type(exc).__name__ if exc is not None else "error"
    detail = " ".join(str(exc).split()) if exc is not None else ""
    what = {
        "CharacterEncodingOverride": "wrong encoding declared",
        "CharacterEncodingUnknown": "unknown encoding",
        "NonXMLContentType": "not served as XML",
        "SAXParseException": "invalid XML",
        "UndeclaredNamespace": "undeclared namespace",
    }.get(name, "invalid feed")
    return f"{what}: {detail or name} (kept {kept} entries)"


def _title_text(value: Any, detail: Any = None) -> str:
    """A feed's or entry's title as feedparser gives it, its markup read when it is HTML."""
    kind = (detail or {}).get("type", "") if isinstance(detail, dict) else ""
    return entry_title(value if isinstance(value, str) else "", "html" in kind)


def _written_guids(body: bytes) -> set[str]:
    """The text of every ``<guid>`` element, as written (entities aside)."""
    return {
        html.unescape(value.decode("utf-8", "replace")).strip()
        for value in _GUID_ELEMENT.findall(body)
    }


def _entry(raw: Any, now: datetime, max_text_chars: int, written: set[str] | None) -> Entry:
    text = entry_text(_content_candidates(raw), max_text_chars)
    title = _title_text(raw.get("title", ""), raw.get("title_detail"))
    value = raw.get("link") or None
    link, refused = entry_link(value)
    guid = raw.get("id")
    if raw.get("guidislink") and (
        not entry_link(guid)[0] or (written is not None and guid not in written)
    ):
        # RSS takes a <guid> for the link unless isPermaLink="false" (feedparser even
        # resolves a relative one); an id that is no web address (urn:uuid:, tag:,
        # "b1") is not a link to fetch, nor worth a warning.
        link = refused = None
    author = entry_name(raw.get("author") or "")
    categories = entry_topics(
        tag.get("label") or tag.get("term") or "" for tag in (raw.get("tags") or [])[:100]
    )
    return Entry(
        guid=entry_guid(raw.get("id") or raw.get("guid"), link, refused) or hash_guid(title, text),
        title=title,
        text=text,
        link=link,
        author=author,
        published=_entry_date(raw, now),
        categories=categories,
        refused_link=refused,
    )


def _content_candidates(raw: Any) -> list[tuple[str, bool]]:
    """The entry's content and summary values, each with whether it is markup."""
    candidates = [
        (item.get("value", ""), _is_markup(item.get("type", "text/html")))
        for item in raw.get("content", [])
    ]
    if raw.get("summary"):
        detail = raw.get("summary_detail") or {}
        candidates.append((raw["summary"], _is_markup(detail.get("type", "text/html"))))
    return candidates


def _is_markup(kind: str) -> bool:
    return "html" in kind or "xml" in kind


def _entry_date(raw: Any, now: datetime) -> datetime | None:
    """The entry's publication date (else its update or creation date), checked.

    feedparser reads what it cannot take as a year into one it can (year
    99999 as 9999, -0001 as 2000): a date counts only when the year it gives
    is written in the text (a zone offset may move it by one).
    """
    for key in ("published", "updated", "created"):
        # dict.get: the stored keys only, without feedparser's deprecated fallback
        # from "updated" to "published" (which warns, and would read one date twice).
        parsed = dict.get(raw, f"{key}_parsed")
        written = dict.get(raw, key)
        if not parsed or not isinstance(written, str) or not _year_is_written(written, parsed):
            continue
        try:
            moment = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
        except (OverflowError, ValueError, TypeError, OSError):
            # Past what a datetime holds (9999-12-31 at UTC-12): far ahead, or no date.
            return now if parsed.tm_year > now.year else None
        return sane_published(moment, now)
    return None


def _year_is_written(text: str, parsed: Any) -> bool:
    year = int(parsed.tm_year)
    if text.lstrip().startswith(("-", "+")):  # a signed (expanded ISO) year
        return False
    for candidate in (year - 1, year, year + 1):
        if re.search(rf"(?<!\d){candidate:04d}(?!\d)", text):
            return True
    short = _RFC822_SHORT_YEAR.search(text)  # "01 Jan 23": a two-digit year
    return short is not None and int(short.group(1)) == year % 100
