"""JSON Feed (https://jsonfeed.org, versions 1 and 1.1), which feedparser does not read."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

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
from newsreader.timestamps import sane_published


def parse_json_feed(
    body: bytes,
    url: str,
    now: datetime | None = None,
    *,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> ParsedFeed:
    """A JSON Feed; ``now`` and ``max_text_chars`` as for :func:`.parse.parse_feed`."""
    now = now or datetime.now(UTC)
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        detail = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return ParsedFeed(
            title="",
            site_url=None,
            not_a_feed=True,
            error=f"invalid JSON: {' '.join(detail.split())}",
        )
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return ParsedFeed(
            title="",
            site_url=None,
            not_a_feed=True,
            error='JSON without an "items" list: not a JSON Feed',
        )
    warnings: list[str] = []
    if not str(data.get("version", ""))[:100].startswith("https://jsonfeed.org/version/"):
        warnings.append("JSON Feed without a jsonfeed.org version")
    entries: list[Entry] = []
    for item in data["items"]:
        if isinstance(item, dict):
            entries.append(_entry(item, url, now, max_text_chars))
        else:
            warnings.append("skipped an item that is not an object")
    refused = refused_links_warning(entries)
    if refused:
        warnings.append(refused)
    return ParsedFeed(
        title=entry_name(_str(data.get("title"))) or "",
        site_url=site_link(data.get("home_page_url")),
        entries=entries,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _entry(item: dict[str, Any], base: str, now: datetime, max_text_chars: int) -> Entry:
    text = entry_text(
        [
            (_str(item.get("content_html")), True),
            (_str(item.get("content_text")), False),
            (_str(item.get("summary")), False),
        ],
        max_text_chars,
    )
    link, refused = entry_link(_str(item.get("url")) or _str(item.get("external_url")), base)
    authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
    if not isinstance(authors, list):
        authors = []
    names = [_str(a.get("name")) for a in authors[:20] if isinstance(a, dict)]
    title = entry_title(_str(item.get("title")))
    tags: list[Any] = item["tags"] if isinstance(item.get("tags"), list) else []
    return Entry(
        guid=entry_guid(_str(item.get("id")), link, refused) or hash_guid(title, text),
        title=title,
        text=text,
        link=link,
        author=entry_name(", ".join(n for n in names if n)),
        published=_iso_date(
            _str(item.get("date_published")) or _str(item.get("date_modified")), now
        ),
        categories=entry_topics(_str(t) for t in tags[:100]),
        refused_link=refused,
    )


def _str(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _iso_date(value: str, now: datetime) -> datetime | None:
    if not value or len(value) > 64:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return sane_published(moment, now)
