"""Reading ``.txt`` files: one article per file."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from newsreader.importers.base import FileContext, Record, make_article
from newsreader.importers.files import SkipFile
from newsreader.text import infer
from newsreader.text.body import clean_paragraphs


def read(text: str, ctx: FileContext) -> list[Record]:
    """The article in a plain-text file (title, date and byline inferred)."""
    return [article_from_paragraphs(clean_paragraphs(text), ctx)]


def article_from_paragraphs(
    paragraphs: list[str],
    ctx: FileContext,
    title: str | None = None,
    *,
    published: datetime | None = None,
    author: str | None = None,
    url: str | None = None,
    source: str | None = None,
    topics: Iterable[str] = (),
) -> Record:
    """An article from cleaned paragraphs; raises :class:`SkipFile` when nothing is left.

    ``title``, ``published`` and ``author`` known from metadata win over what
    :func:`~newsreader.text.infer` finds in the text.
    """
    found = infer(paragraphs, title, author)
    if not found.paragraphs or not found.title:
        raise SkipFile("no article text", "no article text (only boilerplate or markup)")
    return make_article(
        ctx,
        found.title,
        found.paragraphs,
        published=published or found.published,
        author=author or found.author,
        url=url,
        source=source,
        topics=topics,
    )
