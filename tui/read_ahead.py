"""Articles read ahead of the cursor, so that moving to the next one shows it at once.

A pager reads ahead: while one article is shown, a worker loads the rows around
the cursor (:data:`AHEAD` after it, :data:`BEHIND` before it) with their cached
summaries, and the screen keeps them here. A key that moves to one of them shows
it in the same frame as the cursor's move, with no trip to the library. The rows
are read in batches: a worker starts only when one of the rows next to the
cursor (:func:`near`) is neither here nor asked for, and then reads every row of
the window that is missing, so that most moves start no worker at all (a worker
and its answer cost a key more than the article itself). Plain data, no Textual:
the screen decides when to use it and when to forget it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from newsreader.models import Article
from summarize.types import Summary

#: Rows read after the cursor's, and before it.
AHEAD = 8
BEHIND = 2
#: Rows next to the cursor (after it, and before it) that start a read when missing.
NEAR_AHEAD = 2
NEAR_BEHIND = 1
#: Articles kept (the oldest read is forgotten first).
KEPT = 24


def _window(cursor: int, total: int, after: int, before: int) -> list[int]:
    indexes = [cursor + step for step in range(1, after + 1)]
    indexes += [cursor - step for step in range(1, before + 1)]
    return [index for index in indexes if 0 <= index < total]


def around(cursor: int, total: int) -> list[int]:
    """The row indexes to read ahead around ``cursor``: the next ones first."""
    return _window(cursor, total, AHEAD, BEHIND)


def near(cursor: int, total: int) -> list[int]:
    """The row indexes next to ``cursor`` that must be read ahead (a read starts when
    one of them is missing)."""
    return _window(cursor, total, NEAR_AHEAD, NEAR_BEHIND)


@dataclass(frozen=True)
class Loaded:
    """An article with its cached summary (None: none made with those settings yet)."""

    article: Article
    summary: Summary | None
    algorithm: str
    sentences: int


class ReadAhead:
    """Loaded articles by id."""

    def __init__(self, kept: int = KEPT) -> None:
        self._kept = kept
        self._loaded: OrderedDict[int, Loaded] = OrderedDict()
        #: Ids asked for and not yet come.
        self._asked: set[int] = set()

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._loaded

    def get(self, article_id: int) -> Loaded | None:
        """The article as loaded, if it is here."""
        found = self._loaded.get(article_id)
        if found is not None:
            self._loaded.move_to_end(article_id)
        return found

    def keep(self, loaded: Loaded) -> None:
        """Keep an article that a worker loaded."""
        article_id = loaded.article.id
        self._asked.discard(article_id)
        self._loaded[article_id] = loaded
        self._loaded.move_to_end(article_id)
        while len(self._loaded) > self._kept:
            self._loaded.popitem(last=False)

    def asked(self, article_id: int) -> bool:
        """True while a worker is reading ``article_id`` ahead."""
        return article_id in self._asked

    def missing(self, article_ids: Iterable[int]) -> bool:
        """True when one of ``article_ids`` is neither here nor asked for."""
        return any(i not in self._loaded and i not in self._asked for i in article_ids)

    def wanted(self, article_ids: Iterable[int]) -> list[int]:
        """Those of ``article_ids`` neither here nor asked for (now counted as asked)."""
        wanted = [i for i in article_ids if i not in self._loaded and i not in self._asked]
        self._asked.update(wanted)
        return wanted

    def summary_made(
        self, article_id: int, summary: Summary, algorithm: str, sentences: int
    ) -> None:
        """A summary was made for an article: kept with it, if the article is here."""
        kept = self._loaded.get(article_id)
        if kept is not None:
            self._loaded[article_id] = replace(
                kept, summary=summary, algorithm=algorithm, sentences=sentences
            )

    def forget(self) -> None:
        """The library changed: nothing read ahead is trusted any more."""
        self._loaded.clear()
        self._asked.clear()
