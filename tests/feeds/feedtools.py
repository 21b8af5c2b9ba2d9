"""Helpers for the feed tests (importable as ``feedtools``)."""

from __future__ import annotations


def rss(title: str, items: list[dict[str, str]], extra: str = "") -> str:
    """A small RSS 2.0 document; each item a dict of element name to (escaped) text."""
    parts = [
        f"<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0'><channel>"
        f"<title>{title}</title><link>http://127.0.0.1/</link>{extra}"
    ]
    for item in items:
        parts.append("<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in item.items()) + "</item>")
    parts.append("</channel></rss>")
    return "".join(parts)
