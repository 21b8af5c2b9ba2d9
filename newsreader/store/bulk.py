"""Storing many new articles at once: one transaction, a few statements per batch.

:meth:`BulkStore.add_new_articles` is the fast path for articles that are new
to the library (benchmark libraries, a first import of a large archive). It
skips what :meth:`ArticleStore.add_article` does for feeds: an article whose
source already holds its guid is left as it is rather than updated in place.
Articles whose text is already stored are skipped as ``add_article`` does, and
the triggers keep the counters, the search index and the topic counts right.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable

from newsreader.models import NewArticle
from newsreader.store import rows
from newsreader.store.articles import ArticleStore, _storable
from newsreader.store.db import transaction

#: Page cache while bulk loading (KiB; SQLite's default is 2 MB).
BULK_CACHE_KIB = 256 * 1024
_INSERT_ARTICLE = (
    "INSERT OR IGNORE INTO articles (id, source_id, url, guid, title, author, published, added,"
    " sort_time, text, language, content_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)
_INSERT_TOPIC = (
    "INSERT INTO article_topics (topic_id, article_id, origin, sort_time, read)"
    " VALUES (?, ?, 'source', ?, 0) ON CONFLICT DO NOTHING"
)


class BulkStore(ArticleStore):
    """Bulk-loading functions of :class:`newsreader.store.Library`."""

    conn: sqlite3.Connection

    def add_new_articles(
        self, articles: Iterable[NewArticle], *, now: float | None = None
    ) -> list[int]:
        """Store many new articles in one transaction (all or none); return the added ids.

        An article with the text of one already stored, or with a guid its source
        already holds, is skipped. Raises ``ValueError`` for an article without a
        title or a text, before anything is stored. The connection's page cache
        grows to :data:`BULK_CACHE_KIB` for the rest of its life.
        """
        added = time.time() if now is None else now
        # The content-hash index is written at random: a large cache saves re-reading it.
        # The connection keeps it until it closes, so batch after batch stays warm.
        self.conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        return self._add_new(articles, added)

    def _add_new(self, articles: Iterable[NewArticle], added: float) -> list[int]:
        with transaction(self.conn):
            sources: dict[tuple[str, str], int] = {}
            topic_ids: dict[str, int | None] = {}
            first = int(
                self.conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
            )
            article_rows: list[tuple[object, ...]] = []
            topic_rows: list[tuple[int, int, float]] = []
            for number, new in enumerate(articles, first + 1):
                title = _storable(new.title).strip()
                text = _storable(new.text).strip()
                if not title or not text:
                    raise ValueError("an article needs a title and a text")
                key = (new.source_kind, new.source_name)
                if key not in sources:
                    sources[key] = self.source_id(*key)
                published = rows.to_epoch(new.published)
                sort_time = min(published, added) if published is not None else added
                article_rows.append(
                    (
                        number,
                        sources[key],
                        new.url,
                        new.guid,
                        title,
                        _storable(new.author) if new.author else None,
                        published,
                        added,
                        sort_time,
                        text,
                        new.language,
                        rows.content_hash(text),
                    )
                )
                for name in new.topics:
                    if name not in topic_ids:
                        topic_ids[name] = self.topic_id(name)
                    topic = topic_ids[name]
                    if topic is not None:
                        topic_rows.append((topic, number, sort_time))
            self.conn.executemany(_INSERT_ARTICLE, article_rows)
            stored = {
                article_id
                for (article_id,) in self.conn.execute(
                    "SELECT id FROM articles WHERE id > ?", (first,)
                )
            }
            self.conn.executemany(_INSERT_TOPIC, [row for row in topic_rows if row[1] in stored])
        return sorted(stored)
