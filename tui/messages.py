"""Every message of the reader, in one place.

Workers run in threads and talk to the UI only by posting these (posting is
thread-safe); handlers run on the UI thread. Each carries what it needs to be
recognised as stale (a view generation or an article id), so a late answer
for a view or article the user already left is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.message import Message

from newsreader.models import Article, ArticleRow, SourceCount, Story, StoryRow, TopicCount
from summarize.types import Summary
from tui.read_ahead import Loaded
from tui.state import Filters


@dataclass
class ViewLoaded(Message):
    """A new list view: its size, its first rows and where the cursor goes."""

    generation: int
    filters: Filters
    total: int
    offset: int
    rows: Sequence[ArticleRow | StoryRow]
    cursor: int


@dataclass
class ViewAnswered(Message):
    """A view job's answers (:class:`ViewLoaded`, an :class:`ArticleLoaded` when the
    view has a cursor, :class:`TopicsCounted`) in one post: the worker's thread wakes
    the screen once, not once for each."""

    answers: Sequence[Message]


@dataclass
class PageLoaded(Message):
    """A page of rows the list asked for while scrolling."""

    generation: int
    offset: int
    rows: Sequence[ArticleRow | StoryRow]


@dataclass
class ArticleLoaded(Message):
    """A whole article, with its summary when it was already in the cache."""

    article: Article
    summary: Summary | None
    algorithm: str
    sentences: int


@dataclass
class ArticlesRead(Message):
    """Articles read ahead of the cursor, in one answer, each with its cached summary."""

    articles: Sequence[Loaded]


@dataclass
class SummaryMade(Message):
    """A summary a worker made (or found) for an article."""

    article_id: int
    algorithm: str
    sentences: int
    summary: Summary


@dataclass
class TopicsCounted(Message):
    """The topic bar's topics for a view, most frequent first."""

    generation: int
    counts: list[TopicCount]


@dataclass
class FlagsSaved(Message):
    """An article's read and starred flags as now stored."""

    article_id: int
    read: bool
    starred: bool


@dataclass
class RefreshProgress(Message):
    """A line of progress from refreshing the feeds, and how many articles are new so far."""

    text: str
    new: int = 0


@dataclass
class RefreshFinished(Message):
    """Refreshing ended; ``text`` says what happened."""

    text: str
    changed: bool
    #: Some feed (or the run) failed: ``text`` names them.
    failed: bool = False


@dataclass
class TopicChoices(Message):
    """Every topic with articles, for the topic picker."""

    counts: list[TopicCount]


@dataclass
class StoryLoaded(Message):
    """A whole story for the story view's pane."""

    story: Story


@dataclass
class FlagsNotSaved(Message):
    """Storing a flag failed: the flags as stored (or as before), and why."""

    article_id: int
    read: bool
    starred: bool
    error: str


@dataclass
class UnreadFound(Message):
    """Where the next (or previous) unread article of a view is (None: there is none)."""

    generation: int
    index: int | None
    step: int


@dataclass
class SourcesCounted(Message):
    """Every source with its unread and total counts, for the feed view."""

    counts: list[SourceCount]


@dataclass
class MarkedRead(Message):
    """Many articles were marked read (``undo`` False) or back unread (``undo`` True)."""

    article_ids: list[int]
    what: str
    undo: bool = False


@dataclass
class LibraryChanged(Message):
    """Another process (or a refresh) stored or removed articles: the marks now."""

    marks: tuple[int, int]


@dataclass
class SamplesPreparing(Message):
    """The bundled samples are being stored (a first run): ``count`` articles."""

    count: int


@dataclass
class SamplesReady(Message):
    """The samples are stored and enriched: ``count`` articles."""

    count: int
