"""What the reader's workers do: plain functions over a :class:`Library`.

No Textual here. A worker thread takes its own connection with
:func:`library` (kept for the thread, as the worker threads are pooled) and
passes it in; the screen posts the results as messages (:mod:`tui.messages`).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.config import Settings
from newsreader.models import Article, ArticleRow, Story, StoryRow, TopicCount
from newsreader.safetext import one_line
from newsreader.store import Library
from newsreader.stories import story_summary as stories
from newsreader.summaries import cached_summary
from summarize.types import Summary
from tui.state import Filters

if TYPE_CHECKING:  # the pipeline (httpx, feedparser) loads only when a refresh starts
    from newsreader.ingest import Event, FetchReport

#: Rows fetched per page as the list scrolls.
PAGE_SIZE = 200
#: The cursor stays on its article after a filter change if it is among this many rows.
KEEP_WITHIN = 5000
TOPIC_SLOTS = 9


_threads = threading.local()


def library(path: Path) -> Library:
    """The calling thread's connection to the library at ``path``, opened on first use.

    The connection stays open for the thread's next job (reads in autocommit mode
    see every commit, other processes' too); a thread keeps one library at a time.
    """
    kept: Library | None = getattr(_threads, "library", None)
    if kept is not None and kept.path == path:
        return kept
    if kept is not None:
        kept.close()
    _threads.library = Library(path)
    return _threads.library


@dataclass(frozen=True)
class View:
    """A list view's size, the page around its cursor, and the cursor."""

    total: int
    offset: int
    rows: list[ArticleRow] | list[StoryRow]
    cursor: int


def load_view(library: Library, filters: Filters, keep_id: int | None) -> View:
    """Count the view, find the cursor (kept on ``keep_id`` when it is near the top)."""
    query = filters.query()
    total = library.count_articles(query)
    cursor = 0
    if keep_id is not None and total:
        found = library.index_within(query, keep_id, KEEP_WITHIN)
        cursor = found if found is not None else 0
    offset = (cursor // PAGE_SIZE) * PAGE_SIZE
    rows = library.list_articles(query, limit=PAGE_SIZE, offset=offset) if total else []
    return View(total, offset, rows, cursor)


@dataclass(frozen=True)
class ViewBundle:
    """What a new view shows at once: the list, the article under the cursor (with its
    cached summary) and the topic bar."""

    view: View
    article: Article | None
    summary: Summary | None
    counts: list[TopicCount]


def load_view_bundle(
    library: Library, filters: Filters, keep_id: int | None, algorithm: str, sentences: int
) -> ViewBundle:
    """The view for ``filters``, the article under its cursor and its topic bar, read
    together so that they reach the screen together and are drawn in one frame."""
    view = load_view(library, filters, keep_id)
    position = view.cursor - view.offset
    article, summary = None, None
    if 0 <= position < len(view.rows):  # the article comes with the view: one trip less
        article, summary = load_article(library, view.rows[position].id, algorithm, sentences)
    return ViewBundle(view, article, summary, topic_bar(library, filters, view.rows))


def load_page(
    library: Library, filters: Filters, offset: int, after_id: int | None = None
) -> list[ArticleRow]:
    """One page of the view starting at ``offset``: read after the row before it
    (``after_id``, keyset paging) when that row is known, else by offset."""
    query = filters.query()
    if after_id is not None:
        rows = library.list_after(query, after_id, PAGE_SIZE)
        if rows is not None:
            return rows
    return library.list_articles(query, limit=PAGE_SIZE, offset=offset)


def load_article(
    library: Library, article_id: int, algorithm: str, sentences: int
) -> tuple[Article | None, Summary | None]:
    """The article and its cached summary (None when it has to be made)."""
    article = library.get_article(article_id)
    if article is None:
        return None, None
    return article, cached_summary(library, article, algorithm, sentences)


def topic_bar(
    library: Library, filters: Filters, rows: Sequence[ArticleRow | StoryRow]
) -> list[TopicCount]:
    """Topics for the bar: the active ones first, then the most frequent in view.

    Unfiltered, the counts are the library's own (constant time). Filtered,
    they are counted over ``rows``, the view's first page (at most
    :data:`PAGE_SIZE` articles), so the cost does not grow with the library;
    the active topics are pinned first (every row has them).
    """
    if filters.active:
        counts = library.topic_counts_among([r.id for r in rows], TOPIC_SLOTS * 2)
    else:
        counts = library.topic_counts(limit=TOPIC_SLOTS)
    active = {t.casefold() for t in filters.topics}
    by_name = {c.name.casefold(): c for c in counts}
    pinned = [by_name.get(t.casefold(), TopicCount(t, 0, 0)) for t in filters.topics]
    rest = [c for c in counts if c.name.casefold() not in active]
    return (pinned + rest)[: max(TOPIC_SLOTS, len(pinned))]


def set_flags(
    library: Library, article_id: int, read: bool | None, starred: bool | None
) -> tuple[bool, bool]:
    """Store the read and/or starred flag; return both as now stored."""
    if read is not None:
        library.set_read(article_id, read)
    if starred is not None:
        library.set_starred(article_id, starred)
    article = library.get_article(article_id)
    if article is None:
        return bool(read), bool(starred)
    return article.read, article.starred


def describe_progress(event: Event) -> str:
    """One line for a refresh progress event."""
    progress = event.progress
    line = f"{progress.feeds_done}/{progress.feeds_total} feeds · {progress.articles_new} new"
    if progress.articles_enriched:
        line += f" · {progress.articles_enriched} summarised"
    return line


#: Failed feeds named in the refresh notification; the rest are counted.
FAILURES_SHOWN = 3


def describe_report(report: FetchReport) -> str:
    """What a refresh did, naming the feeds that failed and why."""
    lines = [f"{report.new} new, {report.updated} updated"]
    for result in report.failed[:FAILURES_SHOWN]:
        lines.append(f"{one_line(result.title)}: {one_line(result.errors[0])}")
    hidden = len(report.failed) - FAILURES_SHOWN
    if hidden > 0:
        lines.append(f"and {hidden} more failed feeds (see `newsreader feeds`)")
    lines.extend(one_line(error) for error in report.errors)
    return "\n".join(lines)


def load_story_view(library: Library) -> View:
    """The story view: how many stories, and the first page of them (newest first)."""
    total = library.count_stories()
    rows = library.list_stories(limit=PAGE_SIZE, offset=0) if total else []
    return View(total, 0, rows, 0)


def load_story_page(library: Library, offset: int, after: StoryRow | None = None) -> list[StoryRow]:
    """One page of the story view starting at ``offset``: read after the story before it
    (``after``, keyset paging) when that story is known and still in place, else by offset."""
    if after is not None:
        rows = library.list_stories_after(after, PAGE_SIZE)
        if rows is not None:
            return rows
    return library.list_stories(limit=PAGE_SIZE, offset=offset)


def load_story(library: Library, story_id: int, settings: Settings) -> Story | None:
    """A whole story: its reports and its summary (a one-report story: that report's)."""
    return stories.load_story(library, story_id, settings)
