"""The one place the reader asks for summaries (an adapter over ``summarize``).

The reader calls :func:`cached` and :func:`make` from worker threads only.
They use ``newsreader.summaries.summary_for`` (cache-through) when it exists,
else ``summarize.summarize`` with the library's summary cache, else a
built-in lead-sentences summary, so the reader works while those land.
A test or benchmark can pass its own :data:`Summarizer` to the app factory.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsreader.models import Article
from newsreader.store import Library
from summarize.types import Summary, SummarySentence

#: Makes a summary of a stored article: (library, article, algorithm, sentences).
Summarizer = Callable[[Library, Article, str, int], Summary]

FALLBACK_ALGORITHM = "lead"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n\s*\n")


def algorithms() -> tuple[str, ...]:
    """The summary algorithms available, the default first."""
    try:
        import summarize

        names = tuple(summarize.available_algorithms())
        default = summarize.DEFAULT_ALGORITHM
    except (ImportError, AttributeError):
        return (FALLBACK_ALGORITHM,)
    if not names:
        return (FALLBACK_ALGORITHM,)
    return (default, *(n for n in names if n != default)) if default in names else names


def resolve(algorithm: str, known: tuple[str, ...]) -> str:
    """The configured algorithm if it is ``known``, else the first known (the default)."""
    return algorithm if algorithm in known else known[0]


def lead_summary(text: str, sentences: int) -> Summary:
    """The first ``sentences`` sentences of ``text`` (the fallback, deterministic)."""
    chosen: list[SummarySentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        _append(chosen, text, start, match.start() + len(match.group(0).rstrip()))
        start = match.end()
        if len(chosen) >= sentences:
            break
    else:
        _append(chosen, text, start, len(text))
    return Summary(tuple(chosen[:sentences]), FALLBACK_ALGORITHM)


def _append(chosen: list[SummarySentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        chosen.append(SummarySentence(text[start:end], start, end, 1.0 / (len(chosen) + 1)))


def cached(
    library: Library, article_id: int, algorithm: str, sentences: int, text: str | None = None
) -> Summary | None:
    """The stored summary, or None when it has to be made (or no longer fits ``text``)."""
    payload = library.cached_summary(article_id, algorithm, sentences)
    if payload is None:
        return None
    try:
        summary = Summary.from_json(payload)
    except (ValueError, KeyError, TypeError):
        return None
    if text is not None and any(text[s.start : s.end] != s.text for s in summary.sentences):
        return None
    return summary


def make(library: Library, article: Article, algorithm: str, sentences: int) -> Summary:
    """Make (and keep) the summary of ``article``: slow, so call it in a worker."""
    from newsreader.summaries import summary_for

    return summary_for(library, article.id, algorithm, sentences)


def default_summarizer(
    library: Library, article: Article, algorithm: str, sentences: int
) -> Summary:
    """The summarizer the app uses unless told otherwise: cache, then :func:`make`."""
    return cached(library, article.id, algorithm, sentences, article.text) or make(
        library, article, algorithm, sentences
    )
