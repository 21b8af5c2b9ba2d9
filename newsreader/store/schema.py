"""The library's schema, as forward migrations numbered by ``PRAGMA user_version``.

Each entry of :data:`MIGRATIONS` upgrades the schema by one version. Never edit
a migration that has shipped: append a new one. The first schema, from which
they start, is :data:`newsreader.store.schema_v1.V1`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

from newsreader.store.schema_story_count import STORY_COUNT
from newsreader.store.schema_v1 import V1
from newsreader.store.story_vectors import STORY_VECTORS_PACKED

#: Feeds: every topic a subscription gives its articles (``--topic``, OPML folders
#: and ``category`` attributes); ``feeds.topic`` keeps the first of them.
FEED_TOPICS = """
CREATE TABLE feed_topics (
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (feed_id, name)
) WITHOUT ROWID;
"""

#: Stories: an inverted index of each article's most telling terms by time (so a new
#: article is compared only with recent ones sharing its terms), document counts of
#: terms (their rarity), small key/value state for enrichment, and triggers keeping
#: each story's size, title and time span right as articles join, move or go.
STORY_INDEX = """
CREATE TABLE story_terms (
    term TEXT NOT NULL,
    sort_time REAL NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    weight REAL NOT NULL,
    PRIMARY KEY (term, sort_time, article_id)
) WITHOUT ROWID;
CREATE INDEX story_terms_article ON story_terms (article_id);

