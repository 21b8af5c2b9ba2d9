"""The search index is written once per transaction, for every article the transaction wrote.

Whatever a transaction does to an article (add it, change its text, delete it,
several of these at once), the index afterwards holds exactly the articles as
they are: what they say is found, what they no longer say is not, and SQLite's
own check of the index against the articles passes. A transaction that fails
leaves the index as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import library_before

from newsreader.models import ArticleQuery, NewArticle
from newsreader.store import Library, schema, transaction


def article(n: int, words: str, guid: str | None = None) -> NewArticle:
    return NewArticle(
        title=f"Report {n}",
        text=f"The council met on Tuesday about the {words} of the harbour.",
        source_name="Gazette",
        source_kind="feed",
        guid=guid or f"g{n}",
    )


def found(library: Library, words: str) -> list[str]:
    rows = library.list_articles(ArticleQuery(search=words), limit=100)
    return sorted(row.title for row in rows)


def index_is_sound(library: Library) -> None:
    # FTS5's own check of the index against the articles table (rank 1: against the content).
    library.conn.execute(
        "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"
    )
    assert library.consistency_problems() == []


def test_articles_added_together_are_all_found(library: Library) -> None:
    library.add_articles([article(n, f"dredging{n}") for n in range(30)])
    assert found(library, "dredging7") == ["Report 7"]
    assert len(found(library, "harbour")) == 30
    index_is_sound(library)


def test_an_article_changed_in_the_transaction_that_added_it_is_found_as_it_ends(
    library: Library,
) -> None:
    with transaction(library.conn):
        library.add_article(article(1, "ferries"))
        result = library.add_article(article(1, "lighthouses"))  # same guid: updated
    assert result.status == "updated"
    assert found(library, "lighthouses") == ["Report 1"]
    assert found(library, "ferries") == []
    index_is_sound(library)


def test_an_article_deleted_in_the_transaction_that_added_it_leaves_no_trace(
    library: Library,
) -> None:
    library.add_article(article(1, "moorings"))
    with transaction(library.conn):
        doomed = library.add_article(article(2, "moorings")).article_id
        library.delete_article(doomed)
    assert found(library, "moorings") == ["Report 1"]
    index_is_sound(library)


def test_a_later_change_and_delete_take_the_old_words_out(library: Library) -> None:
    first = library.add_article(article(1, "tides")).article_id
    library.add_article(article(2, "tides"))
    library.add_article(article(1, "cranes"))  # a later transaction changes it
    assert found(library, "tides") == ["Report 2"]
    assert found(library, "cranes") == ["Report 1"]
    library.delete_article(first)
    assert found(library, "cranes") == []
    index_is_sound(library)


def test_a_failed_transaction_leaves_the_index_as_it_was(library: Library) -> None:
    library.add_article(article(1, "breakwater"))
    with pytest.raises(RuntimeError), transaction(library.conn):
        library.add_article(article(2, "breakwater"))
        library.add_article(article(1, "seawall"))
        raise RuntimeError("stop")
    assert found(library, "breakwater") == ["Report 1"]
    assert found(library, "seawall") == []
    library.add_article(article(3, "breakwater"))  # the next transaction is indexed as usual
    assert found(library, "breakwater") == ["Report 1", "Report 3"]
    index_is_sound(library)


def test_a_library_indexed_article_by_article_keeps_its_index_when_upgraded(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite"
    conn = library_before(path, schema.FTS_PENDING)
    conn.execute("INSERT INTO sources (id, kind, name) VALUES (1, 'feed', 'Gazette')")
    for n in (1, 2):  # indexed by that version's triggers, one row at a time
        conn.execute(
            "INSERT INTO articles (id, source_id, guid, title, added, sort_time, text,"
            " content_hash) VALUES (?, 1, ?, ?, 0, 0, ?, ?)",
            (n, f"g{n}", f"Report {n}", f"The pier of the harbour, part {n}.", f"h{n}"),
        )
    conn.close()
    with Library(path) as library:
        assert library.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert found(library, "pier") == ["Report 1", "Report 2"]
        library.add_article(article(1, "slipway"))  # an old article changed
        library.delete_article(2)
        library.add_article(article(3, "slipway"))
        assert found(library, "slipway") == ["Report 1", "Report 3"]
        assert found(library, "pier") == []
        index_is_sound(library)
