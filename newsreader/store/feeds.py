"""Subscriptions: the ``feeds`` and ``feed_topics`` tables.

Each feed owns one source (``sources.kind = 'feed'``) whose name is the feed's
title; its articles are stored under that source, so the feed title is unique
among feeds.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from newsreader.limits import MAX_NAME_CHARS, cut_line
from newsreader.models import AddResult, NewArticle
from newsreader.records import Record
from newsreader.safetext import one_line
from newsreader.store.db import transaction
from newsreader.store.ingest import Removal
from newsreader.store.outbox import queue_subscribe, queue_unsubscribe
from newsreader.store.rows import from_epoch

FULL_TEXT_MODES = ("auto", "always", "never")
#: The largest id SQLite gives a row (a signed 64-bit integer).
MAX_ROW_ID = 2**63 - 1


class FeedExistsError(ValueError):
    """A feed with this URL is already subscribed."""


@dataclass(frozen=True, repr=False, eq=False)
class Feed(Record):
    """One subscription with its fetch state and article counts."""

    id: int
    url: str
    title: str
    site_url: str | None = None
    topics: tuple[str, ...] = ()
    full_text: str = "auto"
    etag: str | None = None
    last_modified: str | None = None
    last_fetched: datetime | None = None
    last_error: str | None = None
    retry_after: datetime | None = None
    articles: int = 0
    unread: int = 0
    source_id: int = 0


_FEED_COLUMNS = (
    "f.id, f.url, f.title, f.site_url, f.full_text, f.etag, f.last_modified,"
    " f.last_fetched, f.last_error, f.retry_after, f.source_id"
)


class FeedStore:
    """Feed functions of :class:`newsreader.store.Library`."""

    conn: sqlite3.Connection

    # -- writing ---------------------------------------------------------

    def add_feed(
        self,
        url: str,
        title: str,
        *,
        site_url: str | None = None,
        topics: tuple[str, ...] | list[str] = (),
        full_text: str = "auto",
        remote: str | None = None,
    ) -> Feed:
        """Subscribe to ``url``; raises :class:`FeedExistsError` when it is already there.

        The title becomes the feed's source name; when another feed already
        uses it, the site's host (then a number) is added to keep it unique.
        With a sync account the server is told (queued); ``remote`` is the
        server's id of a feed that comes from it.
        """
        if full_text not in FULL_TEXT_MODES:
            modes = ", ".join(FULL_TEXT_MODES)
            raise ValueError(f"full text must be one of {modes}: {full_text!r}")
        names = _clean_topics(topics)
        with transaction(self.conn):
            if self.conn.execute("SELECT 1 FROM feeds WHERE url = ?", (url,)).fetchone():
                raise FeedExistsError(f"already subscribed: {url}")
            name = cut_line(one_line(title), MAX_NAME_CHARS) or _host(url) or url
            source_id, name = self._free_source(name, url)
            cursor = self.conn.execute(
                "INSERT INTO feeds (source_id, url, title, site_url, topic, full_text)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (source_id, url, name, site_url, names[0] if names else None, full_text),
            )
            feed_id = int(cursor.lastrowid or 0)
            self._write_topics(feed_id, names)
            queue_subscribe(self.conn, feed_id, url, name, names[0] if names else None, remote)
        feed = self.get_feed(feed_id)
        assert feed is not None
        return feed

    def _free_source(self, title: str, url: str) -> tuple[int, str]:
        """A source for a new feed: its title, made unique among feeds."""
        host = _host(url)
        candidates = [title]
        if host and host.casefold() not in title.casefold():
            candidates.append(f"{title} ({host})")
        candidates += [f"{title} {n}" for n in range(2, 1000)]
        for name in candidates:
            row = self.conn.execute(
                "SELECT s.id, f.id FROM sources s LEFT JOIN feeds f ON f.source_id = s.id"
                " WHERE s.kind = 'feed' AND s.name = ?",
                (name,),
            ).fetchone()
            if row is None:
                cursor = self.conn.execute(
                    "INSERT INTO sources (kind, name) VALUES ('feed', ?)", (name,)
                )
                return int(cursor.lastrowid or 0), name
            if row[1] is None:  # left by a feed removed with its articles kept
                return row[0], name
        raise ValueError(f"too many feeds are titled {title!r}")

    def _write_topics(self, feed_id: int, names: list[str]) -> None:
        self.conn.execute("DELETE FROM feed_topics WHERE feed_id = ?", (feed_id,))
        self.conn.executemany(
            "INSERT INTO feed_topics (feed_id, position, name) VALUES (?, ?, ?)",
            [(feed_id, i, name) for i, name in enumerate(names)],
        )

    def set_feed_topics(self, feed_id: int, topics: tuple[str, ...] | list[str]) -> None:
        """Replace the topics a feed gives its new articles."""
        names = _clean_topics(topics)
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE feeds SET topic = ? WHERE id = ?", (names[0] if names else None, feed_id)
            )
            self._write_topics(feed_id, names)

    def remove_feed(self, feed_id: int, *, keep_articles: bool = False) -> Removal:
        """Unsubscribe (the sync server too, queued); deletes its articles but the starred.

        Starred articles stay under the feed's name; so does everything with
        ``keep_articles``. Returns how many articles were deleted and kept.
        """
        with transaction(self.conn):
            queue_unsubscribe(self.conn, feed_id)
            row = self.conn.execute(
                "SELECT source_id FROM feeds WHERE id = ?", (feed_id,)
            ).fetchone()
            if row is None:
                return Removal(0, 0)
            self.conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
            if keep_articles:
                kept = self.conn.execute(
                    "SELECT count(*) FROM articles WHERE source_id = ?", (row[0],)
                ).fetchone()[0]
                return Removal(0, int(kept))
            remove = self.remove_source_articles  # type: ignore[attr-defined]  # IngestStore
            removal: Removal = remove(row[0])
            if removal.kept == 0:
                self.conn.execute("DELETE FROM sources WHERE id = ?", (row[0],))
            return removal

    def update_fetch_state(
        self,
        feed_id: int,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        last_error: str | None = None,
        retry_after: float | None = None,
        site_url: str | None = None,
        keep_validators: bool = False,
        now: float | None = None,
    ) -> None:
        """Record one fetch: validators for the next conditional GET, error, back-off time.

        ``keep_validators`` leaves the stored ETag and Last-Modified as they are
        (a 304 answer, or a failed fetch).
        """
        fetched = time.time() if now is None else now
        with transaction(self.conn):
            if keep_validators:
                self.conn.execute(
                    "UPDATE feeds SET last_fetched = ?, last_error = ?, retry_after = ?"
                    " WHERE id = ?",
                    (fetched, last_error, retry_after, feed_id),
                )
            else:
                self.conn.execute(
                    "UPDATE feeds SET etag = ?, last_modified = ?, last_fetched = ?,"
                    " last_error = ?, retry_after = ? WHERE id = ?",
                    (etag, last_modified, fetched, last_error, retry_after, feed_id),
                )
            if site_url:
                self.conn.execute(
                    "UPDATE feeds SET site_url = ? WHERE id = ? AND site_url IS NULL",
                    (site_url, feed_id),
                )

    def add_feed_articles(self, articles: list[NewArticle]) -> list[AddResult | Exception]:
        """Store a feed's articles in one transaction; an article that fails is left out.

        One commit per feed is five times faster than one per article. The
        articles are first stored together; when one of them fails, that is
        undone and each is stored in its own savepoint, so the failing one is
        rolled back alone and its error returned in its place, the others kept.
        """
        add = self.add_article  # type: ignore[attr-defined]  # ArticleStore, in Library
        with transaction(self.conn):
            sources: dict[tuple[str, str], int] = {}
            self.conn.execute("SAVEPOINT feed_articles")
            try:
                outcomes: list[AddResult | Exception] = [
                    add(article, sources=sources) for article in articles
                ]
            except (ValueError, sqlite3.Error):
                self.conn.execute("ROLLBACK TO feed_articles")
                sources.clear()
                outcomes = []
            self.conn.execute("RELEASE feed_articles")
            if len(outcomes) == len(articles):
                return outcomes
            for article in articles:
                self.conn.execute("SAVEPOINT feed_article")
                try:
                    outcomes.append(add(article, sources=sources))
                except (ValueError, sqlite3.Error) as exc:
                    self.conn.execute("ROLLBACK TO feed_article")
                    sources.clear()
                    outcomes.append(exc)
                self.conn.execute("RELEASE feed_article")
        return outcomes

    # -- reading ---------------------------------------------------------

    def list_feeds(self) -> list[Feed]:
        """Every feed with its article and unread counts, by title."""
        found = self.conn.execute(
            f"SELECT {_FEED_COLUMNS}, count(a.id), coalesce(sum(1 - a.read), 0)"
            " FROM feeds f LEFT JOIN articles a ON a.source_id = f.source_id"
            " GROUP BY f.id ORDER BY f.title COLLATE NOCASE, f.id"
        ).fetchall()
        topics = self._all_topics()
        return [_feed(row, topics.get(row[0], ())) for row in found]

    def get_feed(self, feed_id: int) -> Feed | None:
        """One feed by id, or None."""
        row = self.conn.execute(
            f"SELECT {_FEED_COLUMNS}, count(a.id), coalesce(sum(1 - a.read), 0)"
            " FROM feeds f LEFT JOIN articles a ON a.source_id = f.source_id"
            " WHERE f.id = ? GROUP BY f.id",
            (feed_id,),
        ).fetchone()
        return _feed(row, self.feed_topics(feed_id)) if row else None

    def feed_by_url(self, url: str) -> Feed | None:
        """The feed subscribed at exactly ``url``, or None."""
        row = self.conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
        return self.get_feed(row[0]) if row else None

    def find_feed(self, key: str) -> Feed | None:
        """A feed named by the user: its id, its URL or its title (any case)."""
        key = key.strip()
        if key.isascii() and key.isdigit() and int(key) <= MAX_ROW_ID:
            feed = self.get_feed(int(key))
            if feed is not None:
                return feed
        row = self.conn.execute(
            "SELECT id FROM feeds WHERE url = ? OR title = ? COLLATE NOCASE ORDER BY url = ? DESC",
            (key, key, key),
        ).fetchone()
        return self.get_feed(row[0]) if row else None

    def feed_topics(self, feed_id: int) -> tuple[str, ...]:
        """The topics a feed gives its articles, in the order they were given."""
        found = self.conn.execute(
            "SELECT name FROM feed_topics WHERE feed_id = ? ORDER BY position", (feed_id,)
        ).fetchall()
        return tuple(name for (name,) in found)

    def _all_topics(self) -> dict[int, tuple[str, ...]]:
        topics: dict[int, list[str]] = {}
        for feed_id, name in self.conn.execute(
            "SELECT feed_id, name FROM feed_topics ORDER BY feed_id, position"
        ):
            topics.setdefault(feed_id, []).append(name)
        return {key: tuple(value) for key, value in topics.items()}

    def feed_guids(self, feed_id: int) -> set[str]:
        """The guids of the articles a feed has stored already."""
        found = self.conn.execute(
            "SELECT a.guid FROM feeds f JOIN articles a ON a.source_id = f.source_id"
            " WHERE f.id = ? AND a.guid IS NOT NULL",
            (feed_id,),
        ).fetchall()
        return {guid for (guid,) in found}


def _clean_topics(topics: tuple[str, ...] | list[str]) -> list[str]:
    names: list[str] = []
    for topic in topics:
        name = " ".join(topic.split())
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _feed(row: tuple[Any, ...], topics: tuple[str, ...]) -> Feed:
    return Feed(
        id=row[0],
        url=row[1],
        title=row[2],
        site_url=row[3],
        topics=topics,
        full_text=row[4],
        etag=row[5],
        last_modified=row[6],
        last_fetched=from_epoch(row[7]),
        last_error=row[8],
        retry_after=from_epoch(row[9]),
        source_id=row[10],
        articles=int(row[11]),
        unread=int(row[12]),
    )
