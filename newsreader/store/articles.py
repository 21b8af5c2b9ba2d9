"""Storing, listing, searching and flagging articles."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable

from newsreader.models import AddResult, Article, ArticleQuery, ArticleRow, NewArticle
from newsreader.store import rows
from newsreader.store.db import transaction
from newsreader.store.outbox import queue_flag
from newsreader.store.topics import TopicStore

_WORD = re.compile(r"\w+", re.UNICODE)


def _storable(value: str) -> str:
    """Text SQLite can hold as UTF-8: lone surrogates and NULs replaced."""
    return value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")


def fts_expression(search: str) -> str | None:
    """The user's search words as a safe FTS5 query (all words must match).

    Every word is quoted, so FTS5 operators and punctuation typed by the user
    are taken literally; a trailing ``*`` makes the last word a prefix.
    """
    words = _WORD.findall(search)
    if not words:
        return None
    terms = [f'"{word}"' for word in words]
    if search.rstrip().endswith("*"):
        terms[-1] += "*"
    return " ".join(terms)


class ArticleStore(TopicStore):
    """Article functions of :class:`newsreader.store.Library` (topics are stored with them)."""

    conn: sqlite3.Connection

    # -- writing ---------------------------------------------------------

    def source_id(self, kind: str, name: str) -> int:
        """The id of a source, created when new."""
        name = _storable(name.strip()) or "unknown"
        find = "SELECT id FROM sources WHERE kind = ? AND name = ?"
        row = self.conn.execute(find, (kind, name)).fetchone()
        if row is None:  # read first: one statement for the usual case of a known source
            self.conn.execute(
                "INSERT INTO sources (kind, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (kind, name),
            )
            row = self.conn.execute(find, (kind, name)).fetchone()
        return int(row[0])

    def add_article(
        self,
        new: NewArticle,
        *,
        now: float | None = None,
        sources: dict[tuple[str, str], int] | None = None,
    ) -> AddResult:
        """Store one article atomically, once per source, and queue it for enrichment.

        An article is the same as a stored one of its source with the same guid;
        without a guid, the same link; without either, the same text. A match whose
        text or title changed is updated in place (``updated``); otherwise it is
        ``present``. Identical text from another source, or from another entry of
        the same source, is a separate article (stories link them). Added and
        updated articles wait in the enrichment queue, written in the same
        transaction, until :mod:`newsreader.ingest` enriches them.

        ``sources`` caches source ids by (kind, name) for the articles of one
        transaction (so a batch looks its source up once); the caller empties it
        when it rolls back a part of that transaction.
        """
        title = _storable(new.title).strip()
        text = _storable(new.text).strip()
        if not title or not text:
            raise ValueError("an article needs a title and a text")
        added = time.time() if now is None else now
        published = rows.to_epoch(new.published)
        sort_time = min(published, added) if published is not None else added
        digest = rows.content_hash(text)
        url = _storable(new.url) if new.url else None
        with transaction(self.conn):
            key = (new.source_kind, new.source_name)
            source = sources.get(key) if sources is not None else None
            if source is None:
                source = self.source_id(*key)
                if sources is not None:
                    sources[key] = source
            row = self._same_article(source, new.guid, url, digest)
            if row is not None:
                if row[1] == digest and (row[2] == title or not (new.guid or url)):
                    if new.entry_hash and new.entry_hash != row[3]:
                        self.conn.execute(
                            "UPDATE articles SET entry_hash = ? WHERE id = ?",
                            (new.entry_hash, row[0]),
                        )
                    return AddResult(row[0], "present")
                self.conn.execute(
                    "UPDATE articles SET title = ?, text = ?, url = ?, author = ?,"
                    " published = ?, sort_time = ?, content_hash = ?, entry_hash = ?"
                    " WHERE id = ?",
                    (
                        title,
                        text,
                        url,
                        new.author,
                        published,
                        sort_time,
                        digest,
                        new.entry_hash,
                        row[0],
                    ),
                )
                self._add_topics(row[0], new.topics, "source", sort_time)
                self.conn.execute(
                    "INSERT INTO enrich_queue (article_id) VALUES (?)"
                    " ON CONFLICT (article_id) DO UPDATE SET attempts = 0",
                    (row[0],),
                )
                return AddResult(row[0], "updated")
            cursor = self.conn.execute(
                "INSERT INTO articles (source_id, url, guid, title, author, published, added,"
                " sort_time, text, language, content_hash, entry_hash)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    source,
                    url,
                    _storable(new.guid) if new.guid else None,
                    title,
                    _storable(new.author) if new.author else None,
                    published,
                    added,
                    sort_time,
                    text,
                    new.language,
                    digest,
                    new.entry_hash,
                ),
            )
            article_id = int(cursor.lastrowid or 0)
            self._add_topics(article_id, new.topics, "source", sort_time, read=0)
            self.conn.execute("INSERT INTO enrich_queue (article_id) VALUES (?)", (article_id,))
            return AddResult(article_id, "added")

    def _same_article(
        self, source: int, guid: str | None, url: str | None, digest: str
    ) -> tuple[int, str, str, str | None] | None:
        """(id, content hash, title, entry hash) of the source's article this one is, or None."""
        columns = "SELECT id, content_hash, title, entry_hash FROM articles WHERE source_id = ?"
        if guid:
            sql, key = f"{columns} AND guid = ?", _storable(guid)
        elif url:
            sql, key = f"{columns} AND url = ? AND guid IS NULL", url
        else:
            sql = f"{columns} AND content_hash = ? AND guid IS NULL AND url IS NULL"
            key = digest
        found: tuple[int, str, str, str | None] | None = self.conn.execute(
            sql, (source, key)
        ).fetchone()
        return found

    def add_articles(self, articles: Iterable[NewArticle]) -> list[AddResult]:
        """Store many articles in one transaction (all or none)."""
        with transaction(self.conn):
            sources: dict[tuple[str, str], int] = {}
            return [self.add_article(new, sources=sources) for new in articles]

    def set_read(self, article_id: int, read: bool = True) -> None:
        """Mark one article read or unread (queued for the server when it has it)."""
        with transaction(self.conn):
            changed = self.conn.execute(
                "UPDATE articles SET read = ? WHERE id = ? AND read != ?",
                (int(read), article_id, int(read)),
            ).rowcount
            if changed:
                queue_flag(self.conn, article_id, "read", read)

    def set_starred(self, article_id: int, starred: bool = True) -> None:
        """Star or unstar one article (queued for the server when it has it)."""
        with transaction(self.conn):
            changed = self.conn.execute(
                "UPDATE articles SET starred = ? WHERE id = ? AND starred != ?",
                (int(starred), article_id, int(starred)),
            ).rowcount
            if changed:
                queue_flag(self.conn, article_id, "starred", starred)

    def delete_article(self, article_id: int) -> None:
        """Remove one article with its topics and cached summaries."""
        with transaction(self.conn):
            self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    # -- reading ---------------------------------------------------------

    def get_article(self, article_id: int) -> Article | None:
        """One whole article, or None."""
        row = self.conn.execute(
            f"SELECT {rows.ARTICLE_COLUMNS} FROM articles a JOIN sources s ON s.id = a.source_id"
            " WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return rows.article(row, self.article_topics(article_id))

    def article_topics(self, article_id: int) -> tuple[str, ...]:
        """The topics of one article, by origin (source first) then name."""
        found = self.conn.execute(
            "SELECT t.name FROM article_topics at JOIN topics t ON t.id = at.topic_id"
            " WHERE at.article_id = ? ORDER BY CASE at.origin WHEN 'source' THEN 0"
            " WHEN 'rule' THEN 1 WHEN 'section' THEN 2 ELSE 3 END, t.name",
            (article_id,),
        ).fetchall()
        return tuple(name for (name,) in found)

    def list_articles(
        self, query: ArticleQuery | None = None, limit: int = 50, offset: int = 0
    ) -> list[ArticleRow]:
        """One page of matching articles, newest first (search: newest added first)."""
        query = query or ArticleQuery()
        plan = self._plan(query)
        if plan is None:
            return []
        sql, params = plan
        found = self.conn.execute(
            f"SELECT {rows.ROW_COLUMNS} {sql} LIMIT ? OFFSET ?", (*params, limit, max(0, offset))
        ).fetchall()
        return [rows.article_row(row) for row in found]

    def count_articles(self, query: ArticleQuery | None = None) -> int:
        """How many articles match; constant time for the common filters."""
        query = query or ArticleQuery()
        plain = ArticleQuery(unread=query.unread, starred=query.starred)
        if query == plain and not (query.unread and query.starred):
            column = "unread" if query.unread else "starred" if query.starred else "articles"
            return int(self.conn.execute(f"SELECT {column} FROM totals").fetchone()[0])
        if len(query.topics) == 1 and query == ArticleQuery(
            topics=query.topics, unread=query.unread
        ):
            row = self.conn.execute(
                "SELECT c.total, c.unread FROM topic_counts c JOIN topics t ON t.id = c.topic_id"
                " WHERE t.name = ?",
                (query.topics[0],),
            ).fetchone()
            if row is None:
                return 0
            return int(row[1] if query.unread else row[0])
        if query.search is not None and query == ArticleQuery(search=query.search):
            # A search alone is counted in the search index: every row there is an
            # article's, and reading the articles and sources costs 50 times more.
            expression = fts_expression(query.search)
            if expression is None:
                return 0
            found = self.conn.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (expression,)
            ).fetchone()
            return int(found[0])
        plan = self._plan(query)
        if plan is None:
            return 0
        sql, params = plan
        return int(self.conn.execute(f"SELECT count(*) {sql}", params).fetchone()[0])

    def index_of(self, query: ArticleQuery, article_id: int) -> int | None:
        """The position of an article in :meth:`list_articles` order, or None."""
        plan = self._plan(query)
        if plan is None:
            return None
        sql, params = plan
        ids = self.conn.execute(f"SELECT a.id {sql}", params)
        for index, (found,) in enumerate(ids):
            if found == article_id:
                return index
        return None

    def _plan(self, query: ArticleQuery) -> tuple[str, list[object]] | None:
        """FROM ... WHERE ... ORDER BY for a query, driven by its most selective part."""
        topic_ids: list[int] = []
        for name in query.topics:
            row = self.conn.execute("SELECT id FROM topics WHERE name = ?", (name,)).fetchone()
            if row is None:
                return None
            topic_ids.append(row[0])
        where: list[str] = []
        params: list[object] = []
        order = "a.sort_time DESC, a.id DESC"
        if query.search is not None:
            expression = fts_expression(query.search)
            if expression is None:
                return None
            # Newest added first, straight from the FTS index's rowid order.
            source = "FROM articles_fts f JOIN articles a ON a.id = f.rowid"
            where.append("articles_fts MATCH ?")
            params.append(expression)
            order = "f.rowid DESC"
            rest = topic_ids
        elif topic_ids:
            source = "FROM article_topics t0 JOIN articles a ON a.id = t0.article_id"
            where.append("t0.topic_id = ?")
            params.append(topic_ids[0])
            if query.unread:
                where.append("t0.read = 0")
            order = "t0.sort_time DESC, t0.article_id DESC"
            rest = topic_ids[1:]
        else:
            source = "FROM articles a"
            rest = []
        source += " JOIN sources s ON s.id = a.source_id"
        for topic_id in rest:
            where.append(
                "EXISTS (SELECT 1 FROM article_topics tx WHERE tx.topic_id = ?"
                " AND tx.article_id = a.id)"
            )
            params.append(topic_id)
        if query.unread:
            where.append("a.read = 0")
        if query.starred:
            where.append("a.starred = 1")
        if query.source is not None:
            where.append("s.name = ?")
            params.append(query.source)
        if query.story_id is not None:
            where.append("a.story_id = ?")
            params.append(query.story_id)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return f"{source}{clause} ORDER BY {order}", params
