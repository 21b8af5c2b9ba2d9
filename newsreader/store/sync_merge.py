"""Merging what a sync pulled: subscriptions, new articles and flags, in one transaction.

:meth:`SyncMergeStore.apply_pull` is all or nothing: a pending local action
wins over the server for that article and flag; what the server says wins
otherwise.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsreader.models import NewArticle
from newsreader.records import Record
from newsreader.store.articles import ArticleStore
from newsreader.store.db import transaction
from newsreader.store.feeds import FeedStore
from newsreader.store.outbox import READING_LIST, link_feed, queue_flag
from newsreader.store.sync import SyncStore


@dataclass(frozen=True, repr=False, eq=False)
class RemoteFeed(Record):
    """A subscription as the server lists it."""

    stream: str
    url: str
    title: str
    site_url: str | None = None
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, repr=False, eq=False)
class RemoteItem(Record):
    """An article pulled from the server, as plain text."""

    item: int
    stream: str
    crawled: int
    title: str
    text: str
    url: str | None = None
    author: str | None = None
    published: datetime | None = None


@dataclass
class MergeResult:
    """What merging one pull changed in the library."""

    feeds_added: int = 0
    feeds_removed: int = 0
    feeds_linked: int = 0
    new_ids: list[int] = field(default_factory=list)
    matched: int = 0
    skipped: int = 0
    read_changed: int = 0
    starred_changed: int = 0
    #: Local flags kept over a re-subscribed feed's fresh server state, queued to send.
    requeued: int = 0


class SyncMergeStore(SyncStore, ArticleStore, FeedStore):
    """Pull-merging functions of :class:`newsreader.store.Library`."""

    conn: sqlite3.Connection

    def new_by_feed(self, article_ids: list[int]) -> dict[int, int]:
        """How many of these articles each feed holds (feed id -> count)."""
        counts: dict[int, int] = {}
        for (feed_id,) in _rows_in(
            self.conn,
            "SELECT f.id FROM articles a JOIN feeds f ON f.source_id = a.source_id"
            " WHERE a.id IN ({})",
            article_ids,
        ):
            counts[int(feed_id)] = counts.get(int(feed_id), 0) + 1
        return counts

    def held_links(self, urls: Iterable[str]) -> set[str]:
        """The links among ``urls`` that an article of the library has already."""
        return {
            str(url)
            for (url,) in _rows_in(
                self.conn, "SELECT url FROM articles WHERE url IN ({})", sorted(set(urls))
            )
        }

    # -- merging a pull ----------------------------------------------------

    def apply_pull(
        self,
        feeds: list[RemoteFeed],
        items: list[RemoteItem],
        unread: Iterable[int],
        starred: Iterable[int],
        *,
        full_text: str = "auto",
        now: float | None = None,
    ) -> MergeResult:
        """Merge the server's subscriptions, new articles and flags, all or nothing.

        ``unread`` and ``starred`` are every id the server lists in those states.
        Articles matching a new item by link in its feed (a feed subscribed again,
        or fetched before the account was added) are matched, not stored twice.
        Feeds new here get the ``full_text`` mode.
        """
        moment = time.time() if now is None else now
        result = MergeResult()
        with transaction(self.conn):
            streams = self._merge_feeds(feeds, result, full_text)
            matched = self._merge_items(items, streams, result, moment)
            self.conn.execute(
                "DELETE FROM sync_items WHERE stream NOT IN (SELECT stream FROM sync_feeds)"
            )
            self._merge_flags(unread, starred, matched, result, moment)
            # A synced feed is fetched through the server: the pull is its fetch.
            self.conn.executemany(
                "UPDATE feeds SET last_fetched = ?, last_error = NULL WHERE id = ?",
                [(moment, feed_id) for feed_id in set(streams.values())],
            )
        return result

    def _merge_feeds(
        self, feeds: list[RemoteFeed], result: MergeResult, full_text: str
    ) -> dict[str, int]:
        linked = {stream: feed_id for feed_id, stream in self.synced_feeds().items()}
        by_url = {
            url: int(feed_id) for feed_id, url in self.conn.execute("SELECT id, url FROM feeds")
        }
        leaving = {
            stream
            for (stream,) in self.conn.execute(
                "SELECT stream FROM sync_outbox WHERE action = 'unsubscribe'"
            )
        }
        streams: dict[str, int] = {}
        for remote in feeds:
            if remote.stream in leaving:
                continue
            if remote.stream in linked:
                streams[remote.stream] = linked.pop(remote.stream)
            elif remote.url in by_url:
                feed_id = by_url[remote.url]
                link_feed(self.conn, feed_id, remote.stream)
                self.conn.execute(
                    "DELETE FROM sync_outbox WHERE action = 'subscribe' AND url = ?", (remote.url,)
                )
                linked = {s: f for s, f in linked.items() if f != feed_id}
                streams[remote.stream] = feed_id
                result.feeds_linked += 1
            else:
                feed = self.add_feed(
                    remote.url,
                    remote.title,
                    site_url=remote.site_url,
                    topics=remote.labels,
                    full_text=full_text,
                    remote=remote.stream,
                )
                by_url[remote.url] = feed.id
                streams[remote.stream] = feed.id
                result.feeds_added += 1
        for stream, feed_id in linked.items():
            if stream in leaving:
                continue
            # Unsubscribed on the server: gone here too, as `newsreader remove` does.
            self.conn.execute("DELETE FROM sync_feeds WHERE feed_id = ?", (feed_id,))
            self.remove_feed(feed_id)
            result.feeds_removed += 1
        return streams

    def _merge_items(
        self, items: list[RemoteItem], streams: dict[str, int], result: MergeResult, now: float
    ) -> set[int]:
        """Store or match the new items; returns the ids of articles that were already here."""
        known = self.known_items()
        by_link: dict[int, dict[str, int]] = {}
        matched: set[int] = set()
        for item in items:
            feed_id = streams.get(item.stream)
            if feed_id is None or item.item in known:
                continue
            if feed_id not in by_link:
                by_link[feed_id] = {
                    str(url): int(article_id)
                    for url, article_id in self.conn.execute(
                        "SELECT a.url, a.id FROM feeds f JOIN articles a"
                        " ON a.source_id = f.source_id WHERE f.id = ? AND a.url IS NOT NULL",
                        (feed_id,),
                    )
                }
            article_id = by_link[feed_id].get(item.url) if item.url else None
            if article_id is None:
                feed = self.conn.execute(
                    "SELECT title, topic FROM feeds WHERE id = ?", (feed_id,)
                ).fetchone()
                topics = tuple(
                    name
                    for (name,) in self.conn.execute(
                        "SELECT name FROM feed_topics WHERE feed_id = ? ORDER BY position",
                        (feed_id,),
                    )
                )
                try:
                    added = self.add_article(
                        NewArticle(
                            title=item.title,
                            text=item.text,
                            source_name=feed[0],
                            source_kind="feed",
                            url=item.url,
                            guid=item.url or f"greader:{item.item}",
                            author=item.author,
                            published=item.published,
                            topics=topics,
                        ),
                        now=now,
                    )
                except ValueError:
                    result.skipped += 1
                    continue
                article_id = added.article_id
                if added.status == "added":
                    result.new_ids.append(article_id)
                else:
                    matched.add(article_id)
                if item.url:
                    by_link[feed_id][item.url] = article_id
            else:
                matched.add(article_id)
            self.conn.execute(
                "INSERT OR REPLACE INTO sync_items (item, article_id, stream, crawled)"
                " VALUES (?, ?, ?, ?)",
                (item.item, article_id, item.stream, item.crawled),
            )
            known.add(item.item)
        result.matched = len(matched)
        return matched

    def _merge_flags(
        self,
        unread: Iterable[int],
        starred: Iterable[int],
        matched: set[int],
        result: MergeResult,
        now: float,
    ) -> None:
        conn = self.conn
        for name, ids in (("sync_unread", unread), ("sync_starred", starred)):
            conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (item INTEGER PRIMARY KEY)")
            conn.execute(f"DELETE FROM temp.{name}")
            conn.executemany(
                f"INSERT OR IGNORE INTO temp.{name} (item) VALUES (?)", ((i,) for i in ids)
            )
        before = {
            int(article_id): (bool(read), bool(star))
            for article_id, read, star in _rows_in(
                conn, "SELECT id, read, starred FROM articles WHERE id IN ({})", sorted(matched)
            )
        }
        state = (
            "WITH state AS (SELECT i.article_id AS id,"
            " min(u.item IS NULL) AS read, max(s.item IS NOT NULL) AS starred"
            " FROM sync_items i LEFT JOIN temp.sync_unread u ON u.item = i.item"
            " LEFT JOIN temp.sync_starred s ON s.item = i.item GROUP BY i.article_id)"
        )
        conn.execute(
            f"{state} UPDATE articles SET read = state.read FROM state"
            " WHERE articles.id = state.id AND articles.read != state.read"
            " AND NOT EXISTS (SELECT 1 FROM sync_outbox o"
            "   WHERE o.action = 'read' AND o.article_id = articles.id)"
            " AND NOT (state.read = 0 AND EXISTS (SELECT 1 FROM sync_outbox o"
            "   WHERE o.action = 'mark_read' AND o.queued >= articles.added AND (o.stream = ?"
            "   OR o.stream IN (SELECT sf.stream FROM feeds f JOIN sync_feeds sf"
            "     ON sf.feed_id = f.id WHERE f.source_id = articles.source_id))))",
            (READING_LIST,),
        )
        result.read_changed = _changes(conn)
        conn.execute(
            f"{state} UPDATE articles SET starred = state.starred FROM state"
            " WHERE articles.id = state.id AND articles.starred != state.starred"
            " AND NOT EXISTS (SELECT 1 FROM sync_outbox o"
            "   WHERE o.action = 'starred' AND o.article_id = articles.id)"
        )
        result.starred_changed = _changes(conn)
        # An article met again under a new id (a feed subscribed again, or fetched here
        # before the account) keeps a read mark or a star it had; the server is told.
        for article_id, (was_read, was_starred) in before.items():
            read, star = conn.execute(
                "SELECT read, starred FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            for flag, was, now_set in (("read", was_read, read), ("starred", was_starred, star)):
                if was and not now_set:
                    conn.execute(f"UPDATE articles SET {flag} = 1 WHERE id = ?", (article_id,))
                    queue_flag(conn, article_id, flag, True, now)
                    result.requeued += 1


def _changes(conn: sqlite3.Connection) -> int:
    """Rows the last statement changed (a statement opening with WITH has no rowcount)."""
    return int(conn.execute("SELECT changes()").fetchone()[0])


def _rows_in(
    conn: sqlite3.Connection, sql: str, values: Sequence[int | str], chunk: int = 500
) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` (an ``IN ({})`` query) for many values, a chunk at a time."""
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(values), chunk):
        part = values[start : start + chunk]
        found += conn.execute(sql.format(",".join("?" * len(part))), part).fetchall()
    return found
