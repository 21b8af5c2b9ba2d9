"""Queries the reader needs beyond the article store: positions and topic bars."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from newsreader.models import ArticleQuery, TopicCount


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

    def view_topic_counts(
        self, query: ArticleQuery, sample: int = 2000, limit: int = 20
    ) -> list[TopicCount]:
        """Topics of the first ``sample`` articles matching ``query``, most frequent first.

        ``total`` counts articles in the sample; ``unread`` the unread ones among them.
        """
        plan = self._plan(query)
        if plan is None:
            return []
        sql, params = plan
        found = self.conn.execute(
            f"SELECT t.name, count(*), sum(v.unread) FROM (SELECT a.id AS id, 1 - a.read AS unread"
            f" {sql} LIMIT ?) v JOIN article_topics x ON x.article_id = v.id"
            " JOIN topics t ON t.id = x.topic_id GROUP BY t.id"
            " ORDER BY count(*) DESC, t.name LIMIT ?",
            (*params, sample, limit),
        ).fetchall()
        return [TopicCount(name, total, unread or 0) for name, total, unread in found]
