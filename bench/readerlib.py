"""The reader bench's libraries: the same synthetic articles in newsreader and in newsboat.

:func:`our_library` stores ``size`` reproducible fictional articles through the
store's bulk path (:meth:`Library.add_new_articles`), each in a story of its own
(the newest stories hold three reports), with stored summaries for the articles a
session visits, so that the reader never has to make one. :func:`newsboat_cache`
writes the same titles, sources, dates and texts into a newsboat cache that
newsboat created itself, one feed per source and a query feed of every article
first in its feed list. Both are cached under the given folder by size.
"""

from __future__ import annotations

import html
import json
import random
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from newsreader.models import ArticleQuery, NewArticle
from newsreader.store import Library, LibraryError, rows
from newsreader.store.story_vectors import pack_vector

#: Bump when the articles generated change, so cached libraries are rebuilt.
GENERATOR_VERSION = 3
TOPICS = [f"topic{n:02d}" for n in range(24)]
SOURCES = [f"Outlet {n}" for n in range(15)]
BATCH = 20_000
#: The newest article is this old; each next one a minute older.
NEWEST = 1_767_225_600.0  # 2026-01-01 00:00 UTC
STEP = 60.0
#: Summaries stored for this many rows at the top of every list a session shows.
VISITED = 300
#: Stories of three reports at the top of the story view.
MULTI_REPORT_STORIES = 100
NEWSBOAT_QUERY = "All articles"


def _words(rng: random.Random, count: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(count)]


def generate(count: int, seed: int = 11) -> Iterator[NewArticle]:
    """``count`` reproducible fictional articles, newest first (1-3 topics each)."""
    rng = random.Random(seed)
    words = _words(rng, 4000)
    common = words[:40]  # frequent words, so a search finds many articles
    pool = [
        " ".join(rng.choice(words if i % 3 else common) for i in range(rng.randint(7, 15)))
        .capitalize()
        .strip()
        + "."
        for _ in range(5000)
    ]
    for n in range(count):
        sentences = rng.sample(pool, rng.randint(5, 9))
        paragraphs = [" ".join(sentences[:3]), " ".join(sentences[3:])]
        text = "\n\n".join(paragraphs)
        title = " ".join(rng.choice(words) for _ in range(rng.randint(4, 9))).capitalize()
        yield NewArticle(
            title=f"{title} {n}",
            text=text,
            source_name=SOURCES[rng.randrange(len(SOURCES))],
            url=f"https://example.org/{n}",
            guid=f"bench-{n}",
            published=_utc(NEWEST - STEP * n),
            topics=tuple(rng.sample(TOPICS, rng.randint(1, 3))),
        )


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def search_word(seed: int = 11) -> str:
    """A word of about one article in a hundred (a search with many results at 100,000)."""
    return _words(random.Random(seed), 4000)[100]


def _done(marker: Path) -> bool:
    try:
        return json.loads(marker.read_text())["version"] == GENERATOR_VERSION
    except (OSError, ValueError, KeyError):
        return False


