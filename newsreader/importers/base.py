"""What every reader of a file format receives and returns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsreader.models import NewArticle
from newsreader.safetext import one_line
from newsreader.text.paragraphs import join_paragraphs
from newsreader.timestamps import sane_published


@dataclass(frozen=True)
class FileContext:
    """Facts about the file being read that articles inherit."""

    path: Path
    #: Source name for articles that do not name their outlet.
    source_name: str
    #: Topics given on the command line (``--topic``).
    topics: tuple[str, ...] = ()
    #: Identity of a one-article file (its resolved path), so re-importing an
    #: edited file updates its article instead of adding a second one.
    guid: str | None = None


@dataclass(frozen=True)
class RecordError:
    """One bad record of a file holding many (a JSON Lines line, say)."""

    where: str
    reason: str
    detail: str


Record = NewArticle | RecordError


def merge_topics(*groups: Iterable[str]) -> tuple[str, ...]:
    """Topics from several places, cleaned, without repeats (case-insensitive)."""
    seen: dict[str, str] = {}
    for group in groups:
        for topic in group:
            name = one_line(topic)
            if name and name.casefold() not in seen:
                seen[name.casefold()] = name
    return tuple(seen.values())


def make_article(
    ctx: FileContext,
    title: str,
    paragraphs: list[str],
    *,
    published: datetime | None = None,
    author: str | None = None,
    url: str | None = None,
    source: str | None = None,
    topics: Iterable[str] = (),
    language: str | None = None,
    guid: str | None = None,
) -> NewArticle:
    """A :class:`NewArticle` from cleaned parts, with the file's defaults filled in.

    ``guid`` None means the file's (``ctx.guid``); ``""`` means none. An
    implausible ``published`` is dropped, one far ahead becomes now
    (:func:`newsreader.timestamps.sane_published`).
    """
    return NewArticle(
        title=one_line(title),
        text=join_paragraphs(paragraphs),
        source_name=one_line(source or "") or ctx.source_name,
        source_kind="import",
        url=one_line(url) if url else None,
        guid=(guid or None) if guid is not None else ctx.guid,
        author=one_line(author) if author else None,
        published=sane_published(published),
        language=(one_line(language).lower() if language else "") or "english",
        topics=merge_topics(topics, ctx.topics),
    )
