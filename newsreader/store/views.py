"""Queries the reader needs beyond the article store: positions and topic bars."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace

from newsreader.models import ArticleQuery, ArticleRow, SourceCount, TopicCount
from newsreader.store.db import transaction
from newsreader.store.rows import ROW_COLUMNS, article_row

#: Articles flagged per statement when many change at once.
FLAG_BATCH = 500


class ViewStore:
    """Reader-view functions of :class:`newsreader.store.Library`.

    Built on ``ArticleStore._plan`` so the reader sees exactly the rows and
    order of :meth:`list_articles`.
    """

    conn: sqlite3.Connection

    _plan: Callable[[ArticleQuery], tuple[str, list[object]] | None]

    def index_within(self, query: ArticleQuery, article_id: int, limit: int) -> int | None:
        """The position of an article among the first ``limit`` matches, or None.

        Costs one indexed look-up when the article is not in the view, and a
        scan up to its position (at most ``limit`` rows) when it is, so keeping
        the cursor on an article near the top is cheap at any library size.
        """
        plan = self._plan(query)
        if plan is None:
            return None
        sql, params = plan
        source = sql.rsplit(" ORDER BY ", 1)[0]
        joiner = " AND " if " WHERE " in source else " WHERE "
        present = self.conn.execute(
            f"SELECT 1 {source}{joiner}a.id = ? LIMIT 1", (*params, article_id)
        ).fetchone()
        if present is None:
            return None
        ids = self.conn.execute(f"SELECT a.id {sql} LIMIT ?", (*params, limit))
        for index, (found,) in enumerate(ids):
            if found == article_id:
                return index
        return None

    def list_after(self, query: ArticleQuery, after_id: int, limit: int) -> list[ArticleRow] | None:
        """The matches that follow article ``after_id`` in :meth:`list_articles` order.

        Keyset paging: the cost of a page does not grow with its position, where an
        OFFSET walks every row before it. None when the order cannot be keyed (the
        caller then pages by offset); [] when ``after_id`` is gone.
        """
        plan = self._plan(query)
        if plan is None:
            return []
        sql, params = plan
        source, order = sql.rsplit(" ORDER BY ", 1)
        columns = [column.strip().removesuffix(" DESC") for column in order.split(",")]
        found = self.conn.execute(
            "SELECT sort_time FROM articles WHERE id = ?", (after_id,)
        ).fetchone()
        if found is None:
            return []
        keys = {"a.sort_time": found[0], "t0.sort_time": found[0]}
        keys |= {"a.id": after_id, "t0.article_id": after_id, "f.rowid": after_id}
        if any(column not in keys for column in columns):
            return None
        joiner = " AND " if " WHERE " in source else " WHERE "
        after = f"({', '.join(columns)}) < ({', '.join(['?'] * len(columns))})"
        rows = self.conn.execute(
            f"SELECT {ROW_COLUMNS} {source}{joiner}{after} ORDER BY {order} LIMIT ?",
            (*params, *(keys[column] for column in columns), limit),
        ).fetchall()
        return [article_row(row) for row in rows]

    def unread_index(self, query: ArticleQuery, start: int, step: int) -> int | None:
        """The position of the first unread match at or after ``start`` (``step`` 1), or at
        or before it (``step`` -1), in :meth:`list_articles` order; None when there is none."""
        plan = self._plan(query)
        if plan is None or start < 0:
            return None
        sql, params = plan
        if step > 0:
            found = self.conn.execute(f"SELECT a.read {sql} LIMIT -1 OFFSET ?", (*params, start))
            for offset, (read,) in enumerate(found):
                if not read:
                    return start + offset
            return None
        last = None
        for index, (read,) in enumerate(
            self.conn.execute(f"SELECT a.read {sql} LIMIT ?", (*params, start + 1))
        ):
            if not read:
                last = index
        return last

    def mark_read_matching(self, query: ArticleQuery) -> list[int]:
        """Mark every unread article matching ``query`` read, in one transaction.

        Returns the ids that changed, so that :meth:`set_read_many` can undo it.
        """
        plan = self._plan(replace(query, unread=True))
        if plan is None:
            return []
        sql, params = plan
        with transaction(self.conn):
            ids = [row[0] for row in self.conn.execute(f"SELECT a.id {sql}", params)]
            self._set_read(ids, True)
        return ids

    def set_read_many(self, article_ids: Sequence[int], read: bool) -> None:
        """Mark the given articles read (or unread), all in one transaction."""
        with transaction(self.conn):
            self._set_read(list(article_ids), read)

    def _set_read(self, ids: list[int], read: bool) -> None:
        for start in range(0, len(ids), FLAG_BATCH):
            batch = ids[start : start + FLAG_BATCH]
            marks = ",".join("?" * len(batch))
            self.conn.execute(
                f"UPDATE articles SET read = ? WHERE read != ? AND id IN ({marks})",
                (int(read), int(read), *batch),
            )

    def source_counts(self) -> list[SourceCount]:
        """Every source with its number of articles and of unread ones, the largest first."""
        return [
            SourceCount(kind, name, total, unread)
            for kind, name, total, unread in self.conn.execute(
                "SELECT s.kind, s.name, count(a.id), coalesce(sum(1 - a.read), 0)"
                " FROM sources s LEFT JOIN articles a ON a.source_id = s.id"
                " GROUP BY s.id ORDER BY count(a.id) DESC, s.name"
            )
        ]

    def change_marks(self) -> tuple[int, int]:
        """(number of articles, highest article id): they change when articles are stored
        or removed, by this process or another; two indexed look-ups at any size."""
        count = self.conn.execute("SELECT articles FROM totals").fetchone()[0]
        highest = self.conn.execute("SELECT max(id) FROM articles").fetchone()[0]
        return int(count), int(highest or 0)

    def topic_counts_among(self, article_ids: Sequence[int], limit: int = 20) -> list[TopicCount]:
        """Topics of the given articles, most frequent first.

        ``total`` counts those articles with the topic, ``unread`` the unread ones.
        """
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = self.conn.execute(
            f"SELECT t.name, count(*), sum(1 - x.read) FROM article_topics x"
            f" JOIN topics t ON t.id = x.topic_id WHERE x.article_id IN ({marks})"
            " GROUP BY t.id ORDER BY count(*) DESC, t.name LIMIT ?",
            (*ids, limit),
        ).fetchall()
        return [TopicCount(name, total, unread or 0) for name, total, unread in found]
