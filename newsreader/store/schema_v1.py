"""The library's first schema (version 1), from which every migration starts.

Counters (``totals``, ``topic_counts``) are kept by triggers so that counting
articles per topic, unread and starred costs the same at any library size.
``article_topics`` repeats each article's sort time and read flag so that the
newest articles of a topic, read or unread, come straight from an index.
"""

V1 = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('feed', 'import')),
    name TEXT NOT NULL,
    UNIQUE (kind, name)
);

CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL,
    size INTEGER NOT NULL DEFAULT 0,
    summary TEXT
);
CREATE INDEX stories_recent ON stories (last_seen DESC, id DESC);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    url TEXT,
    guid TEXT,
    title TEXT NOT NULL,
    author TEXT,
    published REAL,
    added REAL NOT NULL,
    sort_time REAL NOT NULL,
    text TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'english',
    content_hash TEXT NOT NULL UNIQUE,
    read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    story_id INTEGER REFERENCES stories (id) ON DELETE SET NULL,
    rewrite_of INTEGER REFERENCES articles (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX articles_guid ON articles (source_id, guid) WHERE guid IS NOT NULL;
CREATE INDEX articles_newest ON articles (sort_time DESC, id DESC);
CREATE INDEX articles_unread ON articles (read, sort_time DESC, id DESC);
CREATE INDEX articles_starred ON articles (sort_time DESC, id DESC) WHERE starred = 1;
CREATE INDEX articles_source ON articles (source_id, sort_time DESC, id DESC);
CREATE INDEX articles_story ON articles (story_id, sort_time DESC) WHERE story_id IS NOT NULL;

CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE article_topics (
    topic_id INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    origin TEXT NOT NULL CHECK (origin IN ('source', 'section', 'tag', 'rule')),
    sort_time REAL NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (topic_id, article_id)
) WITHOUT ROWID;
CREATE INDEX article_topics_article ON article_topics (article_id);
CREATE INDEX article_topics_newest ON article_topics (topic_id, sort_time DESC, article_id DESC);
CREATE INDEX article_topics_unread
    ON article_topics (topic_id, read, sort_time DESC, article_id DESC);

CREATE TABLE topic_counts (
    topic_id INTEGER PRIMARY KEY REFERENCES topics (id) ON DELETE CASCADE,
    total INTEGER NOT NULL DEFAULT 0,
    unread INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE totals (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    articles INTEGER NOT NULL,
    unread INTEGER NOT NULL,
    starred INTEGER NOT NULL
);
INSERT INTO totals (id, articles, unread, starred) VALUES (1, 0, 0, 0);

CREATE TABLE summaries (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    algorithm TEXT NOT NULL,
    sentences INTEGER NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (article_id, algorithm, sentences)
) WITHOUT ROWID;

CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL UNIQUE REFERENCES sources (id) ON DELETE CASCADE,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    site_url TEXT,
    topic TEXT,
    full_text TEXT NOT NULL DEFAULT 'auto' CHECK (full_text IN ('auto', 'always', 'never')),
    etag TEXT,
    last_modified TEXT,
    last_fetched REAL,
    last_error TEXT,
    retry_after REAL
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    UPDATE totals SET articles = articles + 1,
        unread = unread + (1 - new.read), starred = starred + new.starred;
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    UPDATE totals SET articles = articles - 1,
        unread = unread - (1 - old.read), starred = starred - old.starred;
END;
CREATE TRIGGER articles_au_text AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_au_flags AFTER UPDATE OF read, starred ON articles
WHEN old.read != new.read OR old.starred != new.starred BEGIN
    UPDATE totals SET unread = unread + (old.read - new.read),
        starred = starred + (new.starred - old.starred);
    UPDATE article_topics SET read = new.read
        WHERE article_id = new.id AND read != new.read;
END;
CREATE TRIGGER articles_au_time AFTER UPDATE OF sort_time ON articles
WHEN old.sort_time != new.sort_time BEGIN
    UPDATE article_topics SET sort_time = new.sort_time WHERE article_id = new.id;
END;

CREATE TRIGGER topics_ai AFTER INSERT ON topics BEGIN
    INSERT INTO topic_counts (topic_id) VALUES (new.id);
END;
CREATE TRIGGER article_topics_ai AFTER INSERT ON article_topics BEGIN
    UPDATE topic_counts SET total = total + 1, unread = unread + (1 - new.read)
        WHERE topic_id = new.topic_id;
END;
CREATE TRIGGER article_topics_ad AFTER DELETE ON article_topics BEGIN
    UPDATE topic_counts SET total = total - 1, unread = unread - (1 - old.read)
        WHERE topic_id = old.topic_id;
END;
CREATE TRIGGER article_topics_au AFTER UPDATE OF read ON article_topics
WHEN old.read != new.read BEGIN
    UPDATE topic_counts SET unread = unread + (old.read - new.read)
        WHERE topic_id = new.topic_id;
END;
"""
