"""The summary cache: a summary made once is read back instantly."""

from __future__ import annotations

import sqlite3

from newsreader.store.db import transaction


class SummaryStore:
    """Summary-cache functions of :class:`newsreader.store.Library`.

    The payload is the summary serialised as JSON by :mod:`summarize`; the
    store does not look inside it.
    """

    conn: sqlite3.Connection

    def cached_summary(self, article_id: int, algorithm: str, sentences: int) -> str | None:
        """The stored JSON payload of a summary, or None."""
        row = self.conn.execute(
            "SELECT payload FROM summaries"
            " WHERE article_id = ? AND algorithm = ? AND sentences = ?",
            (article_id, algorithm, sentences),
        ).fetchone()
        return row[0] if row else None

    def store_summary(self, article_id: int, algorithm: str, sentences: int, payload: str) -> None:
        """Keep a summary's JSON payload for next time."""
        with transaction(self.conn):
            self.conn.execute(
                "INSERT OR REPLACE INTO summaries (article_id, algorithm, sentences, payload)"
                " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
                (article_id, algorithm, sentences, payload, article_id),
            )