def our_library(folder: Path, size: int, log=print) -> Path:  # type: ignore[no-untyped-def]
    """newsreader's library of ``size`` articles under ``folder``, built when missing."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"newsreader-{size}.sqlite"
    marker = folder / f"newsreader-{size}.done"
    if _done(marker) and path.exists():
        try:
            Library(path).close()  # a schema upgrade happens here, not in a measured start
            return path
        except LibraryError as exc:  # made by a newsreader whose schema went another way
            log(f"rebuilding {path.name}: {exc}")
    for stale in folder.glob(f"newsreader-{size}.sqlite*"):
        stale.unlink()
    started = time.perf_counter()
    bulk_build(path, generate(size))
    with Library(path) as library:
        _summaries(library)
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    marker.write_text(json.dumps({"version": GENERATOR_VERSION, "size": size}))
    log(f"built {size:,} articles for newsreader in {time.perf_counter() - started:.0f} s")
    return path


#: The tables whose insert triggers keep counters and the search index; the bulk
#: build fills those itself, once, and puts the triggers back.
_TRIGGERED = ("articles", "article_topics")


def bulk_build(path: Path, articles: Iterable[NewArticle]) -> int:
    """Store ``articles`` (new, distinct, newest first) in a new library at ``path``.

    The shape ``Library.add_new_articles`` and ``bulk_index`` give them, at a
    fraction of the cost, so that a library of a million articles can be built in
    a bench run: plain ``executemany`` into the store's tables in one transaction
    with the insert triggers set aside, then the counters, the topic counts and the
    search index (one FTS5 rebuild) filled once. Each article gets a story of its
    own, except the newest :data:`MULTI_REPORT_STORIES` stories, of three reports
    each; every article is indexed with one term, as the bench's stories need no
    grouping. Returns the number stored.
    """
    with Library(
        path
    ) as library:  # the schema, the sources and the topics, as the store makes them
        source_ids = {name: library.source_id("import", name) for name in SOURCES}
        topic_ids = library.topic_ids(TOPICS)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute(f"PRAGMA cache_size = -{512 * 1024}")
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (?, ?)",
            _TRIGGERED,
        ).fetchall()
        conn.execute("BEGIN")
        for name, _sql in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        count = _fill(conn, articles, source_ids, topic_ids)
        for _name, sql in triggers:
            conn.execute(sql)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return count


def _fill(
    conn: sqlite3.Connection,
    articles: Iterable[NewArticle],
    source_ids: dict[str, int],
    topic_ids: dict[str, int],
) -> int:
    added = NEWEST + 3600
    count = 0
    story_of: dict[int, int] = {}  # article -> its story, for the newest multi-report stories
    batch: list[NewArticle] = []

    def flush() -> None:
        nonlocal batch
        _insert_batch(conn, batch, count - len(batch) + 1, added, source_ids, topic_ids, story_of)
        batch = []

    for new in articles:
        count += 1
        if count <= MULTI_REPORT_STORIES * 3:
            story_of[count] = count - (count - 1) % 3
        batch.append(new)
        if len(batch) == BATCH:
            flush()
    flush()
    conn.execute(
        "UPDATE totals SET articles = (SELECT count(*) FROM articles),"
        " unread = (SELECT count(*) FROM articles WHERE read = 0), starred = 0"
    )
    conn.execute(
        "UPDATE topic_counts SET"
        " total = (SELECT count(*) FROM article_topics a WHERE a.topic_id = topic_counts.topic_id),"
        " unread = (SELECT count(*) FROM article_topics a"
        "           WHERE a.topic_id = topic_counts.topic_id AND a.read = 0)"
    )
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    conn.execute(
        "INSERT INTO term_documents (term, documents) VALUES ('bench', ?)"
        " ON CONFLICT (term) DO UPDATE SET documents = documents + excluded.documents",
        (count,),
    )
    return count


def _insert_batch(
    conn: sqlite3.Connection,
    batch: list[NewArticle],
    first: int,
    added: float,
    source_ids: dict[str, int],
    topic_ids: dict[str, int],
    story_of: dict[int, int],
) -> None:
    articles, topics, stories = [], [], []
    for number, new in enumerate(batch, first):
        assert new.published is not None
        when = min(new.published.timestamp(), added)
        story = story_of.get(number, number)
        articles.append(
            (number, source_ids[new.source_name], new.url, new.guid, new.title, when, added)
            + (when, new.text, new.language, rows.content_hash(new.text), story)
        )
        topics.extend((topic_ids[name], number, when) for name in new.topics)
        if story == number:  # the newest report of its story: its headline and last time
            size = 3 if number in story_of else 1
            oldest = when - STEP * (size - 1)
            stories.append((story, new.title, oldest, when, size))
    conn.executemany(
        "INSERT INTO stories (id, title, first_seen, last_seen, size) VALUES (?, ?, ?, ?, ?)",
        stories,
    )
    conn.executemany(
        "INSERT INTO articles (id, source_id, url, guid, title, published, added, sort_time,"
        " text, language, content_hash, story_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        articles,
    )
    conn.executemany(
        "INSERT INTO article_topics (topic_id, article_id, origin, sort_time, read)"
        " VALUES (?, ?, 'source', ?, 0)",
        topics,
    )
    conn.executemany(
        "INSERT INTO story_terms (term, kind, sort_time, article_id, weight)"
        " VALUES ('bench', 0, ?, ?, 1.0)",
        [(row[5], row[0]) for row in articles],
    )
    vector = pack_vector({"bench": 1.0})
    conn.executemany(
        "INSERT INTO story_vectors (article_id, vector) VALUES (?, ?)",
        [(row[0], vector) for row in articles],
    )


def _summaries(library: Library) -> None:
    """Lead summaries of the rows a session visits, under the reader's default settings."""
    import summarize
    from newsreader.config import Settings
    from summarize.types import Summary, SummarySentence

    settings = Settings()
    algorithm = settings.summary.algorithm or summarize.DEFAULT_ALGORITHM
    sentences = settings.summary.sentences
    queries = [ArticleQuery(), ArticleQuery(search=search_word())]
    queries += [ArticleQuery(topics=(t.name,)) for t in library.topic_counts()[:9]]
    wanted: set[int] = set()
    for query in queries:
        wanted.update(row.id for row in library.list_articles(query, limit=VISITED))
    for story in library.list_stories(limit=VISITED):
        found = library.get_story(story.id)
        if found is not None:
            wanted.update(row.id for row in found.articles)
    payloads = []
    for article_id in sorted(wanted):
        article = library.get_article(article_id)
        assert article is not None
        spans = _sentence_spans(article.text)[:sentences]
        summary = Summary(
            tuple(SummarySentence(article.text[a:b], a, b, 1.0) for a, b in spans), algorithm
        )
        payloads.append((article_id, algorithm, sentences, summary.to_json()))
    library.store_summaries(payloads)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for index, char in enumerate(text):
        if char == ".":
            spans.append((start, index + 1))
            start = index + 1
            while start < len(text) and text[start].isspace():
                start += 1
    return spans


