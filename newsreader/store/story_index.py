"""What story grouping reads and writes: the term index of articles by time, the
reports of candidate stories, and placing an article in a story (term rarity is
:mod:`newsreader.store.story_terms`, the candidate search
:mod:`newsreader.store.story_search`).

Every read here is bounded by its arguments, not by the library's size: a
candidate search reads at most a given number of index entries per term on
each side of a point in time, and a story's reports are read nearest in time
first, a given number of them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from itertools import islice
from typing import Any, NamedTuple

from newsreader.store.db import transaction
from newsreader.store.story_search import LATE_ARRIVAL as LATE_ARRIVAL
from newsreader.store.story_search import PUBLISHED as PUBLISHED
from newsreader.store.story_search import UNDATED as UNDATED
from newsreader.store.story_search import StorySearchStore
from newsreader.store.story_terms import rows_in
from newsreader.store.story_vectors import pack_vector, unpack_vector

#: The reports of each story of a JSON list nearest in time to ?2 (sort time), at most ?3
#: on each side: one statement whatever the number of stories.
_REPORTS_NEAR = (
    "SELECT a.id, story.value, a.published, a.added, a.sort_time,"
    " CASE WHEN s.kind = 'feed' THEN s.id END FROM json_each(?1) story"
    " JOIN articles a ON a.id IN (SELECT id FROM (SELECT id FROM articles"
    " WHERE story_id = story.value AND sort_time <= ?2 ORDER BY sort_time DESC LIMIT ?3)"
    " UNION ALL SELECT id FROM (SELECT id FROM articles WHERE story_id = story.value"
    " AND sort_time > ?2 ORDER BY sort_time LIMIT ?3))"
    " JOIN sources s ON s.id = a.source_id"
)
#: The story of each article of a JSON list that is in one (a join from the list reads
#: each article once: quicker than an ``IN`` list, which SQLite first sorts).
_HOMES = (
    "SELECT a.id, a.story_id FROM json_each(?) wanted JOIN articles a ON a.id = wanted.value"
    " WHERE a.story_id IS NOT NULL"
)
#: An article is indexed under its heaviest this many terms: a later article searching
#: by its own heaviest terms meets it when they share one of these. (Its vector, which
#: comparisons read, keeps all its terms.)
INDEXED_TERMS = 12
#: Report vectors a library remembers once read (a few megabytes): the reports a new
#: article is compared with are mostly those the articles before it were compared with.
REMEMBERED_VECTORS = 5000


class Report(NamedTuple):
    """A report of a story as grouping compares it."""

    article_id: int
    story_id: int
    published: float | None
    added: float
    sort_time: float
    #: The feed it came from (None: imported, the outlet not known).
    outlet: int | None


class PlacementInput(NamedTuple):
    """What placing one article reads of it."""

    title: str
    text: str
    sort_time: float
    story_id: int | None
    published: float | None
    added: float
    #: The feed it came from (None: imported, the outlet not known).
    outlet: int | None


class StoryIndexStore(StorySearchStore):
    """Story grouping functions of :class:`newsreader.store.Library`."""

    conn: sqlite3.Connection

    def grouping_input(
        self, article_id: int
    ) -> tuple[str, str, float, int | None, float | None, float] | None:
        """(title, text, sort time, story id, published, added) of one article, or None."""
        row: tuple[str, str, float, int | None, float | None, float] | None = self.conn.execute(
            "SELECT title, text, sort_time, story_id, published, added FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        return row

    def placement_input(self, article_id: int) -> PlacementInput | None:
        """What placing the article in a story needs of it, or None when it is gone."""
        row = self.conn.execute(
            "SELECT a.title, a.text, a.sort_time, a.story_id, a.published, a.added,"
            " CASE WHEN s.kind = 'feed' THEN s.id END"
            " FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return PlacementInput(*row) if row else None

    def is_indexed(self, article_id: int) -> bool:
        """True when the article's terms are already in the story index."""
        return (
            self.conn.execute(
                "SELECT 1 FROM story_vectors WHERE article_id = ?", (article_id,)
            ).fetchone()
            is not None
        )

    def article_homes(self, article_ids: Iterable[int]) -> dict[int, int]:
        """The story of each given article that is in one."""
        wanted = list(dict.fromkeys(article_ids))
        if not wanted:
            return {}
        return dict(self.conn.execute(_HOMES, (json.dumps(wanted),)))

    def reports_near(self, story_ids: Iterable[int], when: float, limit: int) -> list[Report]:
        """Up to ``limit`` reports of each story, those nearest to ``when`` (sort time),
        story by story in the order given, nearest first."""
        wanted = list(dict.fromkeys(story_ids))
        if not wanted:
            return []
        by_story: dict[int, list[tuple[Any, ...]]] = {story_id: [] for story_id in wanted}
        for row in self.conn.execute(_REPORTS_NEAR, (json.dumps(wanted), when, limit)):
            by_story[row[1]].append(row)
        found: list[Report] = []
        for rows in by_story.values():
            rows.sort(key=lambda row: (abs(row[4] - when), row[0]))
            found += [Report(*row) for row in rows[:limit]]
        return found

    def article_vectors(self, article_ids: Iterable[int]) -> dict[int, dict[str, float]]:
        """The indexed term weights (unit vectors) of the given articles."""
        wanted = list(dict.fromkeys(article_ids))
        vectors: dict[int, dict[str, float]] = {a: {} for a in wanted}
        query = "SELECT article_id, vector FROM story_vectors WHERE article_id IN ({})"
        for article_id, vector in rows_in(self.conn, query, wanted):
            vectors[article_id] = unpack_vector(vector)
        return vectors

    def report_vectors(self, reports: Iterable[Report]) -> dict[int, dict[str, float]]:
        """:meth:`article_vectors` of the given reports, the recently read remembered.

        A report's vector is written once, when it is indexed; it is remembered by
        its id with its arrival and sort time, so an id used again by a later
        article is not mistaken for the old one.
        """
        known = self._vector_memory()
        vectors: dict[int, dict[str, float]] = {}
        unread: dict[int, tuple[int, float, float]] = {}
        for report in reports:
            key = (report.article_id, report.added, report.sort_time)
            found = known.get(key)
            if found is None:
                unread[report.article_id] = key
            else:
                vectors[report.article_id] = found
        if unread:
            for article_id, vector in self.article_vectors(unread).items():
                vectors[article_id] = vector
                self._remember_vector(unread[article_id], vector)
        return vectors

    def _vector_memory(self) -> dict[tuple[int, float, float], dict[str, float]]:
        memory: dict[tuple[int, float, float], dict[str, float]] | None = self.__dict__.get(
            "_vectors_read"
        )
        if memory is None:
            memory = self.__dict__["_vectors_read"] = {}
        return memory

    def _remember_vector(self, key: tuple[int, float, float], vector: dict[str, float]) -> None:
        memory = self._vector_memory()
        if len(memory) >= REMEMBERED_VECTORS:
            for old in list(memory)[: REMEMBERED_VECTORS // 4]:  # the oldest quarter goes
                del memory[old]
        memory[key] = vector

    def _store_vector(self, article_id: int, weights: dict[str, float]) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO story_vectors (article_id, vector) VALUES (?, ?)",
            (article_id, pack_vector(weights)),
        )

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

        ``weights`` are its term vector, heaviest first: it is kept whole, and the
        article is indexed under the first :data:`INDEXED_TERMS`. With ``arrival``,
        they are indexed under that time too (an old article arriving now, which
        reports that arrive with it may match). Returns the story id. One
        transaction: the article is indexed and placed, or neither.
        """
        with transaction(self.conn):
            exists = self.conn.execute(
                "SELECT title, published,"
                " EXISTS (SELECT 1 FROM story_vectors WHERE article_id = articles.id),"
                " EXISTS (SELECT 1 FROM stories WHERE id = ?), added, sort_time, rewrite_of"
                " FROM articles WHERE id = ?",
                (story_id, article_id),
            ).fetchone()
            if exists is None:
                raise LookupError(f"no article {article_id}")
            if not exists[2]:  # not indexed yet
                self._count_terms(set(terms))
                kind = PUBLISHED if exists[1] is not None else UNDATED
                top = list(islice(weights.items(), INDEXED_TERMS))
                entries = [(term, kind, sort_time, article_id, w) for term, w in top]
                if arrival is not None and arrival != sort_time:
                    entries += [(term, LATE_ARRIVAL, arrival, article_id, w) for term, w in top]
                self.conn.executemany(
                    "INSERT OR REPLACE INTO story_terms (term, kind, sort_time, article_id, weight)"
                    " VALUES (?, ?, ?, ?, ?)",
                    entries,
                )
                self._store_vector(article_id, weights)
                # the next articles are compared with this one, most likely
                self._remember_vector((article_id, exists[4], exists[5]), weights)
                if self._term_counts is None:
                    self._kept_recent = None  # not noted: the next batch reads them
                else:
                    self._term_counts.note_entry(kind, article_id, sort_time)
                    if arrival is not None and arrival != sort_time:
                        self._term_counts.note_entry(LATE_ARRIVAL, article_id, arrival)
            if not exists[3]:  # no such story (any more)
                story_id = None
            if story_id is None:
                cursor = self.conn.execute(
                    "INSERT INTO stories (title, first_seen, last_seen, size) VALUES (?, ?, ?, 0)",
                    (exists[0], sort_time, sort_time),
                )
                story_id = int(cursor.lastrowid or 0)
            self.conn.execute(
                "UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id)
            )
            rewrite_of = rewrite_of if rewrite_of != article_id else None
            if rewrite_of != exists[6]:
                # written only when it changes: setting this self-referencing key makes
                # SQLite check it as a whole update of the row (several times the cost)
                self.conn.execute(
                    "UPDATE articles SET rewrite_of = ? WHERE id = ?", (rewrite_of, article_id)
                )
            return story_id

    def bulk_index(
        self,
        items: Iterable[tuple[int, float, dict[str, float]]],
        joins: Mapping[int, int] | None = None,
    ) -> None:
        """Index many articles at once (benchmarks, rebuilds).

        ``items`` are (article id, sort time, term weights heaviest first), indexed
        as :meth:`place_in_story` does. Each article has a story of its own, or
        joins the story of the earlier article ``joins`` maps it to. The caller
        vouches that the articles exist and are not indexed yet.
        """
        joins = joins or {}
        self._kept_recent = None  # entries written here are not noted by kind
        with transaction(self.conn):
            count = 0
            for article_id, sort_time, weights in items:
                story_of = joins.get(article_id)
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
                    [
                        (term, kind, sort_time, article_id, w)
                        for term, w in islice(weights.items(), INDEXED_TERMS)
                    ],
                )
                self._store_vector(article_id, weights)
                home = None
                if story_of is not None:
                    found = self.conn.execute(
                        "SELECT story_id FROM articles WHERE id = ?", (story_of,)
                    ).fetchone()
                    home = found[0] if found else None
                if home is None:
                    home = self.conn.execute(
                        "INSERT INTO stories (title, first_seen, last_seen, size)"
                        " SELECT title, sort_time, sort_time, 0 FROM articles WHERE id = ?",
                        (article_id,),
                    ).lastrowid
                self.conn.execute(
                    "UPDATE articles SET story_id = ? WHERE id = ?", (home, article_id)
                )
            self._add_documents(count)

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
