"""Term document counts for story grouping: how rare each term is among indexed articles.

A batch of placements keeps the counts it reads and bumps in memory
(:meth:`TermCountStore.batched_term_counts`) and writes them once, so that many
placements in a row cost one read and one write per term.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from typing import Any

from newsreader.store.enrich_state import EnrichStateStore


class TermCounts:
    """Document counts of a batch of placements, kept in memory until written once."""

    def __init__(self, documents: int) -> None:
        self.documents = documents
        self.added_documents = 0
        #: term -> documents (0: not in the table), as read and then counted.
        self.counts: dict[str, int] = {}
        #: term -> documents added by this batch.
        self.added: dict[str, int] = {}
        #: Entries of articles from this id on are known by kind (None: not read yet):
        #: kind -> (newest article, latest time, earliest time) among them.
        self.recent_from: int | None = None
        self.recent: dict[int, tuple[int, float, float]] = {}

    def note_entry(
        self, kind: int, article_id: int, when: float, earliest: float | None = None
    ) -> None:
        """Entries of ``kind`` were indexed for ``article_id`` from ``earliest`` (or
        ``when``) to ``when``."""
        first = when if earliest is None else earliest
        newest, latest, least = self.recent.get(kind, (article_id, when, first))
        self.recent[kind] = (max(newest, article_id), max(latest, when), min(least, first))


#: ``IN`` lists are bound as this many values or the next power of two above it, up to
#: :data:`IN_LIST_MOST` (the list's last value repeated to fill it): a few statements,
#: each prepared once and kept in the connection's statement cache.
IN_LIST_LEAST = 8
IN_LIST_MOST = 512


def _in_list_size(count: int) -> int:
    size = IN_LIST_LEAST
    while size < count:
        size *= 2
    return size


def rows_in(
    conn: sqlite3.Connection, query: str, values: Iterable[int] | Iterable[str]
) -> Iterator[tuple[Any, ...]]:
    """Rows of ``query`` (with ``{}`` where the ``IN`` list goes) for the given values.

    The values are bound as parameters, in lists of a few sizes (:data:`IN_LIST_LEAST`
    to :data:`IN_LIST_MOST`, the last value repeated to fill one: a value twice in an
    ``IN`` list is found once), so each size is one statement that SQLite prepares once.
    """
    wanted: list[Any] = list(dict.fromkeys(values))
    if len(wanted) <= IN_LIST_MOST:
        if not wanted:
            return iter(())
        return _rows_of(conn, query, wanted)
    chunks = [wanted[at : at + IN_LIST_MOST] for at in range(0, len(wanted), IN_LIST_MOST)]
    return chain.from_iterable(_rows_of(conn, query, chunk) for chunk in chunks)


def _rows_of(conn: sqlite3.Connection, query: str, values: list[Any]) -> sqlite3.Cursor:
    size = _in_list_size(len(values))
    values += [values[-1]] * (size - len(values))
    return conn.execute(_in_statement(query, size), values)


@lru_cache(maxsize=64)
def _in_statement(query: str, size: int) -> str:
    return query.format(",".join("?" * size))


#: Counts of at most this many terms are kept from one batch for the next.
KEPT_TERMS = 100_000


class TermCountStore(EnrichStateStore):
    """Term document counts of :class:`newsreader.store.Library` (story grouping's rarity)."""

    conn: sqlite3.Connection
    _term_counts: TermCounts | None = None
    #: The last batch's counts as it wrote them: (``PRAGMA data_version`` then, articles
    #: indexed after it, counts).
    _kept_counts: tuple[int, int, dict[str, int]] | None = None
    #: The last batch's recent entries by kind: (``PRAGMA data_version`` then, the first
    #: article they cover, kind -> (newest article, latest time)).
    _kept_recent: tuple[int, int, dict[int, tuple[int, float, float]]] | None = None

    @contextmanager
    def batched_term_counts(self) -> Iterator[None]:
        """Inside a transaction: keep term document counts in memory, write them at the end.

        Many placements in a row read and bump the counts of the same terms;
        :meth:`term_rarity` and :meth:`place_in_story` give the same results as
        without the batch, with one read per term and one write per term.
        Nothing is written when the block raises (the transaction rolls back).

        The counts read are kept for the next batch of this library, which uses
        them when nothing else has changed the file since (``PRAGMA data_version``,
        which moves when another connection commits) and the articles indexed are
        as many as the batch left (a batch rolled back leaves fewer): a run of
        batches reads each term once. So are the kinds and latest times of recent
        index entries (:meth:`~newsreader.store.story_search.StorySearchStore.story_candidates`
        skips what none has): entries of articles from an earlier first article on
        include the later ones', so they never skip a read that could meet one.
        """
        if not self.conn.in_transaction:
            raise RuntimeError("batched_term_counts needs an open transaction")
        if self._term_counts is not None:  # nested: the outer batch writes
            yield
            return
        documents = int(self.get_state("indexed_documents") or 0)
        (version,) = self.conn.execute("PRAGMA data_version").fetchone()
        batch = self._term_counts = TermCounts(documents)
        kept, self._kept_counts = self._kept_counts, None
        if kept is not None and kept[:2] == (version, documents):
            batch.counts = kept[2]
        recent, self._kept_recent = self._kept_recent, None
        if recent is not None and recent[0] == version:
            batch.recent_from, batch.recent = recent[1], recent[2]
        try:
            yield
            self.conn.executemany(
                "INSERT INTO term_documents (term, documents) VALUES (?, ?)"
                " ON CONFLICT (term) DO UPDATE SET documents = documents + excluded.documents",
                list(batch.added.items()),
            )
            self._add_documents(batch.added_documents)
            if len(batch.counts) <= KEPT_TERMS:
                self._kept_counts = (version, batch.documents, batch.counts)
            if batch.recent_from is not None:
                self._kept_recent = (version, batch.recent_from, batch.recent)
        finally:
            self._term_counts = None

    def _add_documents(self, count: int) -> None:
        if count:
            self.conn.execute(
                "INSERT INTO enrich_state (key, value) VALUES ('indexed_documents', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + ?",
                (str(count), count),
            )

    def term_rarity(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        """(articles indexed, documents per term) for the given terms."""
        batch = self._term_counts
        if batch is None:
            total = int(self.get_state("indexed_documents") or 0)
            return total, self._read_term_documents(terms)
        wanted = terms if isinstance(terms, dict) else dict.fromkeys(terms)
        counts = self._batch_counts(batch, wanted)
        return batch.documents, {term: found for term in wanted if (found := counts[term])}

    def term_counts_of(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        """(articles indexed, documents per term) with at least ``terms`` in it (a term of
        no article may be missing or 0), as :meth:`term_rarity` counts them.

        Inside a batch this is the batch's own counts, read into where needed, not a
        copy: the article placed next changes them (read what a placement needs
        before it is placed), and a later call returns the same dict.
        """
        batch = self._term_counts
        if batch is None:
            return self.term_rarity(terms)
        return batch.documents, self._batch_counts(batch, terms)

    def _batch_counts(self, batch: TermCounts, terms: Iterable[str]) -> dict[str, int]:
        """The batch's counts, those of ``terms`` it had not read yet read now."""
        counts = batch.counts
        unread = [term for term in terms if term not in counts]
        if unread:
            read = self._read_term_documents(unread)
            for term in unread:
                counts[term] = read.get(term, 0)
        return counts

    def _read_term_documents(self, terms: Iterable[str]) -> dict[str, int]:
        wanted = list(dict.fromkeys(terms))
        query = "SELECT term, documents FROM term_documents WHERE term IN ({})"
        found: dict[str, int] = dict(rows_in(self.conn, query, wanted))
        return {term: found[term] for term in wanted if term in found}

    def _count_terms(self, terms: set[str]) -> None:
        batch = self._term_counts
        if batch is None:
            self.conn.executemany(
                "INSERT INTO term_documents (term, documents) VALUES (?, 1)"
                " ON CONFLICT (term) DO UPDATE SET documents = documents + 1",
                [(term,) for term in terms],
            )
            self._add_documents(1)
            return
        counts = self._batch_counts(batch, terms)  # read before they are bumped
        for term in terms:
            counts[term] += 1
            batch.added[term] = batch.added.get(term, 0) + 1
        batch.documents += 1
        batch.added_documents += 1
