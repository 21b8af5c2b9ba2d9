"""The bulk path stores what ``add_article`` stores, counters and search included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.models import ArticleQuery, NewArticle
from newsreader.store import Library


def _articles(count: int) -> list[NewArticle]:
    start = datetime(2025, 3, 1, tzinfo=UTC)
    return [
        NewArticle(
            title=f"Harbour report {n}",
            text=f"The harbour opened berth {n} today.\n\nCranes number {n * 3} now.",
            source_name=f"Outlet {n % 3}",
            url=f"https://example.com/{n}",
            guid=f"g{n}",
            published=start - timedelta(hours=n),
            topics=("harbour", "business") if n % 2 else ("harbour",),
        )
        for n in range(count)
    ]


def _snapshot(library: Library) -> tuple[object, ...]:
    rows = library.list_articles(ArticleQuery(), limit=100)
    return (
        [(r.title, r.source, r.url, r.published) for r in rows],
        [(t.name, t.total, t.unread) for t in library.topic_counts()],
        [r.title for r in library.list_articles(ArticleQuery(search="berth 7"))],
        library.count_articles(ArticleQuery(topics=("business",))),
        library.stats().articles,
        library.stats().unread,
    )


def test_bulk_stores_what_one_by_one_stores(tmp_path: Path) -> None:
    articles = _articles(12)
    with Library(tmp_path / "single.sqlite") as single, Library(tmp_path / "bulk.sqlite") as bulk:
        for article in articles:
            single.add_article(article, now=datetime(2025, 3, 2, tzinfo=UTC).timestamp())
        ids = bulk.add_new_articles(articles, now=datetime(2025, 3, 2, tzinfo=UTC).timestamp())
        assert len(ids) == 12
        assert _snapshot(bulk) == _snapshot(single)
        assert bulk.consistency_problems() == []
        stored = bulk.get_article(ids[3])
        assert stored is not None and stored.topics == ("business", "harbour")


def test_bulk_skips_texts_and_guids_already_stored(library: Library) -> None:
    first = _articles(4)
    library.add_article(first[0])
    again = NewArticle(title="Other", text="New text.", source_name="Outlet 1", guid="g1")
    ids = library.add_new_articles([*first, again, first[2]])
    # 0 is stored already; `again` repeats article 1's guid, the last article 2's text
    assert len(ids) == 3
    titles = sorted(row.title for row in library.list_articles())
    assert titles == [f"Harbour report {n}" for n in range(4)]
    assert library.consistency_problems() == []


def test_bulk_stores_nothing_when_one_article_is_bad(library: Library) -> None:
    bad = NewArticle(title="  ", text="No title.", source_name="Outlet 0")
    with pytest.raises(ValueError, match="title"):
        library.add_new_articles([*_articles(3), bad])
    assert library.is_empty()
    assert library.topic_counts() == []
