"""The summary cache: a summary made once is read back instantly."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from newsreader.store.db import write_if_free


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

    def summary_inputs(
        self, article_ids: Iterable[int], algorithm: str, sentences: int
    ) -> dict[int, tuple[str, str, str | None]]:
        """(text, language, cached payload or None) of the given articles still stored, by id.

        One query for a batch, where a lookup per article read the whole row.
        """
        ids = sorted(set(article_ids))
        found: dict[int, tuple[str, str, str | None]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self.conn.execute(
                "SELECT a.id, a.text, a.language, s.payload FROM articles a"
                " LEFT JOIN summaries s ON s.article_id = a.id AND s.algorithm = ?"
                f" AND s.sentences = ? WHERE a.id IN ({','.join('?' * len(chunk))})",
                (algorithm, sentences, *chunk),
            )
            for article_id, text, language, payload in rows:
                found[article_id] = (text, language, payload)
        return found

    def store_summary(self, article_id: int, algorithm: str, sentences: int, payload: str) -> None:
        """Keep a summary's JSON payload for next time."""
        self.store_summaries([(article_id, algorithm, sentences, payload)])

    def store_summaries(
        self, summaries: Sequence[tuple[int, str, int, str]], wait: bool = True
    ) -> bool:
        """Keep many (article id, algorithm, sentences, payload) in one transaction.

        With ``wait`` False, nothing is written and False is returned when another
        connection holds the write lock now (the caller keeps them for later).
        """
        if not summaries:
            return True
        with write_if_free(self.conn, wait) as free:
            if free:
                self._insert_summaries(summaries)
        return free

    def _insert_summaries(self, summaries: Sequence[tuple[int, str, int, str]]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO summaries (article_id, algorithm, sentences, payload)"
            " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
            [(a, algorithm, n, payload, a) for a, algorithm, n, payload in summaries],
        )
