"""The outbox of sync: local actions written in the transaction of the local change.

The article and feed stores call these functions inside their own write
transaction, so a local change and the action that tells the server about it
are committed together or not at all. Nothing is queued for articles or feeds
the server does not know, nor when the library has no account.
"""

from __future__ import annotations

import sqlite3
import time

#: The stream of every article, for marking everything read.
READING_LIST = "user/-/state/com.google/reading-list"


def has_account(conn: sqlite3.Connection) -> bool:
    """True when the library syncs with a server."""
    return conn.execute("SELECT 1 FROM sync_account").fetchone() is not None


def queue_flag(
    conn: sqlite3.Connection, article_id: int, flag: str, value: bool, now: float | None = None
) -> None:
    """Queue a read or starred change of a synced article (replacing its pending one)."""
    conn.execute("DELETE FROM sync_outbox WHERE action = ? AND article_id = ?", (flag, article_id))
    conn.execute(
        "INSERT INTO sync_outbox (action, article_id, value, queued)"
        " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM sync_items WHERE article_id = ?)",
        (flag, article_id, int(value), time.time() if now is None else now, article_id),
    )


def queue_mark_read(conn: sqlite3.Connection, feed_id: int | None, now: float) -> None:
    """Queue marking a synced feed (or, with None, everything) read on the server.

    The server marks read what it had up to the newest article this library
    holds from it, so articles it got since the last sync stay unread.
    """
    if feed_id is None:
        if not has_account(conn):
            return
        stream = READING_LIST
        newest = conn.execute("SELECT max(crawled) FROM sync_items").fetchone()[0]
    else:
        row = conn.execute("SELECT stream FROM sync_feeds WHERE feed_id = ?", (feed_id,)).fetchone()
        if row is None:
            return
        stream = row[0]
        newest = conn.execute(
            "SELECT max(crawled) FROM sync_items WHERE stream = ?", (stream,)
        ).fetchone()[0]
    if newest is None:
        return  # the server has nothing of it that this library knows
    conn.execute(
        "INSERT INTO sync_outbox (action, stream, ts, queued) VALUES ('mark_read', ?, ?, ?)",
        (stream, int(newest), now),
    )


def queue_subscribe(
    conn: sqlite3.Connection,
    feed_id: int,
    url: str,
    title: str,
    label: str | None,
    remote: str | None = None,
    now: float | None = None,
) -> None:
    """A new feed: link it to the server's ``remote`` stream, or queue subscribing to it."""
    if remote is not None:
        link_feed(conn, feed_id, remote)
        return
    if not has_account(conn):
        return
    conn.execute(
        "INSERT INTO sync_outbox (action, url, title, label, queued)"
        " VALUES ('subscribe', ?, ?, ?, ?)",
        (url, title, label, time.time() if now is None else now),
    )


def queue_unsubscribe(conn: sqlite3.Connection, feed_id: int, now: float | None = None) -> None:
    """A feed about to be removed: queue unsubscribing on the server, or drop its subscribe."""
    row = conn.execute(
        "SELECT f.url, s.stream FROM feeds f LEFT JOIN sync_feeds s ON s.feed_id = f.id"
        " WHERE f.id = ?",
        (feed_id,),
    ).fetchone()
    if row is None:
        return
    url, stream = row
    conn.execute("DELETE FROM sync_outbox WHERE action = 'subscribe' AND url = ?", (url,))
    if stream is not None:
        conn.execute(
            "INSERT INTO sync_outbox (action, stream, url, queued) VALUES ('unsubscribe', ?, ?, ?)",
            (stream, url, time.time() if now is None else now),
        )


def link_feed(conn: sqlite3.Connection, feed_id: int, stream: str) -> None:
    """Record that a local feed is the server's ``stream``."""
    conn.execute("DELETE FROM sync_feeds WHERE feed_id = ? OR stream = ?", (feed_id, stream))
    conn.execute("INSERT INTO sync_feeds (feed_id, stream) VALUES (?, ?)", (feed_id, stream))
