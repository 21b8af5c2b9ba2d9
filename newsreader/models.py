"""Plain data passed between the library store and the rest of the program."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from newsreader.records import Record

SourceKind = Literal["feed", "import"]
TopicOrigin = Literal["source", "section", "tag", "rule"]


@dataclass(frozen=True, repr=False, eq=False)
class NewArticle(Record):
    """An article about to be stored, as importers and feeds produce it."""

    title: str
    text: str
    source_name: str
    source_kind: SourceKind = "import"
    url: str | None = None
    guid: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str = "english"
    #: Topics given by the source (feed categories, ``--topic``, OPML folders).
    topics: tuple[str, ...] = ()
    #: A fingerprint of the feed entry it came from, before cleaning (see ``ingest.decide``).
    entry_hash: str | None = None


@dataclass(frozen=True, repr=False, eq=False)
class ArticleRow(Record):
    """One line of the article list: everything but the text."""

    id: int
    title: str
    source: str
    url: str | None
    published: datetime | None
    added: datetime
    read: bool
    starred: bool
    story_id: int | None = None

    @property
    def when(self) -> datetime:
        """The time the list sorts by: publication, else when it was added."""
        return self.published or self.added


@dataclass(frozen=True, repr=False, eq=False)
class Article(ArticleRow):
    """A whole stored article."""

    text: str = ""
    author: str | None = None
    guid: str | None = None
    language: str = "english"
    content_hash: str = ""
    source_kind: SourceKind = "import"
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, repr=False, eq=False)
class ArticleQuery(Record):
    """Which articles to list. Every given condition must hold (topics too)."""

    topics: tuple[str, ...] = ()
    search: str | None = None
    unread: bool = False
    starred: bool = False
    source: str | None = None
    story_id: int | None = None


@dataclass(frozen=True, repr=False, eq=False)
class AddResult(Record):
    """What storing one :class:`NewArticle` did."""

    article_id: int
    status: Literal["added", "present", "updated"]


@dataclass(frozen=True, repr=False, eq=False)
class TopicCount(Record):
    """A topic with its number of articles and unread articles."""

    name: str
    total: int
    unread: int


@dataclass(frozen=True, repr=False, eq=False)
class SourceCount(Record):
    """A source with its number of articles."""

    kind: SourceKind
    name: str
    total: int
    unread: int


@dataclass(frozen=True, repr=False, eq=False)
class LibraryStats(Record):
    """Totals for ``newsreader stats``."""

    path: str
    size_bytes: int
    articles: int
    unread: int
    starred: int
    sources: list[SourceCount] = field(default_factory=list)
    topics: list[TopicCount] = field(default_factory=list)


@dataclass(frozen=True, repr=False, eq=False)
class StoryRow(Record):
    """One line of the story view: an event reported by one or more articles."""

    id: int
    title: str
    size: int
    sources: tuple[str, ...]
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True, repr=False, eq=False)
class StorySentence(Record):
    """A sentence of a story's summary, attributed to the article it came from."""

    text: str
    article_id: int
    source: str


@dataclass(frozen=True, repr=False, eq=False)
class Story(Record):
    """A whole story: its reports (newest first) and its summary."""

    row: StoryRow
    articles: tuple[ArticleRow, ...]
    summary: tuple[StorySentence, ...] = ()
