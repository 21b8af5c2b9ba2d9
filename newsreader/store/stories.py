"""Stories as the reader sees them: rows, reports and stored summaries.

Story sizes, titles and time spans are kept by triggers (schema ``STORY_INDEX``):
moving or deleting an article updates its story, and an emptied story is removed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from newsreader.models import Story, StoryRow, StorySentence
from newsreader.store import rows
from newsreader.store.db import transaction

#: Values bound in one ``IN (...)`` list (well under SQLite's limit on variables).
_CHUNK = 500


#: The columns of a story row, in the order :func:`_story_rows` reads them.
_STORY_COLUMNS = "id, title, first_seen, last_seen, size"


def _story_rows(conn: sqlite3.Connection, found: list[tuple[Any, ...]]) -> list[StoryRow]:
    """Story rows from (id, title, first_seen, last_seen, size) tuples, each with its
    outlets in the order they first reported it (one query for them all)."""
    sources: dict[int, list[str]] = {}
    ids = [row[0] for row in found]
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for story_id, name in conn.execute(
            "SELECT a.story_id, s.name FROM articles a JOIN sources s ON s.id = a.source_id"
            f" WHERE a.story_id IN ({','.join('?' * len(chunk))})"
            " GROUP BY a.story_id, s.id ORDER BY a.story_id, min(a.sort_time), s.name",
            chunk,
        ):
            sources.setdefault(story_id, []).append(name)
    return [
        StoryRow(
            id=story_id,
            title=title,
            size=size,
            sources=tuple(sources.get(story_id, ())),
            first_seen=rows.from_epoch(first_seen),  # type: ignore[arg-type]
            last_seen=rows.from_epoch(last_seen),  # type: ignore[arg-type]
        )
        for story_id, title, first_seen, last_seen, size in found
    ]


class StoryStore:
    """Story functions of :class:`newsreader.store.Library`."""

    conn: sqlite3.Connection

    # -- stories ---------------------------------------------------------

    def list_stories(self, limit: int = 50, offset: int = 0) -> list[StoryRow]:
        """One page of stories, most recently reported first."""
        found = self.conn.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories"
            " ORDER BY last_seen DESC, id DESC LIMIT ? OFFSET ?",
            (limit, max(0, offset)),
        ).fetchall()
        return _story_rows(self.conn, found)

    def list_stories_after(self, after: StoryRow, limit: int = 50) -> list[StoryRow] | None:
        """The stories that follow ``after`` in :meth:`list_stories` order.

        Keyset paging: a page costs the same at any depth, where an OFFSET walks
        every story before it. None when ``after`` is gone or has moved since it was
        read (a new report), as its place is then unknown: the caller pages by offset.
        """
        key = self.conn.execute(
            "SELECT last_seen FROM stories WHERE id = ?", (after.id,)
        ).fetchone()
        if key is None or rows.from_epoch(key[0]) != after.last_seen:
            return None
        found = self.conn.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories WHERE (last_seen, id) < (?, ?)"
            " ORDER BY last_seen DESC, id DESC LIMIT ?",
            (key[0], after.id, limit),
        ).fetchall()
        return _story_rows(self.conn, found)

    def count_stories(self) -> int:
        """How many stories the library holds (a kept counter: the same cost at any size)."""
        return int(self.conn.execute("SELECT stories FROM totals").fetchone()[0])

    def get_story(self, story_id: int) -> Story | None:
        """A whole story: its row, its reports newest first and its stored summary."""
        row = self.conn.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if row is None:
            return None
        articles = tuple(
            rows.article_row(found)
            for found in self.conn.execute(
                f"SELECT {rows.ROW_COLUMNS} FROM articles a JOIN sources s ON s.id = a.source_id"
                " WHERE a.story_id = ? ORDER BY a.sort_time DESC, a.id DESC",
                (story_id,),
            )
        )
        summary = self.story_summary(story_id)
        return Story(row=_story_rows(self.conn, [row])[0], articles=articles, summary=summary)

    def story_summary(self, story_id: int) -> tuple[StorySentence, ...]:
        """The stored summary of a story (empty until one is made)."""
        row = self.conn.execute("SELECT summary FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None or not row[0]:
            return ()
        return tuple(StorySentence(t, int(a), s) for t, a, s in json.loads(row[0]))

    def store_story_summary(self, story_id: int, sentences: Iterable[StorySentence]) -> None:
        """Keep a story's summary (it is cleared whenever the story changes)."""
        payload = json.dumps(
            [[s.text, s.article_id, s.source] for s in sentences], ensure_ascii=False
        )
        with transaction(self.conn):
            self.conn.execute("UPDATE stories SET summary = ? WHERE id = ?", (payload, story_id))

    def unsummarised_stories(self, story_ids: Iterable[int]) -> list[int]:
        """Those of ``story_ids`` with two reports or more and no summary yet, in order."""
        wanted = sorted(set(story_ids))
        found: list[int] = []
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            found += [
                story_id
                for (story_id,) in self.conn.execute(
                    "SELECT id FROM stories WHERE size > 1 AND summary IS NULL"
                    f" AND id IN ({','.join('?' * len(chunk))}) ORDER BY id",
                    chunk,
                )
            ]
        return found

    def newest_reports(self, story_id: int, limit: int) -> list[tuple[int, str, float]]:
        """(article id, source, sort time) of a story's ``limit`` newest reports, newest first."""
        return self.conn.execute(
            "SELECT a.id, s.name, a.sort_time FROM articles a"
            " JOIN sources s ON s.id = a.source_id WHERE a.story_id = ?"
            " ORDER BY a.sort_time DESC, a.id DESC LIMIT ?",
            (story_id, limit),
        ).fetchall()

    def report_sentences(self, article_ids: Iterable[int]) -> dict[int, list[str]]:
        """The stored candidate sentences of each given report that has been split."""
        wanted = list(dict.fromkeys(article_ids))
        found: dict[int, list[str]] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            for article_id, position, sentence in self.conn.execute(
                "SELECT article_id, position, sentence FROM report_sentences WHERE article_id"
                f" IN ({','.join('?' * len(chunk))}) ORDER BY article_id, position",
                chunk,
            ):
                found.setdefault(article_id, [])
                if position >= 0:
                    found[article_id].append(sentence)
        return found

    def store_report_sentences(self, article_id: int, sentences: list[str]) -> None:
        """Keep a report's candidate sentences (none: it was split and has nothing to offer)."""
        self.store_report_sentences_of({article_id: sentences})

    def store_report_sentences_of(self, sentences: Mapping[int, list[str]]) -> None:
        """Keep the candidate sentences of several reports, replacing what was kept of
        them (those no longer stored are skipped)."""
        rows_ = [
            (article_id, n, text, article_id)
            for article_id, found in sentences.items()
            for n, text in (enumerate(found) if found else [(-1, "")])
        ]
        with transaction(self.conn):
            self.conn.executemany(
                "DELETE FROM report_sentences WHERE article_id = ?", [(a,) for a in sentences]
            )
            self.conn.executemany(
                "INSERT INTO report_sentences (article_id, position, sentence)"
                " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
                rows_,
            )

    def story_texts(self, story_id: int) -> list[tuple[int, str, str, str]]:
        """(article id, source, title, text) of a story's reports, oldest first."""
        return self.conn.execute(
            "SELECT a.id, s.name, a.title, a.text FROM articles a"
            " JOIN sources s ON s.id = a.source_id WHERE a.story_id = ?"
            " ORDER BY a.sort_time, a.id",
            (story_id,),
        ).fetchall()

    def rewrite_of(self, article_id: int) -> int | None:
        """The article this one rewrites, if it was found to be a rewrite."""
        row = self.conn.execute(
            "SELECT rewrite_of FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def story_members(self) -> list[tuple[int, int | None]]:
        """(article id, story id) of every article (for checks and benchmarks)."""
        return self.conn.execute("SELECT id, story_id FROM articles ORDER BY id").fetchall()

    def story_rows_raw(self) -> list[tuple[int, str, int, float, float]]:
        """(id, title, size, first_seen, last_seen) of every story (for checks)."""
        return self.conn.execute(
            "SELECT id, title, size, first_seen, last_seen FROM stories ORDER BY id"
        ).fetchall()
