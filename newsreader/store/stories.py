"""Stories and what grouping needs: the term index of recent articles, term rarity,
story rows, and the small key/value state enrichment keeps in the library.

Story sizes, titles and time spans are kept by triggers (schema ``STORY_INDEX``):
moving or deleting an article updates its story, and an emptied story is removed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from newsreader.models import Story, StoryRow, StorySentence
from newsreader.store import rows
from newsreader.store.db import transaction

#: Values bound in one ``IN (...)`` list (well under SQLite's limit on variables).
_CHUNK = 500

#: Kinds of story index entries, by the clock their time is on (schema ``STORY_TERM_KINDS``):
#: a dated article's publication, an undated article's arrival, and the arrival of
#: a dated article that came long after it was published.
PUBLISHED, UNDATED, LATE_ARRIVAL = 0, 1, 2
#: (entry kinds, earliest, latest): the index entries one candidate search reads.
TermSearch = tuple[tuple[int, ...], float, float]


def _story_row(conn: sqlite3.Connection, row: tuple[Any, ...]) -> StoryRow:
    story_id, title, first_seen, last_seen, size = row
    sources = tuple(
        name
        for (name,) in conn.execute(
            "SELECT s.name FROM articles a JOIN sources s ON s.id = a.source_id"
            " WHERE a.story_id = ? GROUP BY s.id ORDER BY min(a.sort_time), s.name",
            (story_id,),
        )
    )
    return StoryRow(
        id=story_id,
        title=title,
        size=size,
        sources=sources,
        first_seen=rows.from_epoch(first_seen),  # type: ignore[arg-type]
        last_seen=rows.from_epoch(last_seen),  # type: ignore[arg-type]
    )


class _TermCounts:
    """Document counts of a batch of placements, kept in memory until written once."""

    def __init__(self, documents: int) -> None:
        self.documents = documents
        self.added_documents = 0
        #: term -> documents (0: not in the table), as read and then counted.
        self.counts: dict[str, int] = {}
        #: term -> documents added by this batch.
        self.added: dict[str, int] = {}


class StoryStore:
    """Story functions of :class:`newsreader.store.Library`."""

    conn: sqlite3.Connection
    _term_counts: _TermCounts | None = None

    @contextmanager
    def batched_term_counts(self) -> Iterator[None]:
        """Inside a transaction: keep term document counts in memory, write them at the end.

        Many placements in a row read and bump the counts of the same terms;
        :meth:`term_rarity` and :meth:`place_in_story` give the same results as
        without the batch, with one read per term and one write per term.
        Nothing is written when the block raises (the transaction rolls back).
        """
        if not self.conn.in_transaction:
            raise RuntimeError("batched_term_counts needs an open transaction")
        if self._term_counts is not None:  # nested: the outer batch writes
            yield
            return
        batch = self._term_counts = _TermCounts(int(self.get_state("indexed_documents") or 0))
        try:
            yield
            self.conn.executemany(
                "INSERT INTO term_documents (term, documents) VALUES (?, ?)"
                " ON CONFLICT (term) DO UPDATE SET documents = documents + excluded.documents",
                list(batch.added.items()),
            )
            if batch.added_documents:
                self.conn.execute(
                    "INSERT INTO enrich_state (key, value) VALUES ('indexed_documents', ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + ?",
                    (str(batch.added_documents), batch.added_documents),
                )
        finally:
            self._term_counts = None

    # -- stories ---------------------------------------------------------

    def list_stories(self, limit: int = 50, offset: int = 0) -> list[StoryRow]:
        """One page of stories, most recently reported first."""
        found = self.conn.execute(
            "SELECT id, title, first_seen, last_seen, size FROM stories"
            " ORDER BY last_seen DESC, id DESC LIMIT ? OFFSET ?",
            (limit, max(0, offset)),
        ).fetchall()
        return [_story_row(self.conn, row) for row in found]

    def count_stories(self) -> int:
        """How many stories the library holds."""
        return int(self.conn.execute("SELECT count(*) FROM stories").fetchone()[0])

    def get_story(self, story_id: int) -> Story | None:
        """A whole story: its row, its reports newest first and its stored summary."""
        row = self.conn.execute(
            "SELECT id, title, first_seen, last_seen, size FROM stories WHERE id = ?",
            (story_id,),
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
        return Story(row=_story_row(self.conn, row), articles=articles, summary=summary)

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

    # -- grouping --------------------------------------------------------

    def grouping_input(
        self, article_id: int
    ) -> tuple[str, str, float, int | None, float | None, float] | None:
        """(title, text, sort time, story id, published, added) of one article, or None."""
        row: tuple[str, str, float, int | None, float | None, float] | None = self.conn.execute(
            "SELECT title, text, sort_time, story_id, published, added FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        return row

    def is_indexed(self, article_id: int) -> bool:
        """True when the article's terms are already in the story index."""
        return (
            self.conn.execute(
                "SELECT 1 FROM story_terms WHERE article_id = ? LIMIT 1", (article_id,)
            ).fetchone()
            is not None
        )

    def term_rarity(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        """(articles indexed, documents per term) for the given terms."""
        batch = self._term_counts
        if batch is not None:
            counts = batch.counts
            unread = [term for term in dict.fromkeys(terms) if term not in counts]
            if unread:
                _, read = self._read_term_documents(unread)
                for term in unread:
                    counts[term] = read.get(term, 0)
            return batch.documents, {
                term: counts[term] for term in dict.fromkeys(terms) if counts[term]
            }
        return self._read_term_documents(terms)

    def _read_term_documents(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        total = int(self.get_state("indexed_documents") or 0)
        wanted = list(dict.fromkeys(terms))
        found: dict[str, int] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            found.update(
                self.conn.execute(
                    "SELECT term, documents FROM term_documents"
                    f" WHERE term IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
            )
        return total, {term: found[term] for term in wanted if term in found}

    def story_candidates(
        self, weights: dict[str, float], searches: list[TermSearch], exclude: int
    ) -> dict[int, float]:
        """Dot products of ``weights`` with the articles the ``searches`` meet.

        Each search is (index entry kinds, earliest, latest). Only articles sharing
        a term are met; an article indexed under two times that are both searched
        counts once per term. The sums are made by SQLite: what comes back is one
        row per article met, not one per shared term.
        """
        if not weights or not searches:
            return {}
        kinds = {kind for search in searches for kind in search[0]}
        twice = PUBLISHED in kinds and LATE_ARRIVAL in kinds
        values = ",".join("(?, ?)" for _ in weights)
        branches = " UNION ALL ".join(
            "SELECT st.article_id, st.term, q.weight * st.weight AS w FROM q"
            " JOIN story_terms st ON st.term = q.term"
            f" AND st.kind IN ({','.join(str(int(k)) for k in search_kinds)})"
            " AND st.sort_time BETWEEN ? AND ?"
            for search_kinds, _, _ in searches
        )
        met = (
            f"SELECT article_id, max(w) AS w FROM ({branches}) GROUP BY article_id, term"
            if twice
            else branches
        )
        query = (
            f"WITH q (term, weight) AS (VALUES {values})"
            f" SELECT article_id, sum(w) FROM ({met}) WHERE article_id != ? GROUP BY article_id"
        )
        bound: list[object] = [item for pair in weights.items() for item in pair]
        for _, low, high in searches:
            bound += [low, high]
        bound.append(exclude)
        return dict(self.conn.execute(query, bound).fetchall())

    def article_placement(
        self, article_ids: Iterable[int]
    ) -> dict[int, tuple[int | None, float | None, float]]:
        """(story id, published, added) of each given article."""
        wanted = list(dict.fromkeys(article_ids))
        rows_by_id: dict[int, tuple[int | None, float | None, float]] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            for article_id, story_id, published, added in self.conn.execute(
                "SELECT id, story_id, published, added FROM articles"
                f" WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                rows_by_id[article_id] = (story_id, published, added)
        return {a: rows_by_id[a] for a in wanted if a in rows_by_id}

    def place_in_story(
        self,
        article_id: int,
        story_id: int | None,
        rewrite_of: int | None,
        sort_time: float,
        weights: dict[str, float],
        terms: Iterable[str],
        arrival: float | None = None,
    ) -> int:
        """Index the article's terms and put it in a story (a new one when None).

        With ``arrival``, the terms are indexed under that time too (an old article
        arriving now, which reports that arrive with it may match). Returns the
        story id. One transaction: the article is indexed and placed, or neither.
        """
        with transaction(self.conn):
            exists = self.conn.execute(
                "SELECT title, published FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if exists is None:
                raise LookupError(f"no article {article_id}")
            if not self.is_indexed(article_id):
                distinct = set(terms)
                batch = self._term_counts
                if batch is None:
                    self.conn.executemany(
                        "INSERT INTO term_documents (term, documents) VALUES (?, 1)"
                        " ON CONFLICT (term) DO UPDATE SET documents = documents + 1",
                        [(term,) for term in distinct],
                    )
                    self._bump_state("indexed_documents")
                else:
                    self.term_rarity(distinct)  # counts read before they are bumped
                    for term in distinct:
                        batch.counts[term] += 1
                        batch.added[term] = batch.added.get(term, 0) + 1
                    batch.documents += 1
                    batch.added_documents += 1
                kind = PUBLISHED if exists[1] is not None else UNDATED
                entries = [(term, kind, sort_time, article_id, w) for term, w in weights.items()]
                if arrival is not None and arrival != sort_time:
                    entries += [
                        (term, LATE_ARRIVAL, arrival, article_id, w) for term, w in weights.items()
                    ]
                self.conn.executemany(
                    "INSERT OR REPLACE INTO story_terms (term, kind, sort_time, article_id, weight)"
                    " VALUES (?, ?, ?, ?, ?)",
                    entries,
                )
            if (
                story_id is not None
                and self.conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone()
                is None
            ):
                story_id = None
            if story_id is None:
                cursor = self.conn.execute(
                    "INSERT INTO stories (title, first_seen, last_seen, size) VALUES (?, ?, ?, 0)",
                    (exists[0], sort_time, sort_time),
                )
                story_id = int(cursor.lastrowid or 0)
            self.conn.execute(
                "UPDATE articles SET story_id = ?, rewrite_of = ? WHERE id = ?",
                (story_id, rewrite_of if rewrite_of != article_id else None, article_id),
            )
            return story_id

    def bulk_index(self, items: Iterable[tuple[int, float, dict[str, float]]]) -> None:
        """Index many articles at once, each in a story of its own (benchmarks, rebuilds).

        ``items`` are (article id, sort time, term weights); the caller vouches that
        the articles exist and are not indexed yet.
        """
        with transaction(self.conn):
            count = 0
            for article_id, sort_time, weights in items:
                count += 1
                self.conn.executemany(
                    "INSERT INTO term_documents (term, documents) VALUES (?, 1)"
                    " ON CONFLICT (term) DO UPDATE SET documents = documents + 1",
                    [(term,) for term in weights],
                )
                dated = self.conn.execute(
                    "SELECT published IS NOT NULL FROM articles WHERE id = ?", (article_id,)
                ).fetchone()[0]
                kind = PUBLISHED if dated else UNDATED
                self.conn.executemany(
                    "INSERT OR REPLACE INTO story_terms (term, kind, sort_time, article_id, weight)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [(term, kind, sort_time, article_id, w) for term, w in weights.items()],
                )
                cursor = self.conn.execute(
                    "INSERT INTO stories (title, first_seen, last_seen, size)"
                    " SELECT title, sort_time, sort_time, 0 FROM articles WHERE id = ?",
                    (article_id,),
                )
                self.conn.execute(
                    "UPDATE articles SET story_id = ? WHERE id = ?", (cursor.lastrowid, article_id)
                )
            self.conn.execute(
                "INSERT INTO enrich_state (key, value) VALUES ('indexed_documents', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + ?",
                (str(count), count),
            )

    def merge_stories(self, target: int, others: Iterable[int]) -> None:
        """Move every report of ``others`` into story ``target`` (emptied stories go)."""
        with transaction(self.conn):
            for other in others:
                if other != target:
                    self.conn.execute(
                        "UPDATE articles SET story_id = ? WHERE story_id = ?", (target, other)
                    )

    def unplaced_articles(self) -> list[int]:
        """Ids of articles in no story yet, oldest first (for a re-run)."""
        return [
            article_id
            for (article_id,) in self.conn.execute(
                "SELECT id FROM articles WHERE story_id IS NULL ORDER BY sort_time, id"
            )
        ]

    # -- enrichment state and topic inputs -------------------------------

    def get_state(self, key: str) -> str | None:
        """A value enrichment kept in the library (rules fingerprint, learned model)."""
        row = self.conn.execute("SELECT value FROM enrich_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        """Keep a value for :meth:`get_state`."""
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO enrich_state (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def _bump_state(self, key: str) -> None:
        self.conn.execute(
            "INSERT INTO enrich_state (key, value) VALUES (?, '1')"
            " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
            (key,),
        )

    def iter_article_texts(
        self, batch: int = 500, newest: int | None = None
    ) -> Iterator[tuple[int, str, str, str]]:
        """(id, source name, title, text) of every article (or the ``newest`` N), in id order."""
        last = 0
        if newest is not None:
            row = self.conn.execute(
                "SELECT id FROM articles ORDER BY id DESC LIMIT 1 OFFSET ?", (max(0, newest),)
            ).fetchone()
            last = row[0] if row else 0
        while True:
            found = self.conn.execute(
                "SELECT a.id, s.name, a.title, a.text FROM articles a"
                " JOIN sources s ON s.id = a.source_id WHERE a.id > ? ORDER BY a.id LIMIT ?",
                (last, batch),
            ).fetchall()
            if not found:
                return
            yield from found
            last = found[-1][0]

    def article_source(self, article_id: int) -> str | None:
        """The source name of one article."""
        row = self.conn.execute(
            "SELECT s.name FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return row[0] if row else None

    def topic_origin_count(self, origin: str) -> int:
        """How many (article, topic) pairs of one origin exist."""
        return int(
            self.conn.execute(
                "SELECT count(*) FROM article_topics WHERE origin = ?", (origin,)
            ).fetchone()[0]
        )

    def articles_with_topic_origin(self, origin: str, topic: str) -> list[int]:
        """Ids of articles given ``topic`` by ``origin``."""
        return [
            article_id
            for (article_id,) in self.conn.execute(
                "SELECT at.article_id FROM article_topics at JOIN topics t ON t.id = at.topic_id"
                " WHERE at.origin = ? AND t.name = ? ORDER BY at.article_id",
                (origin, topic),
            )
        ]

    def story_members(self) -> list[tuple[int, int | None]]:
        """(article id, story id) of every article (for checks and benchmarks)."""
        return self.conn.execute("SELECT id, story_id FROM articles ORDER BY id").fetchall()

    def story_rows_raw(self) -> list[tuple[int, str, int, float, float]]:
        """(id, title, size, first_seen, last_seen) of every story (for checks)."""
        return self.conn.execute(
            "SELECT id, title, size, first_seen, last_seen FROM stories ORDER BY id"
        ).fetchall()