CREATE TABLE term_documents (
    term TEXT PRIMARY KEY,
    documents INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE enrich_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER articles_story_au AFTER UPDATE OF story_id ON articles
WHEN old.story_id IS NOT new.story_id BEGIN
    UPDATE stories SET size = size - 1, summary = NULL WHERE id = old.story_id;
    UPDATE stories SET size = size + 1, summary = NULL WHERE id = new.story_id;
    DELETE FROM stories WHERE id = old.story_id AND size <= 0;
    UPDATE stories SET
        first_seen = (SELECT min(sort_time) FROM articles WHERE story_id = stories.id),
        last_seen = (SELECT max(sort_time) FROM articles WHERE story_id = stories.id),
        title = (SELECT title FROM articles WHERE story_id = stories.id
                 ORDER BY sort_time, id LIMIT 1)
    WHERE id IN (old.story_id, new.story_id);
END;
CREATE TRIGGER articles_story_ad AFTER DELETE ON articles
WHEN old.story_id IS NOT NULL BEGIN
    UPDATE stories SET size = size - 1, summary = NULL WHERE id = old.story_id;
    DELETE FROM stories WHERE id = old.story_id AND size <= 0;
    UPDATE stories SET
        first_seen = (SELECT min(sort_time) FROM articles WHERE story_id = stories.id),
        last_seen = (SELECT max(sort_time) FROM articles WHERE story_id = stories.id),
        title = (SELECT title FROM articles WHERE story_id = stories.id
                 ORDER BY sort_time, id LIMIT 1)
    WHERE id = old.story_id;
END;
CREATE TRIGGER articles_story_au_time AFTER UPDATE OF sort_time, title ON articles
WHEN new.story_id IS NOT NULL BEGIN
    UPDATE stories SET
        first_seen = (SELECT min(sort_time) FROM articles WHERE story_id = stories.id),
        last_seen = (SELECT max(sort_time) FROM articles WHERE story_id = stories.id),
        title = (SELECT title FROM articles WHERE story_id = stories.id
                 ORDER BY sort_time, id LIMIT 1),
        summary = NULL
    WHERE id = new.story_id;
END;
"""

#: Stories: each index entry says which clock its time is on: an article's
#: publication (kind 0), the arrival of an undated article (kind 1), or the arrival of
#: a dated article that came long after its publication (kind 2). Reports are near
#: in time by publication when both are dated, else by arrival, so a dated article
#: reads only publication entries near its date and undated entries near its
#: arrival, never the arrival entries of the old articles fetched with it (a first
#: refresh of many feeds brings mostly old articles).
STORY_TERM_KINDS = """
CREATE TABLE story_terms_v4 (
    term TEXT NOT NULL,
    kind INTEGER NOT NULL,
    sort_time REAL NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    weight REAL NOT NULL,
    PRIMARY KEY (term, kind, sort_time, article_id)
) WITHOUT ROWID;
INSERT INTO story_terms_v4 (term, kind, sort_time, article_id, weight)
SELECT st.term,
       CASE WHEN a.published IS NULL THEN 1 WHEN st.sort_time = a.sort_time THEN 0 ELSE 2 END,
       st.sort_time, st.article_id, st.weight
FROM story_terms st JOIN articles a ON a.id = st.article_id;
DROP TABLE story_terms;
ALTER TABLE story_terms_v4 RENAME TO story_terms;
CREATE INDEX story_terms_article ON story_terms (article_id);
"""


def statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (triggers contain semicolons)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def _rebuilt_articles() -> str:
    """The articles table, indexes and triggers as the migrations before this one left them,
    with ``content_hash`` no longer UNIQUE (SQLite cannot drop a column constraint)."""
    made = [*statements(V1), *statements(STORY_INDEX)]
    (table,) = [s for s in made if s.startswith("CREATE TABLE articles ")]
    assert "content_hash TEXT NOT NULL UNIQUE," in table
    table = table.replace("content_hash TEXT NOT NULL UNIQUE,", "content_hash TEXT NOT NULL,")
    table = table.replace("CREATE TABLE articles ", "CREATE TABLE articles_rebuilt ", 1)
    on_articles = [
        s
        for s in made
        if re.match(
            r"CREATE (UNIQUE )?(INDEX|TRIGGER) \S+ (AFTER \S+( OF [^O]+)? )?ON articles\b", s
        )
    ]
    return "\n".join(
        [
            table,
            "INSERT INTO articles_rebuilt SELECT * FROM articles;",
            "DROP TABLE articles;",
            "ALTER TABLE articles_rebuilt RENAME TO articles;",
            *on_articles,
            "CREATE INDEX articles_content ON articles (content_hash, source_id);",
        ]
    )


#: Articles: the same text may come from two entries (two episodes, two outlets).
#: ``content_hash`` loses its UNIQUE constraint and gets an ordinary index (with
#: the source, for entries that have neither guid nor link): deduplication is by
#: guid, then link, within one source. The table is rebuilt with its indexes and
#: triggers (foreign keys are off while migrations run, so the DROP cascades nothing).
CONTENT_HASH_NOT_UNIQUE = _rebuilt_articles()


#: Ingest: articles stored and not yet enriched (summary, topics, story) wait in
#: ``enrich_queue``, written in the same transaction as the article, so a process
#: killed between storing and enriching leaves the work recorded for the next run;
#: ``retired_entries`` remembers feed entries that retention deleted, so they are
#: not stored again while the feed still lists them.
INGEST_QUEUE = """
CREATE TABLE enrich_queue (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    attempts INTEGER NOT NULL DEFAULT 0
);
INSERT INTO enrich_queue (article_id) SELECT id FROM articles WHERE story_id IS NULL;

CREATE TABLE retired_entries (
    source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    retired REAL NOT NULL,
    PRIMARY KEY (source_id, guid)
) WITHOUT ROWID;

CREATE INDEX articles_link ON articles (source_id, url) WHERE url IS NOT NULL AND guid IS NULL;
"""

#: Forward migrations; index ``i`` upgrades a library from version ``i`` to ``i + 1``.
MIGRATIONS: list[str] = [V1]
MIGRATIONS.append(FEED_TOPICS)
MIGRATIONS.append(STORY_INDEX)
MIGRATIONS.append(STORY_TERM_KINDS)
MIGRATIONS.append(CONTENT_HASH_NOT_UNIQUE)
MIGRATIONS.append(INGEST_QUEUE)

#: Sync with a Google Reader server: the account (never its password), which feeds
#: and articles are the server's and under which ids, and the outbox of local
#: actions not yet sent. An article may be known under several server ids (the same
#: text in two feeds, or a feed subscribed again); each flag of an article has at
#: most one pending action, and ``seq`` keeps the order actions were taken in.
SYNC = """
CREATE TABLE sync_account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    kind TEXT NOT NULL CHECK (kind IN ('greader')),
    url TEXT NOT NULL,
    username TEXT NOT NULL,
    added REAL NOT NULL,
    last_sync REAL,
    last_attempt REAL,
    last_error TEXT
);

