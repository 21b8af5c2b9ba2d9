"""Feed bytes (RSS 0.9x/1.0/2.0, Atom, JSON Feed) into plain entries.

feedparser is only ever handed bytes we fetched ourselves (wrapped in a
``BytesIO``: given a string it would open URLs and files). JSON Feed is read
here, since feedparser 6.0 does not know it.

XML entities: feedparser 6 keeps only entity declarations whose value is
literal text, and expat (2.4+) refuses exponential expansion on its own. As a
second line of defence, a document whose DTD declares an entity built from
other entities, or an external (``SYSTEM``/``PUBLIC``) one, has its whole
DOCTYPE removed before parsing, and the refusal is reported as the feed's
error: billion laughs and external entities never expand.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from newsreader.feeds.discover import discover_feeds, looks_like_html_page
from newsreader.feeds.http import is_web_url
from newsreader.safetext import one_line
from newsreader.text import feed_html_to_text
from newsreader.timestamps import sane_published

MAX_CATEGORIES = 12
MAX_TOPIC_LENGTH = 80

_DOCTYPE = re.compile(rb"<!DOCTYPE\b", re.IGNORECASE)
_ENTITY_DECL = re.compile(rb"<!ENTITY\s+(%\s*)?[^\s>]+\s*(.*?)>", re.DOTALL)
_RFC822_SHORT_YEAR = re.compile(r"\b\d{1,2} [A-Za-z]{3,9}\.? (\d{2})\b")
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF|channel)\b")


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
    #: Why the document is not entirely valid (feedparser's bozo), or None.
    error: str | None = None
    #: True when it was no feed at all (an HTML page, say).
    not_a_feed: bool = False
    #: For an HTML page: the feeds it links with ``<link rel="alternate">``.
    links: tuple[str, ...] = ()


def parse_feed(
    body: bytes, url: str, content_type: str = "", *, now: datetime | None = None
) -> ParsedFeed:
    """Parse fetched bytes; never raises on bad input, reports it instead.

    ``now`` is the arrival time: an entry dated more than a day after it is
    dated ``now`` (see :func:`newsreader.timestamps.sane_published`).
    """
    now = now or datetime.now(UTC)
    kind = content_type.split(";")[0].strip().lower()
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if kind in ("application/feed+json", "application/json") or head.startswith(b"{"):
        return parse_json_feed(body, url, now)
    if looks_like_html_page(body, kind) and not _FEED_ROOT.search(body[:4096]):
        links = tuple(discover_feeds(body, url))
        return ParsedFeed(
            title="",
            site_url=url,
            not_a_feed=True,
            links=links,
            error=_html_error(links),
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
    entries = [_entry(raw, now) for raw in parsed.entries]
    errors = [refused] if refused else []
    if parsed.get("bozo"):
        errors.append(_bozo_message(parsed.get("bozo_exception"), len(entries)))
    feed = parsed.feed
    if not parsed.get("version") and not entries and not feed.get("title"):
        return ParsedFeed(
            title="",
            site_url=None,
            not_a_feed=True,
            error="; ".join(errors) or "not a feed (no RSS, Atom or JSON Feed found)",
        )
    site = feed.get("link")
    return ParsedFeed(
        title=_title(feed.get("title", ""), feed.get("title_detail")),
        site_url=site if isinstance(site, str) and is_web_url(site) else None,
        entries=entries,
        error="; ".join(errors) or None,
    )


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


def _title(value: str, detail: Any = None) -> str:
    kind = (detail or {}).get("type", "") if isinstance(detail, dict) else ""
    if "html" in kind:
        value = feed_html_to_text(value)
    return one_line(value)


def _entry(raw: Any, now: datetime) -> Entry:
    text = _content_text(raw)
    title = _title(raw.get("title", ""), raw.get("title_detail"))
    link = raw.get("link") or None
    refused = None
    if link is not None and not is_web_url(link):
        refused, link = link, None
    guid = raw.get("id") or raw.get("guid") or link or refused or _hash_guid(title, text)
    author = one_line(raw.get("author", "")) or None
    categories = tuple(
        _topic(tag.get("label") or tag.get("term") or "") for tag in raw.get("tags", []) or []
    )
    return Entry(
        guid=str(guid),
        title=title,
        text=text,
        link=link,
        author=author,
        published=_entry_date(raw, now),
        categories=_unique(categories),
        refused_link=refused,
    )


def _content_text(raw: Any) -> str:
    """The longest of the entry's content and summary, as plain text."""
    candidates: list[tuple[str, str]] = [
        (item.get("value", ""), item.get("type", "text/html")) for item in raw.get("content", [])
    ]
    if raw.get("summary"):
        detail = raw.get("summary_detail") or {}
        candidates.append((raw["summary"], detail.get("type", "text/html")))
    best = ""
    for value, kind in candidates:
        text = feed_html_to_text(value) if "html" in kind or "xml" in kind else _plain(value)
        if len(text) > len(best):
            best = text
    return best


