"""Sync state: the account, the server's ids of feeds and articles, and the outbox.

Every local action on something the server knows (a flag of a synced article,
marking a feed or everything read, subscribing, unsubscribing) is written to
``sync_outbox`` in the same transaction as the local change, by the ``queue_*``
functions of :mod:`newsreader.store.outbox` the article and feed stores call.
An action stays there until the server has taken it, so it survives a crash or
an offline week. Merging what a sync pulled is :mod:`newsreader.store.sync_merge`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from newsreader.records import Record
from newsreader.store.db import transaction
from newsreader.store.outbox import link_feed, queue_subscribe
from newsreader.store.rows import from_epoch


@dataclass(frozen=True, repr=False, eq=False)
class SyncAccount(Record):
    """The feed server this library syncs with (its password is never stored)."""

    kind: str
    url: str
    username: str
    added: datetime
    last_sync: datetime | None = None
    last_attempt: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True, repr=False, eq=False)
class PendingAction(Record):
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


class SyncStore:
    """Sync account and outbox functions of :class:`newsreader.store.Library`."""

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

    def has_refresh_sources(self) -> bool:
        """True when a refresh has something to do: a feed to fetch or an account to sync."""
        found = self.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM feeds) OR EXISTS (SELECT 1 FROM sync_account)"
        ).fetchone()
        return bool(found[0])

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