CREATE TABLE sync_feeds (
    feed_id INTEGER PRIMARY KEY REFERENCES feeds (id) ON DELETE CASCADE,
    stream TEXT NOT NULL UNIQUE
);

CREATE TABLE sync_items (
    item INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    stream TEXT NOT NULL,
    crawled INTEGER NOT NULL
);
CREATE INDEX sync_items_article ON sync_items (article_id);
CREATE INDEX sync_items_stream ON sync_items (stream, crawled);

CREATE TABLE sync_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    action TEXT NOT NULL
        CHECK (action IN ('read', 'starred', 'mark_read', 'subscribe', 'unsubscribe')),
    article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
    value INTEGER,
    stream TEXT,
    url TEXT,
    title TEXT,
    label TEXT,
    ts INTEGER,
    queued REAL NOT NULL
);
CREATE UNIQUE INDEX sync_outbox_flag ON sync_outbox (action, article_id)
    WHERE article_id IS NOT NULL;
"""
MIGRATIONS.append(SYNC)

#: Feed topics with the primary key's columns first. With a NOT NULL column
#: before a key column, SQLite 3.40's ``PRAGMA integrity_check`` reports
#: "NULL value in feed_topics.position" for every row of the WITHOUT ROWID
#: table, which would make every library with a feed topic look damaged.
FEED_TOPICS_KEY_FIRST = """
CREATE TABLE feed_topics_keyed (
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (feed_id, name)
) WITHOUT ROWID;
INSERT INTO feed_topics_keyed (feed_id, name, position)
    SELECT feed_id, name, position FROM feed_topics;
DROP TABLE feed_topics;
ALTER TABLE feed_topics_keyed RENAME TO feed_topics;
"""
MIGRATIONS.append(FEED_TOPICS_KEY_FIRST)

#: Stories: a story's headline is its newest report's (by sort time, then id), so it
#: follows the event as it develops ("strike ends" after "talks to resume").
STORY_HEADLINE_NEWEST = """
DROP TRIGGER articles_story_au;
DROP TRIGGER articles_story_ad;
DROP TRIGGER articles_story_au_time;
CREATE TRIGGER articles_story_au AFTER UPDATE OF story_id ON articles
WHEN old.story_id IS NOT new.story_id BEGIN
    UPDATE stories SET size = size - 1, summary = NULL WHERE id = old.story_id;
    UPDATE stories SET size = size + 1, summary = NULL WHERE id = new.story_id;
    DELETE FROM stories WHERE id = old.story_id AND size <= 0;
    UPDATE stories SET
        first_seen = (SELECT min(sort_time) FROM articles WHERE story_id = stories.id),
        last_seen = (SELECT max(sort_time) FROM articles WHERE story_id = stories.id),
        title = (SELECT title FROM articles WHERE story_id = stories.id
                 ORDER BY sort_time DESC, id DESC LIMIT 1)
    WHERE id IN (old.story_id, new.story_id);
END;
CREATE TRIGGER articles_story_ad AFTER DELETE ON articles
WHEN old.story_id IS NOT NULL BEGIN
    UPDATE stories SET size = size - 1, summary = NULL WHERE id = old.story_id;
    DELETE FROM stories WHERE id = old.story_id AND size <= 0;
    UPDATE stories SET
        first_seen = (SELECT min(sort_time) FROM articles WHERE story_id = stories.id),
        last_seen = (SELECT max(sort_time) FROM articles WHERE story_id = stories.id),
        title = (SELECT title FROM articles WHERE story_id = stories.id
                 ORDER BY sort_time DESC, id DESC LIMIT 1)
    WHERE id = old.story_id;
