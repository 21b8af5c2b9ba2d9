"""The ingest migrations: content hashes no longer unique, the enrichment queue."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsreader.config import Settings
from newsreader.enrich import enrich_articles
from newsreader.models import ArticleQuery, NewArticle
from newsreader.store import Library, schema

BODY = (
    "The island ferry will keep two crossings a day this winter, the operator said, after"
    " residents campaigned against a plan to cut the service to one boat."
)


def _library_at(path: Path, version: int) -> None:
    """A library made by the migrations before ``version`` only."""
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in schema.MIGRATIONS[:version]:
        conn.executescript(migration)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def test_a_library_from_before_keeps_everything_and_takes_the_same_text_twice(
    tmp_path: Path,
) -> None:
    before = schema.MIGRATIONS.index(schema.CONTENT_HASH_NOT_UNIQUE)
    path = tmp_path / "old.sqlite"
    _library_at(path, before)
    # fill it the way that version did, through its own tables
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("INSERT INTO sources (id, kind, name) VALUES (1, 'import', 'Gazette')")
    for n, story in ((1, 1), (2, None)):
        if story:
            conn.execute(
                "INSERT INTO stories (id, title, first_seen, last_seen) VALUES (1, 't', 0, 0)"
            )
        conn.execute(
            "INSERT INTO articles (id, source_id, title, added, sort_time, text, content_hash,"
            " story_id, starred) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)",
            (n, f"Ferry {n}", n, n, f"{BODY} ({n})", f"hash{n}", story, n == 1),
        )
        conn.execute("INSERT INTO topics (name) VALUES (?)", (f"topic {n}",))
        conn.execute(
            "INSERT INTO article_topics (topic_id, article_id, origin, sort_time)"
            " VALUES (?, ?, 'tag', ?)",
            (n, n, n),
        )
        conn.execute(
            "INSERT INTO summaries VALUES (?, 'newsrank', 3, '{}')",
            (n,),
        )
    conn.close()

    with Library(path) as library:
        assert library.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert library.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert library.consistency_problems() == []
        assert library.count_articles(ArticleQuery()) == 2
        assert library.count_articles(ArticleQuery(starred=True)) == 1
        assert library.cached_summary(1, "newsrank", 3) == "{}"
        assert library.get_article(2).topics == ("topic 2",)
        assert [r.id for r in library.list_articles(ArticleQuery(search="ferry"))] == [2, 1]
        assert library.pending_enrichment() == [2]  # the one never placed in a story
        # the same text from another source is an article of its own now
        again = library.add_article(NewArticle("Ferry 1", f"{BODY} (1)", source_name="Wire"))
        assert again.status == "added" and library.count_articles(ArticleQuery()) == 3
        enrich_articles(library, [2, again.article_id], Settings())
        assert library.pending_enrichment() == []
        assert library.consistency_problems() == []
