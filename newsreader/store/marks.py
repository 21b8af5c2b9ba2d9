"""Marking many articles read at once: a feed's, or all of them."""

from __future__ import annotations

import sqlite3
import time

from newsreader.store.db import transaction
from newsreader.store.outbox import queue_mark_read


class MarkStore:
    """Mark-read functions of :class:`newsreader.store.Library`."""

    conn: sqlite3.Connection

    def mark_feed_read(self, feed_id: int, *, now: float | None = None) -> int:
        """Mark every article of a feed read (the sync server too, queued); returns how many."""
        moment = time.time() if now is None else now
        with transaction(self.conn):
            changed = self.conn.execute(
                "UPDATE articles SET read = 1 WHERE read = 0 AND source_id ="
                " (SELECT source_id FROM feeds WHERE id = ?)",
                (feed_id,),
            ).rowcount
            queue_mark_read(self.conn, feed_id, moment)
        return int(changed)

    def mark_all_read(self, *, now: float | None = None) -> int:
        """Mark every article read (the sync server too, queued); returns how many."""
        moment = time.time() if now is None else now
        with transaction(self.conn):
            changed = self.conn.execute("UPDATE articles SET read = 1 WHERE read = 0").rowcount
            queue_mark_read(self.conn, None, moment)
        return int(changed)
