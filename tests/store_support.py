"""Helpers for tests of the store: libraries of many stories, and libraries made at an
earlier schema version (to test an upgrade)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsreader.models import NewArticle
from newsreader.store import Library, schema

START = datetime(2024, 1, 1, tzinfo=UTC)


def reports(count: int, *, first: int = 0) -> list[NewArticle]:
    """``count`` reports, newer as ``first`` grows, by twos at the same minute (their
    stories tie on their time)."""
    return [
        NewArticle(
            title=f"Report {n}",
            text=f"Report number {n} of the harbour works.",
            source_name=f"Outlet {n % 7}",
            published=START + timedelta(minutes=n // 2),
        )
        for n in range(first, first + count)
    ]


def add_stories(
    library: Library, count: int, *, first: int = 0, joins: Mapping[int, int] | None = None
) -> list[int]:
    """Store ``count`` reports (see :func:`reports`), each a story of its own unless
    ``joins`` maps its position to an earlier one's; returns their ids."""
    new = reports(count, first=first)
    ids = library.add_new_articles(new)
    times = [article.published.timestamp() for article in new]  # type: ignore[union-attr]
    library.bulk_index(
        [(i, t, {f"term{i}": 1.0}) for i, t in zip(ids, times, strict=True)],
        joins={ids[a]: ids[b] for a, b in (joins or {}).items()},
    )
    return ids


def library_before(path: Path, migration: str) -> sqlite3.Connection:
    """A new library file at the schema version just before ``migration``, open in
    autocommit mode for the test to fill as that version would have."""
    before = schema.MIGRATIONS.index(migration)
    conn = sqlite3.connect(path, isolation_level=None)
    for step in schema.MIGRATIONS[:before]:
        conn.executescript(step)
    conn.execute(f"PRAGMA user_version = {before}")
    return conn


def store_fixture_report(library: Library, item: Mapping[str, str], *, dated: bool = True) -> int:
    """Store one story-fixture record (title, text, source, published) unplaced; its id."""
    new = NewArticle(
        title=item["title"],
        text=item["text"],
        source_name=item["source"],
        published=datetime.fromisoformat(item["published"]) if dated else None,
    )
    return library.add_article(new).article_id
