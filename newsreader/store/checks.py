"""Consistency checks of the library file (read-only)."""

from __future__ import annotations

import sqlite3


class CheckStore:
    """Consistency-check functions of :class:`newsreader.store.Library`."""

    conn: sqlite3.Connection

    def consistency_problems(self) -> list[str]:
        """What is wrong with the library, one line each; empty when all is well.

        Checks SQLite's own integrity, foreign keys, that the kept counters
        match the rows, and that the full-text index holds every article and
        nothing else.
        """
        problems = [
            f"integrity: {row[0]}"
            for row in self.conn.execute("PRAGMA integrity_check")
            if row[0] != "ok"
        ]
        problems += [
            f"foreign key: {table} row {rowid} points to a missing {parent}"
            for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check")
        ]
        counted = self.conn.execute(
            "SELECT count(*), coalesce(sum(1 - read), 0), coalesce(sum(starred), 0) FROM articles"
        ).fetchone()
        kept = self.conn.execute("SELECT articles, unread, starred FROM totals").fetchone()
        if tuple(counted) != tuple(kept):
            problems.append(f"totals: counters say {tuple(kept)}, rows say {tuple(counted)}")
        stories = self.conn.execute(
            "SELECT (SELECT stories FROM totals), (SELECT count(*) FROM stories)"
        ).fetchone()
        if stories[0] != stories[1]:
            problems.append(f"totals: {stories[0]} stories counted, {stories[1]} stored")
        for name, kept_total, kept_unread, total, unread in self.conn.execute(
            "SELECT t.name, c.total, c.unread, count(at.article_id),"
            " coalesce(sum(1 - a.read), 0) FROM topics t JOIN topic_counts c ON c.topic_id = t.id"
            " LEFT JOIN article_topics at ON at.topic_id = t.id"
            " LEFT JOIN articles a ON a.id = at.article_id GROUP BY t.id"
        ):
            if (kept_total, kept_unread) != (total, unread):
                problems.append(
                    f"topic {name!r}: counters say {kept_total}/{kept_unread},"
                    f" rows say {total}/{unread}"
                )
        missing = self.conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM articles_fts_docsize d WHERE d.id = a.id)"
        ).fetchone()[0]
        extra = self.conn.execute(
            "SELECT count(*) FROM articles_fts_docsize d WHERE NOT EXISTS"
            " (SELECT 1 FROM articles a WHERE a.id = d.id)"
        ).fetchone()[0]
        if missing or extra:
            problems.append(f"search index: {missing} articles missing, {extra} stale entries")
        empty = self.conn.execute(
            "SELECT count(*) FROM articles WHERE trim(title) = '' OR trim(text) = ''"
        ).fetchone()[0]
        if empty:
            problems.append(f"articles: {empty} without a title or text")
        return problems
