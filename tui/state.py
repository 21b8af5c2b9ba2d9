"""The reader's state as plain data: filters and summary preferences.

Nothing here touches Textual or the library; the screen keeps one
:class:`Filters` and one :class:`SummaryPrefs` and replaces them on each key.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from newsreader.models import ArticleQuery
from newsreader.safetext import one_line

MIN_SENTENCES = 1
MAX_SENTENCES = 10

SummaryMode = Literal["both", "summary", "text"]
SUMMARY_MODES: tuple[SummaryMode, ...] = ("both", "summary", "text")


@dataclass(frozen=True)
class Filters:
    """What the list shows: every condition must hold (all topics too)."""

    topics: tuple[str, ...] = ()
    search: str | None = None
    unread: bool = False
    starred: bool = False
    #: The reports of one story (opened from the story view).
    story: int | None = None
    #: The articles of one source (opened from the feed view).
    source: str | None = None

    @property
    def active(self) -> bool:
        """True when anything narrows the list."""
        return bool(
            self.topics
            or self.search
            or self.unread
            or self.starred
            or self.story is not None
            or self.source is not None
        )

    def query(self) -> ArticleQuery:
        """The library query for these filters."""
        return ArticleQuery(
            topics=self.topics,
            search=self.search,
            unread=self.unread,
            starred=self.starred,
            story_id=self.story,
            source=self.source,
        )

    def toggle_topic(self, name: str) -> Filters:
        """These filters with ``name`` added, or removed when already there."""
        folded = name.casefold()
        if any(topic.casefold() == folded for topic in self.topics):
            return replace(self, topics=tuple(t for t in self.topics if t.casefold() != folded))
        return replace(self, topics=(*self.topics, name))

    def describe(self) -> str:
        """A short plain description, e.g. ``world + sport · "ukraine" · unread``."""
        parts: list[str] = []
        if self.topics:
            parts.append(" + ".join(one_line(t) for t in self.topics))
        if self.search:
            parts.append(f'"{one_line(self.search)}"')
        if self.unread:
            parts.append("unread")
        if self.starred:
            parts.append("starred")
        if self.story is not None:
            parts.append(f"story {self.story}")
        if self.source is not None:
            parts.append(f"from {one_line(self.source)}")
        return " · ".join(parts)


def configured_algorithm(name: str, known: tuple[str, ...]) -> str:
    """The configured algorithm if it is ``known``, else the first known (the default)."""
    return name if name in known else known[0]


@dataclass(frozen=True)
class SummaryPrefs:
    """How summaries are made and shown."""

    algorithm: str
    sentences: int = 3
    mode: SummaryMode = "both"

    def longer(self, step: int) -> SummaryPrefs:
        """These preferences with ``step`` more (or fewer) sentences, within bounds."""
        count = min(MAX_SENTENCES, max(MIN_SENTENCES, self.sentences + step))
        return replace(self, sentences=count)

    def next_algorithm(self, algorithms: tuple[str, ...]) -> SummaryPrefs:
        """These preferences with the algorithm after the current one."""
        if not algorithms:
            return self
        try:
            index = algorithms.index(self.algorithm)
        except ValueError:
            index = -1
        return replace(self, algorithm=algorithms[(index + 1) % len(algorithms)])

    def next_mode(self) -> SummaryPrefs:
        """Cycle: summary and text, summary only, text only (summary collapsed)."""
        index = SUMMARY_MODES.index(self.mode)
        return replace(self, mode=SUMMARY_MODES[(index + 1) % len(SUMMARY_MODES)])