def _plain(value: str) -> str:
    return feed_html_to_text(value.replace("&", "&amp;").replace("<", "&lt;"))


def _entry_date(raw: Any, now: datetime) -> datetime | None:
    """The entry's publication date (else its update or creation date), checked.

    feedparser reads what it cannot take as a year into one it can (year
    99999 as 9999, -0001 as 2000): a date counts only when the year it gives
    is written in the text (a zone offset may move it by one).
    """
    for key in ("published", "updated", "created"):
        parsed = raw.get(f"{key}_parsed")
        written = raw.get(key)
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


def _topic(value: str) -> str:
    return one_line(value)[:MAX_TOPIC_LENGTH].strip()


def _unique(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for value in values:
        if value and value.casefold() not in {s.casefold() for s in seen}:
            seen.append(value)
    return tuple(seen[:MAX_CATEGORIES])


def _hash_guid(title: str, text: str) -> str:
    digest = hashlib.sha1(f"{title}\n{text}".encode("utf-8", "replace")).hexdigest()
    return f"sha1:{digest}"


# -- JSON Feed -------------------------------------------------------------------


def parse_json_feed(body: bytes, url: str, now: datetime | None = None) -> ParsedFeed:
    """A JSON Feed (https://jsonfeed.org, versions 1 and 1.1); ``now`` as in :func:`parse_feed`."""
    now = now or datetime.now(UTC)
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return ParsedFeed(
            title="",
            site_url=None,
            not_a_feed=True,
            error=f"invalid JSON: {' '.join(str(exc).split())}",
        )
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return ParsedFeed(
            title="",
            site_url=None,
            not_a_feed=True,
            error='JSON without an "items" list: not a JSON Feed',
        )
    errors: list[str] = []
    if not str(data.get("version", "")).startswith("https://jsonfeed.org/version/"):
        errors.append("JSON Feed without a jsonfeed.org version")
    entries: list[Entry] = []
    for item in data["items"]:
        if isinstance(item, dict):
            entries.append(_json_entry(item, url, now))
        else:
            errors.append("skipped an item that is not an object")
    site = _str(data.get("home_page_url"))
    return ParsedFeed(
        title=one_line(_str(data.get("title"))),
        site_url=site if is_web_url(site) else None,
        entries=entries,
        error="; ".join(dict.fromkeys(errors)) or None,
    )


def _json_entry(item: dict[str, Any], base: str, now: datetime) -> Entry:
    html = _str(item.get("content_html"))
    text = feed_html_to_text(html) if html else _plain(_str(item.get("content_text")))
    summary = _plain(_str(item.get("summary")))
    if len(summary) > len(text):
        text = summary
    link = _str(item.get("url")) or _str(item.get("external_url")) or None
    refused = None
    if link:
        link = urljoin(base, link)
        if not is_web_url(link):
            refused, link = link, None
    authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
    if not isinstance(authors, list):
        authors = []
    names = [_str(a.get("name")) for a in authors if isinstance(a, dict)]
    title = one_line(_str(item.get("title")))
    tags: list[Any] = item["tags"] if isinstance(item.get("tags"), list) else []
    return Entry(
        guid=_str(item.get("id")) or link or refused or _hash_guid(title, text),
        title=title,
        text=text,
        link=link,
        author=one_line(", ".join(n for n in names if n)) or None,
        published=_iso_date(
            _str(item.get("date_published")) or _str(item.get("date_modified")), now
        ),
        categories=_unique([_topic(_str(t)) for t in tags]),
        refused_link=refused,
    )


def _str(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _iso_date(value: str, now: datetime) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return sane_published(moment, now)
