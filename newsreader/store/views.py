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

        Bounded, so keeping the cursor on an article when a filter changes costs
        the same in a library of any size.
        """
        plan = self._plan(query)
        if plan is None:
            return None
        sql, params = plan
        found = self.conn.execute(
            f"SELECT n FROM (SELECT a.id AS id, row_number() OVER () - 1 AS n FROM"
            f" (SELECT a.id {sql} LIMIT ?) a) WHERE id = ?",
            (*params, limit, article_id),
        ).fetchone()
        return None if found is None else int(found[0])

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
