"""The story index's candidate search: indexed articles near in time that share a new
article's telling terms (what :mod:`newsreader.store.story_index` writes).

A search reads at most a given number of index entries per term on each side of a
point in time, nearest first: bounded by its arguments, not by the library's size.
All of one article's reads are one statement.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from typing import NamedTuple

from newsreader.store.story_terms import TermCountStore

#: Kinds of story index entries, by the clock their time is on (schema ``STORY_TERM_KINDS``):
#: a dated article's publication, an undated article's arrival, and the arrival of
#: a dated article that came long after it was published.
PUBLISHED, UNDATED, LATE_ARRIVAL = 0, 1, 2

#: Index entries of one term and kind nearest in time before a point (inclusive), and
#: after it. ``{t}`` is the term's parameter, ``{b}`` the first of the read's four
#: (kind, earliest, latest, first article); ``?1`` is the entries per term.
_BEFORE = (
    "SELECT article_id, weight FROM story_terms WHERE term = ?{t} AND kind = ?{b}"
    " AND sort_time >= ?{b1} AND sort_time <= ?{b2} AND article_id >= ?{b3}"
    " ORDER BY sort_time DESC LIMIT ?1"
)
_AFTER = (
    "SELECT article_id, weight FROM story_terms WHERE term = ?{t} AND kind = ?{b}"
    " AND sort_time > ?{b1} AND sort_time <= ?{b2} AND article_id >= ?{b3}"
    " ORDER BY sort_time LIMIT ?1"
)


class TermSearch(NamedTuple):
    """Index entries of one kind, between two times, read nearest to ``centre`` first."""

    kind: int
    earliest: float
    centre: float
    latest: float
    #: Entries of articles with a smaller id (an earlier arrival) are not read; 1 or more
    #: for a search among recent arrivals (ids start at 1), 0 for one by time alone.
    first_article: int = 0


@lru_cache(maxsize=256)
def _search_statement(terms: int, sides: tuple[bool, ...]) -> str:
    """One statement reading every (term, read) of a search: each row is (the term's
    position, article, weight). ``sides`` says, read by read, before (True) or after."""
    reads = len(sides)
    parts = []
    for position in range(terms):
        for read, before in enumerate(sides):
            first = 2 + terms + 4 * read
            inner = (_BEFORE if before else _AFTER).format(
                t=2 + position, b=first, b1=first + 1, b2=first + 2, b3=first + 3
            )
            parts.append(f"SELECT {position}, * FROM ({inner})")
    assert reads  # a search with no reads is never made
    return " UNION ALL ".join(parts)


class StorySearchStore(TermCountStore):
    """The story candidate search of :class:`newsreader.store.Library`."""

    conn: sqlite3.Connection

    def story_candidates(
        self,
        weights: dict[str, float],
        searches: list[TermSearch],
        exclude: int,
        per_term: int,
    ) -> dict[int, float]:
        """Dot products of ``weights`` with the indexed articles the ``searches`` meet.

        For each term and search, at most ``per_term`` entries are read on each
        side of the search's centre, the nearest in time first; so at most
        ``2 * per_term * len(weights) * len(searches)`` entries whatever the
        library's size. An article met under two kinds counts once per term.
        """
        if not weights or not searches:
            return {}
        sides: list[bool] = []
        bounds: list[float] = []
        for asked in searches:
            search, read_before, read_after = self._reads_of(asked)
            if read_before:
                sides.append(True)
                bounds += (search.kind, search.earliest, search.centre, search.first_article)
            if read_after:
                sides.append(False)
                bounds += (search.kind, search.centre, search.latest, search.first_article)
        if not sides:
            return {}
        terms = list(weights)
        best: list[dict[int, float]] = [{} for _ in terms]  # article -> its heaviest entry
        statement = _search_statement(len(terms), tuple(sides))
        for position, article_id, found in self.conn.execute(
            statement, (per_term, *terms, *bounds)
        ):
            of_term = best[position]
            if found > of_term.get(article_id, 0.0):
                of_term[article_id] = found
        met: dict[int, float] = {}
        for weight, of_term in zip(weights.values(), best, strict=True):
            for article_id, found in of_term.items():
                met[article_id] = met.get(article_id, 0.0) + weight * found
        met.pop(exclude, None)
        return met

    def _reads_of(self, search: TermSearch) -> tuple[TermSearch, bool, bool]:
        """The search narrowed to what it can meet, and whether to read before and
        after its centre.

        Inside a batch, the kinds of entry that recent arrivals have (and their
        earliest and latest times) are read once: a search limited to recent arrivals
        skips a kind none of them has (an undated import has no publication entries)
        and the side after its centre when nothing of that kind is later, and reads no
        entry older than the oldest of recent arrivals (a search bounded by arrival
        order alone would otherwise walk a term's whole history to fill its reads).
        """
        batch = self._term_counts
        if batch is None or search.first_article <= 0:
            return search, True, True
        if batch.recent_from is None:
            batch.recent_from = search.first_article
            for (
                dated,
                newest,
                latest_sort,
                latest_added,
                least_sort,
                least_added,
            ) in self.conn.execute(
                "SELECT a.published IS NOT NULL, max(a.id), max(a.sort_time), max(a.added),"
                " min(a.sort_time), min(a.added)"
                " FROM story_vectors v JOIN articles a ON a.id = v.article_id"
                " WHERE v.article_id >= ? GROUP BY 1",
                (search.first_article,),
            ):
                if dated:
                    batch.note_entry(PUBLISHED, newest, latest_sort, least_sort)
                    batch.note_entry(LATE_ARRIVAL, newest, latest_added, least_added)
                else:
                    batch.note_entry(UNDATED, newest, latest_sort, least_sort)
        if search.first_article < batch.recent_from:
            return search, True, True
        found = batch.recent.get(search.kind)
        if found is None or found[0] < search.first_article or found[1] < search.earliest:
            return search, False, False
        narrowed = search._replace(
            earliest=max(search.earliest, found[2]), latest=min(search.latest, found[1])
        )
        return narrowed, narrowed.earliest <= narrowed.centre, found[1] > search.centre
