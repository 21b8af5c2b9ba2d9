"""The story candidate search stays bounded by recent arrivals: a search by arrival
order alone (an undated report) does not read a term's whole history."""

from __future__ import annotations

import math
from pathlib import Path

from newsreader.models import NewArticle
from newsreader.store import Library, transaction
from newsreader.store.story_search import PUBLISHED, UNDATED, TermSearch

DAY = 86_400.0
NOW = 1_900_000_000.0
RECENT = 5


def _library_with_history(path: Path, old: int) -> tuple[Library, int]:
    """A library of ``old`` undated reports stored long ago, then
    :data:`RECENT` undated ones stored now, all indexed under one term. Returns it
    and the id of the first recent report."""
    library = Library(path)
    with transaction(library.conn), library.batched_term_counts():
        for n in range(old):
            when = NOW - 400 * DAY + n * 60.0
            article = NewArticle(
                title=f"Harbour report {n}", text=f"Harbour dredging {n}.", source_name="Old"
            )
            article_id = library.add_article(article, now=when).article_id
            library.place_in_story(article_id, None, None, when, {"harbour": 1.0}, ["harbour"])
    first_recent = 0
    for n in range(RECENT):
        article = NewArticle(
            title=f"Harbour today {n}", text=f"Harbour news {n}.", source_name="New"
        )
        article_id = library.add_article(article, now=NOW + n).article_id
        first_recent = first_recent or article_id
        with transaction(library.conn), library.batched_term_counts():
            library.place_in_story(article_id, None, None, NOW + n, {"harbour": 1.0}, ["harbour"])
    return library, first_recent


def _steps_of_an_undated_search(library: Library, first_recent: int) -> tuple[int, set[int]]:
    """SQLite VM steps (in hundreds) of one arrival-bounded search, and what it met."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    searches = [
        TermSearch(kind, -math.inf, NOW + RECENT, math.inf, first_recent)
        for kind in (PUBLISHED, UNDATED)
    ]
    with transaction(library.conn), library.batched_term_counts():
        library.conn.set_progress_handler(count, 100)
        try:
            met = library.story_candidates({"harbour": 1.0}, searches, 0, 20)
        finally:
            library.conn.set_progress_handler(None, 0)
    return steps, set(met)


def test_an_arrival_bounded_search_costs_the_same_whatever_the_history(tmp_path: Path):
    small, small_first = _library_with_history(tmp_path / "small.sqlite", 50)
    large, large_first = _library_with_history(tmp_path / "large.sqlite", 3000)
    try:
        small_steps, small_met = _steps_of_an_undated_search(small, small_first)
        large_steps, large_met = _steps_of_an_undated_search(large, large_first)
    finally:
        small.close()
        large.close()
    assert small_met == set(range(small_first, small_first + RECENT))
    assert large_met == set(range(large_first, large_first + RECENT))
    assert large_steps <= 2 * small_steps + 5, (small_steps, large_steps)
