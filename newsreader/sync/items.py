"""Items of ``stream/items/contents`` as plain-text articles for the library.

The server's item has no original guid: the article is matched by its link.
Whatever a server sends, an item becomes plain text (markup removed, control
characters dropped) or is skipped.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from newsreader.safetext import one_line
from newsreader.store.sync_merge import RemoteItem
from newsreader.sync.ids import parse_item_id


def remote_item(raw: dict[str, Any], now_usec: int) -> RemoteItem | None:
    """One pulled item, or None when it has no id, feed, title or text."""
    from newsreader.text.walker import feed_html_to_text

    try:
        item = parse_item_id(str(raw.get("id", "")))
    except ValueError:
        return None
    origin = raw.get("origin")
    stream = origin.get("streamId") if isinstance(origin, dict) else None
    if not isinstance(stream, str) or not stream:
        return None
    body = raw.get("summary") or raw.get("content") or {}
    content = body.get("content") if isinstance(body, dict) else None
    text = feed_html_to_text(content) if isinstance(content, str) else ""
    title = one_line(html.unescape(_text(raw.get("title"))))
    if not title and not text:
        return None
    author = one_line(_text(raw.get("author"))) or None
    return RemoteItem(
        item=item,
        stream=stream,
        crawled=_crawled(raw, now_usec),
        title=title or one_line(text)[:80],
        text=text or title,
        url=_link(raw),
        author=author,
        published=_published(raw.get("published")),
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _link(raw: dict[str, Any]) -> str | None:
    for key in ("canonical", "alternate"):
        links = raw.get(key)
        if isinstance(links, list):
            for link in links:
                href = link.get("href") if isinstance(link, dict) else None
                if isinstance(href, str) and href.startswith(("http://", "https://")):
                    return one_line(href)
    return None


def _crawled(raw: dict[str, Any], now_usec: int) -> int:
    """When the server got the item, in microseconds (what ``mark-all-as-read`` compares)."""
    for key, scale in (("timestampUsec", 1), ("crawlTimeMsec", 1000)):
        try:
            return int(str(raw.get(key))) * scale
        except ValueError:
            continue
    published = _published(raw.get("published"))
    return int(published.timestamp() * 1_000_000) if published else now_usec


def _published(value: object) -> datetime | None:
    try:
        seconds = int(str(value))
        return datetime.fromtimestamp(seconds, tz=UTC) if seconds > 0 else None
    except (ValueError, OverflowError, OSError):
        return None
