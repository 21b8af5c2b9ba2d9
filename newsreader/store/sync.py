"""Sync state: the account, the server's ids of feeds and articles, and the outbox.

Every local action on something the server knows (a flag of a synced article,
marking a feed or everything read, subscribing, unsubscribing) is written to
``sync_outbox`` in the same transaction as the local change, by the ``queue_*``
functions the article and feed stores call. An action stays there until the
server has taken it, so it survives a crash or an offline week.

:meth:`SyncStore.apply_pull` merges what a sync pulled in one transaction: a
pending local action wins over the server for that article and flag; what the
server says wins otherwise.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsreader.models import NewArticle
from newsreader.store.articles import ArticleStore
from newsreader.store.db import transaction
from newsreader.store.feeds import FeedStore
from newsreader.store.outbox import READING_LIST, link_feed, queue_flag, queue_subscribe
from newsreader.store.rows import from_epoch


@dataclass(frozen=True)
class SyncAccount:
    """The feed server this library syncs with (its password is never stored)."""

    kind: str
    url: str
    username: str
    added: datetime
    last_sync: datetime | None = None
    last_attempt: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True)
class PendingAction:
    """One action of the outbox, with the server ids it applies to."""

    seq: int
    action: str
    value: bool | None = None
    #: The server's ids of the article (flags).
    items: tuple[int, ...] = ()
    stream: str | None = None
    url: str | None = None
    title: str | None = None
    label: str | None = None
    #: Microseconds: mark read what the server had up to then.
    ts: int | None = None
    feed_id: int | None = None


@dataclass(frozen=True)
class RemoteFeed:
    """A subscription as the server lists it."""

    stream: str
    url: str
    title: str
    site_url: str | None = None
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class RemoteItem:
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


class SyncStore(ArticleStore, FeedStore):
    """Sync functions of :class:`newsreader.store.Library`."""

    conn: sqlite3.Connection

    # -- the account -------------------------------------------------------

    def sync_account(self) -> SyncAccount | None:
        """The account this library syncs with, or None."""
        row = self.conn.execute(
            "SELECT kind, url, username, added, last_sync, last_attempt, last_error"
            " FROM sync_account"
        ).fetchone()
        if row is None:
            return None
        return SyncAccount(
            kind=row[0],
            url=row[1],
            username=row[2],
            added=from_epoch(row[3]) or datetime.now(),
            last_sync=from_epoch(row[4]),
            last_attempt=from_epoch(row[5]),
            last_error=row[6],
        )

    def set_sync_account(
        self, kind: str, url: str, username: str, *, now: float | None = None
    ) -> int:
        """Sync with this server from now on; returns how many local feeds are queued for it.

        Another account's ids and outbox are forgotten. Every local feed the server
        does not have yet is queued to be subscribed to there.
        """
        moment = time.time() if now is None else now
        with transaction(self.conn):
            current = self.sync_account()
            if current is None or (current.url, current.username) != (url, username):
                self._forget_sync()
            self.conn.execute(
                "INSERT OR REPLACE INTO sync_account (id, kind, url, username, added)"
                " VALUES (1, ?, ?, ?, ?)",
                (kind, url, username, moment),
            )
            found = self.conn.execute(
                "SELECT f.id, f.url, f.title, f.topic FROM feeds f WHERE NOT EXISTS"
                " (SELECT 1 FROM sync_feeds s WHERE s.feed_id = f.id) AND NOT EXISTS"
                " (SELECT 1 FROM sync_outbox o WHERE o.action = 'subscribe' AND o.url = f.url)"
            ).fetchall()
            for feed_id, feed_url, title, topic in found:
                queue_subscribe(self.conn, feed_id, feed_url, title, topic, now=moment)
        return len(found)

    def remove_sync_account(self) -> int:
        """Stop syncing; returns how many unsent actions were dropped. Articles stay."""
        with transaction(self.conn):
            dropped = self.conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
            self._forget_sync()
            self.conn.execute("DELETE FROM sync_account")
        return int(dropped)

    def _forget_sync(self) -> None:
        for table in ("sync_outbox", "sync_items", "sync_feeds"):
            self.conn.execute(f"DELETE FROM {table}")

    def record_sync(self, error: str | None, *, now: float | None = None) -> None:
        """Record a sync attempt: a success (no error) or why it failed."""
        moment = time.time() if now is None else now
        with transaction(self.conn):
            if error is None:
                self.conn.execute(
                    "UPDATE sync_account SET last_sync = ?, last_attempt = ?, last_error = NULL",
                    (moment, moment),
                )
            else:
                self.conn.execute(
                    "UPDATE sync_account SET last_attempt = ?, last_error = ?", (moment, error)
                )

    # -- what is synced ----------------------------------------------------

    def synced_feeds(self) -> dict[int, str]:
        """Local feed id -> the server's stream id, for every feed the server has."""
        found = self.conn.execute("SELECT feed_id, stream FROM sync_feeds").fetchall()
        return {int(feed_id): str(stream) for feed_id, stream in found}

    def known_items(self) -> set[int]:
        """Every server item id this library holds an article for."""
        return {int(item) for (item,) in self.conn.execute("SELECT item FROM sync_items")}

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

    def pending_count(self) -> int:
        """Local actions not yet sent to the server."""
        return int(self.conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0])

    def pending_actions(self) -> list[PendingAction]:
        """The outbox in the order the actions were taken."""
        found = self.conn.execute(
            "SELECT o.seq, o.action, o.value, o.stream, o.url, o.title, o.label, o.ts,"
            " (SELECT group_concat(i.item) FROM sync_items i WHERE i.article_id = o.article_id),"
            " (SELECT f.id FROM feeds f WHERE f.url = o.url)"
            " FROM sync_outbox o ORDER BY o.seq"
        ).fetchall()
        return [
            PendingAction(
                seq=row[0],
                action=row[1],
                value=None if row[2] is None else bool(row[2]),
                items=tuple(int(i) for i in row[8].split(",")) if row[8] else (),
                stream=row[3],
                url=row[4],
                title=row[5],
                label=row[6],
                ts=row[7],
                feed_id=row[9],
            )
            for row in found
        ]

    def drop_actions(self, seqs: Iterable[int]) -> None:
        """Forget actions the server has taken (or will never take)."""
        chosen = [(seq,) for seq in seqs]
        if chosen:
            with transaction(self.conn):
                self.conn.executemany("DELETE FROM sync_outbox WHERE seq = ?", chosen)

    def link_subscribed(self, feed_id: int, stream: str) -> None:
        """A queued subscription the server took: the feed is its ``stream`` now."""
        with transaction(self.conn):
            link_feed(self.conn, feed_id, stream)

    # -- merging a pull ----------------------------------------------------

    def apply_pull(
        self,
        feeds: list[RemoteFeed],
        items: list[RemoteItem],
        unread: Iterable[int],
        starred: Iterable[int],
        *,
        now: float | None = None,
    ) -> MergeResult:
        """Merge the server's subscriptions, new articles and flags, all or nothing.

        ``unread`` and ``starred`` are every id the server lists in those states.
        Articles matching a new item by link in its feed (a feed subscribed again,
        or fetched before the account was added) are matched, not stored twice.
        """
        moment = time.time() if now is None else now
        result = MergeResult()
        with transaction(self.conn):
            streams = self._merge_feeds(feeds, result)
            matched = self._merge_items(items, streams, result, moment)
            self.conn.execute(
                "DELETE FROM sync_items WHERE stream NOT IN (SELECT stream FROM sync_feeds)"
            )
            self._merge_flags(unread, starred, matched, result, moment)
        return result

    def _merge_feeds(self, feeds: list[RemoteFeed], result: MergeResult) -> dict[str, int]:
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
    conn: sqlite3.Connection, sql: str, values: list[int], chunk: int = 500
) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` (an ``IN ({})`` query) for many values, a chunk at a time."""
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(values), chunk):
        part = values[start : start + chunk]
        found += conn.execute(sql.format(",".join("?" * len(part))), part).fetchall()
    return found
