"""Topics of articles: giving, replacing and counting them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from newsreader.models import TopicCount
from newsreader.store.db import transaction

MAX_TOPIC_LENGTH = 60


def clean_topic(name: str) -> str:
    """A topic name as stored: one line, trimmed, no control characters."""
    if not name.isprintable():  # most names are: no walk over their characters
        name = "".join(ch if ch.isprintable() else " " for ch in name)
    printable = name.encode("utf-8", "replace").decode("utf-8")
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

    def set_topics_many(self, replaced: Iterable[tuple[int, str, Sequence[str]]]) -> None:
        """Replace the topics of one origin of many articles: (article id, origin, names) each.

        A handful of statements for the lot, whatever their number: articles no
        longer in the library are left out.
        """
        wanted = [
            (article_id, origin, [topic for topic in map(clean_topic, names) if topic])
            for article_id, origin, names in replaced
        ]
        if not wanted:
            return
        by_origin: dict[str, list[int]] = {}
        for article_id, origin, _ in wanted:
            by_origin.setdefault(origin, []).append(article_id)
        all_ids = json.dumps(sorted({article_id for article_id, _, _ in wanted}))
        with transaction(self.conn):
            for origin, ids in by_origin.items():
                self.conn.execute(
                    "DELETE FROM article_topics WHERE origin = ?"
                    " AND article_id IN (SELECT value FROM json_each(?))",
                    (origin, json.dumps(ids)),
                )
            articles = {
                article_id: (sort_time, read)
                for article_id, sort_time, read in self.conn.execute(
                    "SELECT id, sort_time, read FROM articles"
                    " WHERE id IN (SELECT value FROM json_each(?))",
                    (all_ids,),
                )
            }
            ids_of = self._topic_ids({topic for _, _, topics in wanted for topic in topics})
            self.conn.executemany(
                "INSERT INTO article_topics (topic_id, article_id, origin, sort_time, read)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [
                    (ids_of[topic], article_id, origin, *articles[article_id])
                    for article_id, origin, topics in wanted
                    if article_id in articles
                    for topic in topics
                ],
            )

    def topic_ids(self, names: Iterable[str]) -> dict[str, int]:
        """Clean name -> topic id of every non-empty name, topics created when new."""
        return self._topic_ids({topic for topic in map(clean_topic, names) if topic})

    def _topic_ids(self, wanted: set[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        # names are compared as the column does (COLLATE NOCASE), keyed as asked for
        find = "SELECT j.value, t.id FROM json_each(?) j JOIN topics t ON t.name = j.value"
        if wanted:
            found.update(self.conn.execute(find, (json.dumps(sorted(wanted)),)).fetchall())
        missing = sorted(wanted - found.keys())
        if missing:
            self.conn.executemany(
                "INSERT INTO topics (name) VALUES (?) ON CONFLICT DO NOTHING",
                [(name,) for name in missing],
            )
            found.update(self.conn.execute(find, (json.dumps(missing),)).fetchall())
        return found

    def newest_article_ids(self, limit: int) -> list[int]:
        """Ids of the ``limit`` articles stored last, newest first."""
        found = self.conn.execute("SELECT id FROM articles ORDER BY id DESC LIMIT ?", (limit,))
        return [article_id for (article_id,) in found]

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
