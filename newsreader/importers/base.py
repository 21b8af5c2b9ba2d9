"""What every reader of a file format receives and returns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsreader.config import LibrarySettings
from newsreader.limits import (
    MAX_NAME_CHARS,
    MAX_TITLE_CHARS,
    MAX_TOPIC_CHARS,
    MAX_TOPICS,
    MAX_URL_CHARS,
    bounded_id,
    cut_line,
    cut_text,
)
from newsreader.models import NewArticle
from newsreader.safetext import one_line, safe_url
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
    #: Article texts are cut at this many characters (``[library] max_text_chars``).
    max_text_chars: int = LibrarySettings().max_text_chars


@dataclass(frozen=True)
class RecordError:
    """One bad record of a file holding many (a JSON Lines line, say)."""

    where: str
    reason: str
    detail: str


Record = NewArticle | RecordError


def merge_topics(*groups: Iterable[str]) -> tuple[str, ...]:
    """Topics from several places, cleaned and capped, without repeats (case-insensitive)."""
    seen: dict[str, str] = {}
    for group in groups:
        taken = 0  # each group gives at most MAX_TOPICS, so --topic always counts
        for topic in group:
            name = one_line(topic[: MAX_TOPIC_CHARS * 4])[:MAX_TOPIC_CHARS].strip()
            if name and name.casefold() not in seen:
                seen[name.casefold()] = name
                taken += 1
                if taken == MAX_TOPICS:
                    break
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
    (:func:`newsreader.timestamps.sane_published`); every field is made safe
    and capped (:mod:`newsreader.limits`), the text at ``ctx.max_text_chars``.
    """
    link = safe_url(url) if url else None
    return NewArticle(
        title=cut_line(one_line(title), MAX_TITLE_CHARS),
        text=cut_text(join_paragraphs(paragraphs), ctx.max_text_chars),
        source_name=cut_line(one_line(source or ""), MAX_NAME_CHARS) or ctx.source_name,
        source_kind="import",
        url=link if link and len(link) <= MAX_URL_CHARS else None,
        guid=ctx.guid if guid is None else (bounded_id(guid) or None),
        author=cut_line(one_line(author), MAX_NAME_CHARS) if author else None,
        published=sane_published(published),
        language=(one_line(language).lower()[:40] if language else "") or "english",
        topics=merge_topics(topics, ctx.topics),
    )
