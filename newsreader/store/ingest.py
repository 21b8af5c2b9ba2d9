"""What the ingest pipeline keeps: the enrichment queue, retired entries, retention.

Articles wait in ``enrich_queue`` from the transaction that stores them to the one
that stores their summary, topics and story; ``retired_entries`` holds the guids
of feed entries that retention deleted, so a feed still listing them does not
bring them back.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass

from newsreader.records import Record
from newsreader.store.db import transaction

#: Values bound in one ``IN (...)`` list (well under SQLite's limit on variables).
_CHUNK = 500
#: An article whose enrichment failed this many times is left out of the queue's work.
MAX_ATTEMPTS = 3


@dataclass(frozen=True, repr=False, eq=False)
class StoredEntry(Record):
    """What the pipeline needs to know of a feed entry already stored."""

    article_id: int
    content_hash: str
    title: str
    #: The fingerprint of the entry as it last came (None for articles stored before it).
    entry_hash: str | None = None


@dataclass(frozen=True, repr=False, eq=False)
class Removal(Record):
    """What deleting a feed's articles did."""

    deleted: int
    #: Starred articles that stayed.
    kept: int


def _chunks(values: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


class IngestStore:
    """Ingest functions of :class:`newsreader.store.Library`."""

    conn: sqlite3.Connection

    # -- the enrichment queue ----------------------------------------------

    def pending_enrichment(self, limit: int = 100, after: int = 0) -> list[int]:
        """Ids of stored articles waiting for enrichment, oldest arrival first."""
        return [
            article_id
            for (article_id,) in self.conn.execute(
                "SELECT article_id FROM enrich_queue WHERE article_id > ? AND attempts < ?"
                " ORDER BY article_id LIMIT ?",
                (after, MAX_ATTEMPTS, limit),
            )
        ]

    def enrichment_inputs(self, article_ids: Iterable[int]) -> dict[int, tuple[str, str, str]]:
        """(title, text, source name) of the given articles still in the library, by id."""
        found: dict[int, tuple[str, str, str]] = {}
        for chunk in _chunks(sorted(set(article_ids))):
            for article_id, title, text, source in self.conn.execute(
                "SELECT a.id, a.title, a.text, s.name FROM articles a"
                " JOIN sources s ON s.id = a.source_id"
                f" WHERE a.id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                found[article_id] = (title, text, source)
        return found

    def count_pending_enrichment(self) -> int:
        """How many stored articles wait for enrichment."""
        row = self.conn.execute(
            "SELECT count(*) FROM enrich_queue WHERE attempts < ?", (MAX_ATTEMPTS,)
        ).fetchone()
        return int(row[0])

    def queue_enrichment(self, article_ids: Iterable[int]) -> None:
        """Put stored articles (back) in the enrichment queue."""
        with transaction(self.conn):
            self.conn.executemany(
                "INSERT INTO enrich_queue (article_id) SELECT id FROM articles WHERE id = ?"
                " ON CONFLICT (article_id) DO UPDATE SET attempts = 0",
                [(article_id,) for article_id in article_ids],
            )

    def finish_enrichment(self, article_ids: Iterable[int]) -> None:
        """Take enriched articles out of the queue (in the caller's transaction, if any)."""
        with transaction(self.conn):
            self.conn.executemany(
                "DELETE FROM enrich_queue WHERE article_id = ?",
                [(article_id,) for article_id in article_ids],
            )

    def enrichment_failed(self, article_ids: Iterable[int]) -> None:
        """Count a failed attempt; after :data:`MAX_ATTEMPTS` the article waits no more."""
        with transaction(self.conn):
            self.conn.executemany(
                "UPDATE enrich_queue SET attempts = attempts + 1 WHERE article_id = ?",
                [(article_id,) for article_id in article_ids],
            )

    def unsummarised_story_ids(self) -> list[int]:
        """Stories of two reports or more without a summary, most recent first."""
        return [
            story_id
            for (story_id,) in self.conn.execute(
                "SELECT id FROM stories WHERE size > 1 AND summary IS NULL"
                " ORDER BY last_seen DESC, id DESC"
            )
        ]

    # -- what a feed holds ---------------------------------------------------

    def feed_entries(self, source_id: int) -> dict[str, StoredEntry]:
        """The source's stored articles with a guid, by guid."""
        return {
            guid: StoredEntry(article_id, digest, title, entry_hash)
            for guid, article_id, digest, title, entry_hash in self.conn.execute(
                "SELECT guid, id, content_hash, title, entry_hash FROM articles"
                " WHERE source_id = ? AND guid IS NOT NULL",
                (source_id,),
            )
        }

    def retired_guids(self, source_id: int) -> set[str]:
        """Guids of the source's entries that retention deleted."""
        return {
            guid
            for (guid,) in self.conn.execute(
                "SELECT guid FROM retired_entries WHERE source_id = ?", (source_id,)
            )
        }

    def forget_retired(self, source_id: int, guids: Iterable[str]) -> None:
        """Drop retired guids (those a feed no longer lists)."""
        with transaction(self.conn):
            self.conn.executemany(
                "DELETE FROM retired_entries WHERE source_id = ? AND guid = ?",
                [(source_id, guid) for guid in guids],
            )

    # -- retention -------------------------------------------------------------

    def retention_victims(
        self, source_id: int, before: float | None, keep_newest: int | None
    ) -> tuple[list[int], int]:
        """(ids to delete, starred articles spared) for a source's retention rule.

        An article goes when it is older (publication, else arrival) than
        ``before`` or not among the ``keep_newest`` newest; starred ones never go.
        """
        doomed: set[int] = set()
        if before is not None:
            doomed.update(
                article_id
                for (article_id,) in self.conn.execute(
                    "SELECT id FROM articles WHERE source_id = ? AND sort_time < ?",
                    (source_id, before),
                )
            )
        if keep_newest is not None:
            doomed.update(
                article_id
                for (article_id,) in self.conn.execute(
                    "SELECT id FROM articles WHERE source_id = ?"
                    " ORDER BY sort_time DESC, id DESC LIMIT -1 OFFSET ?",
                    (source_id, keep_newest),
                )
            )
        if not doomed:
            return [], 0
        starred: set[int] = set()
        for chunk in _chunks(sorted(doomed)):
            starred.update(
                article_id
                for (article_id,) in self.conn.execute(
                    f"SELECT id FROM articles WHERE starred = 1"
                    f" AND id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        return sorted(doomed - starred), len(starred)

    def retire_articles(self, article_ids: Iterable[int], *, now: float | None = None) -> int:
        """Delete articles kept too long, remembering their guids; returns how many went."""
        ids = sorted(set(article_ids))
        when = time.time() if now is None else now
        deleted = 0
        with transaction(self.conn):
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                self.conn.execute(
                    "INSERT INTO retired_entries (source_id, guid, retired)"
                    f" SELECT source_id, guid, ? FROM articles WHERE id IN ({marks})"
                    " AND guid IS NOT NULL AND starred = 0 ON CONFLICT DO NOTHING",
                    (when, *chunk),
                )
                cursor = self.conn.execute(
                    f"DELETE FROM articles WHERE id IN ({marks}) AND starred = 0", chunk
                )
                deleted += cursor.rowcount
        return deleted

    def remove_source_articles(self, source_id: int) -> Removal:
        """Delete a source's articles except the starred ones (in the caller's transaction)."""
        with transaction(self.conn):
            kept = self.conn.execute(
                "SELECT count(*) FROM articles WHERE source_id = ? AND starred = 1", (source_id,)
            ).fetchone()[0]
            cursor = self.conn.execute(
                "DELETE FROM articles WHERE source_id = ? AND starred = 0", (source_id,)
            )
            return Removal(cursor.rowcount, int(kept))
