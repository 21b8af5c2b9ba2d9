"""Topics of articles: giving, replacing and counting them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from newsreader.models import TopicCount
from newsreader.store.db import transaction

MAX_TOPIC_LENGTH = 60


def clean_topic(name: str) -> str:
    """A topic name as stored: one line, trimmed, no control characters."""
    printable = "".join(ch if ch.isprintable() else " " for ch in name)
    printable = printable.encode("utf-8", "replace").decode("utf-8")
    return " ".join(printable.split())[:MAX_TOPIC_LENGTH].strip()


class TopicStore:
    """Topic functions of :class:`newsreader.store.Library`."""

    conn: sqlite3.Connection

    def topic_id(self, name: str) -> int | None:
        """The id of a topic, created when new; None for an empty name."""
        name = clean_topic(name)
        if not name:
            return None
        find = "SELECT id FROM topics WHERE name = ?"
        row = self.conn.execute(find, (name,)).fetchone()
        if row is None:  # read first: most topics exist, and one statement is cheaper than two
            self.conn.execute(
                "INSERT INTO topics (name) VALUES (?) ON CONFLICT DO NOTHING", (name,)
            )
            row = self.conn.execute(find, (name,)).fetchone()
        return int(row[0])

    def _add_topics(
        self,
        article_id: int,
        names: Iterable[str],
        origin: str,
        sort_time: float | None = None,
        read: int | None = None,
    ) -> None:
        names = list(names)
        if not names:
            return
        if sort_time is None:
            row = self.conn.execute(
                "SELECT sort_time FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is None:
                return
            sort_time = row[0]
        if read is None:
            row = self.conn.execute(
                "SELECT read FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            read = row[0] if row else 0
        for name in names:
            topic = self.topic_id(name)
            if topic is None:
                continue
            self.conn.execute(
                "INSERT INTO article_topics (topic_id, article_id, origin, sort_time, read)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (topic, article_id, origin, sort_time, read),
            )

    def add_topics(self, article_id: int, names: Iterable[str], origin: str = "source") -> None:
        """Give an article more topics (existing ones are kept)."""
        with transaction(self.conn):
            self._add_topics(article_id, names, origin)

    def set_topics(self, article_id: int, names: Iterable[str], origin: str) -> None:
        """Replace the article's topics of one origin (section, tag, rule, source)."""
        with transaction(self.conn):
            self.conn.execute(
                "DELETE FROM article_topics WHERE article_id = ? AND origin = ?",
                (article_id, origin),
            )
            self._add_topics(article_id, names, origin)

    def topic_counts(self, limit: int | None = None) -> list[TopicCount]:
        """Topics with articles, most articles first."""
        sql = (
            "SELECT t.name, c.total, c.unread"
            " FROM topic_counts c JOIN topics t ON t.id = c.topic_id"
            " WHERE c.total > 0 ORDER BY c.total DESC, t.name"
        )
        params: tuple[object, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        return [TopicCount(*row) for row in self.conn.execute(sql, params)]
