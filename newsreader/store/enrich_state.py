"""The small key/value state enrichment keeps in the library, and the article
texts and topic origins that topic learning reads."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from newsreader.store.db import transaction


class EnrichStateStore:
    """Enrichment state functions of :class:`newsreader.store.Library`."""

    conn: sqlite3.Connection

    def get_state(self, key: str) -> str | None:
        """A value enrichment kept in the library (rules fingerprint, learned model)."""
        row = self.conn.execute("SELECT value FROM enrich_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        """Keep a value for :meth:`get_state`."""
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO enrich_state (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def iter_article_texts(
        self, batch: int = 500, newest: int | None = None
    ) -> Iterator[tuple[int, str, str, str]]:
        """(id, source name, title, text) of every article (or the ``newest`` N), in id order."""
        last = 0
        if newest is not None:
            row = self.conn.execute(
                "SELECT id FROM articles ORDER BY id DESC LIMIT 1 OFFSET ?", (max(0, newest),)
            ).fetchone()
            last = row[0] if row else 0
        while True:
            found = self.conn.execute(
                "SELECT a.id, s.name, a.title, a.text FROM articles a"
                " JOIN sources s ON s.id = a.source_id WHERE a.id > ? ORDER BY a.id LIMIT ?",
                (last, batch),
            ).fetchall()
            if not found:
                return
            yield from found
            last = found[-1][0]

    def article_source(self, article_id: int) -> str | None:
        """The source name of one article."""
        row = self.conn.execute(
            "SELECT s.name FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return row[0] if row else None

    def topic_origin_count(self, origin: str) -> int:
        """How many (article, topic) pairs of one origin exist."""
        return int(
            self.conn.execute(
                "SELECT count(*) FROM article_topics WHERE origin = ?", (origin,)
            ).fetchone()[0]
        )

    def articles_with_topic_origin(self, origin: str, topic: str) -> list[int]:
        """Ids of articles given ``topic`` by ``origin``."""
        return [
            article_id
            for (article_id,) in self.conn.execute(
                "SELECT at.article_id FROM article_topics at JOIN topics t ON t.id = at.topic_id"
                " WHERE at.origin = ? AND t.name = ? ORDER BY at.article_id",
                (origin, topic),
            )
        ]