END;
CREATE TRIGGER articles_story_au_time AFTER UPDATE OF sort_time, title ON articles
WHEN new.story_id IS NOT NULL BEGIN
    UPDATE stories SET
        first_seen = (SELECT min(sort_time) FROM articles WHERE story_id = stories.id),
        last_seen = (SELECT max(sort_time) FROM articles WHERE story_id = stories.id),
        title = (SELECT title FROM articles WHERE story_id = stories.id
                 ORDER BY sort_time DESC, id DESC LIMIT 1),
        summary = NULL
    WHERE id = new.story_id;
END;
UPDATE stories SET title = (SELECT title FROM articles WHERE story_id = stories.id
                            ORDER BY sort_time DESC, id DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM articles WHERE story_id = stories.id);
"""
MIGRATIONS.append(STORY_HEADLINE_NEWEST)

#: Stories: each indexed article's term vector in one row (JSON, term -> weight), so
#: comparing a new report with a story's reports reads one row per report rather
#: than one index entry per term.
STORY_VECTORS = """
CREATE TABLE story_vectors (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    terms TEXT NOT NULL
);
INSERT INTO story_vectors (article_id, terms)
SELECT article_id, json_group_object(term, weight) FROM story_terms
WHERE kind != 2 GROUP BY article_id;
"""
MIGRATIONS.append(STORY_VECTORS)

#: Stories: each report's candidate sentences for its story's summary, split once
#: when first needed, so a story's summary is remade from its newest reports'
#: sentences without splitting any report again. A report with no candidate keeps
#: one row at position -1 (split, nothing to offer).
REPORT_SENTENCES = """
CREATE TABLE report_sentences (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
"""
MIGRATIONS.append(REPORT_SENTENCES)

#: Articles: a fingerprint of the feed entry as it came (before its text was cleaned),
#: so a refresh tells an unchanged entry without cleaning its text again.
ENTRY_HASH = """
ALTER TABLE articles ADD COLUMN entry_hash TEXT;
"""
MIGRATIONS.append(ENTRY_HASH)

#: Search index: an article written (added, or its title or text changed) waits in
#: ``fts_pending`` and is indexed by the statement that ends its transaction
#: (:func:`newsreader.store.db.transaction`), with every other article of that
#: transaction: one FTS5 insert of many rows costs half as much a row as one
#: insert a row from a trigger. An article deleted or changed while it waits
#: was never indexed, so nothing is taken out of the index for it.
FTS_PENDING = """
CREATE TABLE fts_pending (article_id INTEGER PRIMARY KEY);
DROP TRIGGER articles_ai;
DROP TRIGGER articles_ad;
DROP TRIGGER articles_au_text;
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO fts_pending (article_id) VALUES (new.id);
    UPDATE totals SET articles = articles + 1,
        unread = unread + (1 - new.read), starred = starred + new.starred;
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        SELECT 'delete', old.id, old.title, old.text
        WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.id);
    DELETE FROM fts_pending WHERE article_id = old.id;
    UPDATE totals SET articles = articles - 1,
        unread = unread - (1 - old.read), starred = starred - old.starred;
END;
CREATE TRIGGER articles_au_text AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        SELECT 'delete', old.id, old.title, old.text
        WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.id);
    INSERT OR IGNORE INTO fts_pending (article_id) VALUES (new.id);
END;
"""
MIGRATIONS.append(FTS_PENDING)
MIGRATIONS.append(STORY_COUNT)
MIGRATIONS.append(STORY_VECTORS_PACKED)

#: Indexes the articles waiting in ``fts_pending``; run before each commit.
INDEX_PENDING = (
    "INSERT INTO articles_fts (rowid, title, text) SELECT a.id, a.title, a.text"
    " FROM fts_pending p JOIN articles a ON a.id = p.article_id",
    "DELETE FROM fts_pending",
)

SCHEMA_VERSION = len(MIGRATIONS)