def reset_flags(path: Path) -> None:
    """Mark unread again what a session read (the rows near the top of each list)."""
    with Library(path) as library:
        queries = [ArticleQuery(), ArticleQuery(search=search_word())]
        queries += [ArticleQuery(topics=(t.name,)) for t in library.topic_counts()[:9]]
        for query in queries:
            for row in library.list_articles(query, limit=VISITED):
                if row.read:
                    library.set_read(row.id, False)


# -- newsboat --------------------------------------------------------------


def _feed_url(source: str) -> str:
    return f"http://127.0.0.1:9/{source.replace(' ', '-').lower()}.xml"


def newsboat_files(folder: Path, size: int) -> tuple[Path, Path, Path]:
    """(urls file, config file, cache) for newsboat at ``size``."""
    home = folder / f"newsboat-{size}"
    return home / "urls", home / "config", home / "cache.db"


def newsboat_cache(folder: Path, size: int, log=print) -> tuple[Path, Path, Path]:  # type: ignore[no-untyped-def]
    """newsboat's urls, config and cache of the same ``size`` articles, built when missing."""
    urls, config, cache = newsboat_files(folder, size)
    marker = cache.with_suffix(".done")
    if _done(marker) and cache.exists():
        return urls, config, cache
    shutil.rmtree(urls.parent, ignore_errors=True)
    urls.parent.mkdir(parents=True)
    started = time.perf_counter()
    query = f'"query:{NEWSBOAT_QUERY}:unread = \\"yes\\" or unread = \\"no\\""'
    urls.write_text(query + "\n" + "".join(_feed_url(s) + "\n" for s in SOURCES))
    config.write_text("")  # newsboat's defaults
    # newsboat makes its own schema; the bench only fills it.
    subprocess.run(
        ["newsboat", "-u", str(urls), "-c", str(cache), "-C", str(config), "-x", "print-unread"],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    conn = sqlite3.connect(cache)
    with conn:
        conn.executemany(
            "INSERT INTO rss_feed (rssurl, url, title) VALUES (?, ?, ?)",
            [(_feed_url(s), "https://example.org/", s) for s in SOURCES],
        )
        batch: list[tuple[object, ...]] = []
        for article in generate(size):
            content = "".join(f"<p>{html.escape(p)}</p>" for p in article.text.split("\n\n"))
            assert article.published is not None
            batch.append(
                (
                    article.guid,
                    article.title,
                    "",
                    article.url,
                    _feed_url(article.source_name),
                    int(article.published.timestamp()),
                    content,
                    1,
                )
            )
            if len(batch) == BATCH:
                _newsboat_items(conn, batch)
                batch = []
        _newsboat_items(conn, batch)
    conn.close()
    marker.write_text(json.dumps({"version": GENERATOR_VERSION, "size": size}))
    log(f"built {size:,} articles for newsboat in {time.perf_counter() - started:.0f} s")
    return urls, config, cache


def _newsboat_items(conn: sqlite3.Connection, batch: list[tuple[object, ...]]) -> None:
    conn.executemany(
        "INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        batch,
    )


def newsboat_reset(cache: Path) -> None:
    """Every article unread again (newsboat's own cache, not a newsreader library)."""
    conn = sqlite3.connect(cache)
    with conn:
        conn.execute("UPDATE rss_item SET unread = 1 WHERE unread = 0")
    conn.close()
