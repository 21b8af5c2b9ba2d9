"""The reader's store queries (newsreader/store/views.py) against list_articles itself."""

from __future__ import annotations

from pathlib import Path

from reader_support import ARTICLES

from newsreader.models import ArticleQuery
from newsreader.store import Library


def test_index_within_matches_list_order(library_path: Path) -> None:
    queries = [
        ArticleQuery(),
        ArticleQuery(topics=("cities",)),
        ArticleQuery(topics=("cities", "culture")),
        ArticleQuery(search="the"),
        ArticleQuery(unread=True),
    ]
    with Library(library_path) as library:
        library.set_read(2, True)
        for query in queries:
            ids = [row.id for row in library.list_articles(query, limit=100)]
            for article_id in range(1, len(ARTICLES) + 1):
                expected = ids.index(article_id) if article_id in ids else None
                assert library.index_within(query, article_id, 100) == expected, (query, article_id)
            if len(ids) > 2:  # beyond the limit it is not looked for
                assert library.index_within(query, ids[2], 2) is None


def test_topic_counts_among_counts_the_given_articles(library_path: Path) -> None:
    with Library(library_path) as library:
        library.set_read(1, True)
        counts = {c.name: c for c in library.topic_counts_among([1, 4, 5, 1])}
    # articles 1 (culture, cities), 4 (culture), 5 (cities, transport); 1 given twice
    assert (counts["culture"].total, counts["culture"].unread) == (2, 1)
    assert (counts["cities"].total, counts["cities"].unread) == (2, 1)
    assert (counts["transport"].total, counts["transport"].unread) == (1, 1)
    assert set(counts) == {"culture", "cities", "transport"}


def test_list_after_pages_as_offsets_do(library_path: Path) -> None:
    queries = [
        ArticleQuery(),
        ArticleQuery(topics=("cities",)),
        ArticleQuery(topics=("cities", "culture")),
        ArticleQuery(search="the"),
        ArticleQuery(unread=True),
        ArticleQuery(source="Metro Ledger"),
    ]
    with Library(library_path) as library:
        library.set_read(2, True)
        for query in queries:
            every = library.list_articles(query, limit=100)
            assert every, query
            for index, row in enumerate(every):
                after = library.list_after(query, row.id, 3)
                assert after == every[index + 1 : index + 4], (query, index)
        assert library.list_after(ArticleQuery(), 999_999, 3) == []  # a row that is gone
