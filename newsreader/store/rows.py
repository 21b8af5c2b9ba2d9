"""Converting between SQLite rows and the dataclasses in :mod:`newsreader.models`."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

from newsreader import timestamps
from newsreader.models import Article, ArticleRow

#: Columns selected for an :class:`ArticleRow`, with ``a`` the articles alias.
ROW_COLUMNS = "a.id, a.title, s.name, a.url, a.published, a.added, a.read, a.starred, a.story_id"
ARTICLE_COLUMNS = ROW_COLUMNS + ", a.text, a.author, a.guid, a.language, a.content_hash, s.kind"


def to_epoch(moment: datetime | None) -> float | None:
    """A datetime as seconds since the epoch (naive times are taken as UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def from_epoch(seconds: float | None) -> datetime | None:
    """Seconds since the epoch as an aware UTC datetime; a stored oddity never raises.

    See :func:`newsreader.timestamps.from_epoch` (out-of-range values are clamped).
    """
    return timestamps.from_epoch(seconds)


def content_hash(text: str) -> str:
    """A hash of the text that ignores differences in white space and case."""
    # str.split() and re's \s agree on what white space is: hashes of earlier versions hold.
    import hashlib  # OpenSSL's, loaded when an article is stored (not to read the library)

    normal = " ".join(text.split()).casefold()
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()


def article_row(row: sqlite3.Row | tuple[Any, ...]) -> ArticleRow:
    """An :class:`ArticleRow` from a row selected with :data:`ROW_COLUMNS`."""
    return ArticleRow(
        id=row[0],
        title=row[1],
        source=row[2],
        url=row[3],
        published=from_epoch(row[4]),
        added=from_epoch(row[5]),  # type: ignore[arg-type]
        read=bool(row[6]),
        starred=bool(row[7]),
        story_id=row[8],
    )


def article(row: sqlite3.Row | tuple[Any, ...], topics: tuple[str, ...]) -> Article:
    """An :class:`Article` from a row selected with :data:`ARTICLE_COLUMNS`."""
    base = article_row(row)
    return Article(
        **{f.name: getattr(base, f.name) for f in fields(ArticleRow)},
        text=row[9],
        author=row[10],
        guid=row[11],
        language=row[12],
        content_hash=row[13],
        source_kind=row[14],
        topics=topics,
    )
