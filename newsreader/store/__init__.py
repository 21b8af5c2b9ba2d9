"""The article library: one SQLite file, and every SQL statement of newsreader.

Nothing outside this package writes SQL. Callers open a :class:`Library` and
call its typed methods, which return the dataclasses of :mod:`newsreader.models`.
A :class:`Library` holds one connection; a thread that needs the library
(a reader worker, say) opens its own.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from newsreader.models import LibraryStats
from newsreader.store.articles import ArticleStore
from newsreader.store.bulk import BulkStore
from newsreader.store.checks import CheckStore
from newsreader.store.db import (
    LibraryError,
    LibraryWriteError,
    ReadOnlyLibraryError,
    connect,
    is_read_only,
    larger_cache,
    savepoint,
    transaction,
    write_if_free,
)
from newsreader.store.feeds import FeedStore
from newsreader.store.ingest import IngestStore
from newsreader.store.marks import MarkStore
from newsreader.store.samples import SampleStore
from newsreader.store.stories import StoryStore
from newsreader.store.story_index import StoryIndexStore
from newsreader.store.summaries import SummaryStore
from newsreader.store.sync import SyncStore
from newsreader.store.sync_merge import SyncMergeStore
from newsreader.store.topics import TopicStore
from newsreader.store.views import ViewStore

__all__ = [
    "Library",
    "LibraryError",
    "LibraryWriteError",
    "ReadOnlyLibraryError",
    "larger_cache",
    "savepoint",
    "transaction",
    "write_if_free",
]


class Library(
    BulkStore,
    SyncMergeStore,
    SyncStore,
    ArticleStore,
    TopicStore,
    SummaryStore,
    ViewStore,
    FeedStore,
    StoryStore,
    StoryIndexStore,
    CheckStore,
    MarkStore,
    IngestStore,
    SampleStore,
):
    """An open article library."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.conn: sqlite3.Connection = connect(self.path)

    @property
    def read_only(self) -> bool:
        """True when the library was opened read-only (a read-only mount, say)."""
        return is_read_only(self.conn)

    def close(self) -> None:
        """Close the connection (pending work is already committed)."""
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def is_empty(self) -> bool:
        """True when the library holds no article."""
        return bool(self.conn.execute("SELECT articles FROM totals").fetchone()[0] == 0)

    def stats(self) -> LibraryStats:
        """Totals by source and topic, with the library's path and size."""
        articles, unread, starred = self.conn.execute(
            "SELECT articles, unread, starred FROM totals"
        ).fetchone()
        sources = self.source_counts()
        size = sum(os.path.getsize(p) for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return LibraryStats(
            path=str(self.path),
            size_bytes=size,
            articles=articles,
            unread=unread,
            starred=starred,
            sources=sources,
            topics=self.topic_counts(),
        )
