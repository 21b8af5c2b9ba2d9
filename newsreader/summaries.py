"""The library's summaries: made once with :mod:`summarize`, then read from the cache.

The one code path for summaries. The reader reads :func:`cached_summary` (no
summariser loads for it) and calls :func:`summary_of` in a worker when there is
none; the enrichment step calls :func:`ensure_summary` for each new article so
that the first opening is instant too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsreader.config import Settings
from newsreader.models import Article
from newsreader.store import Library
from summarize import Summary
from summarize.algorithms import DEFAULT_ALGORITHM, available_algorithms, resolve


def _valid_for(summary: Summary, text: str) -> bool:
    """True when every cached span still slices its sentence out of ``text``."""
    return all(text[s.start : s.end] == s.text for s in summary.sentences)


def algorithms() -> tuple[str, ...]:
    """Every summary algorithm by name, the default first."""
    return tuple(available_algorithms())


def cached_summary(
    library: Library, article: Article, algorithm: str | None, sentences: int
) -> Summary | None:
    """The stored summary of ``article``, or None when it has to be made.

    A stored summary that no longer fits the article's text (the text changed)
    or cannot be read counts as none. Nothing is summarised here: cheap on any path.
    """
    name = (algorithm or "").strip().lower() or DEFAULT_ALGORITHM
    return _usable(library.cached_summary(article.id, name, sentences), article.text)


def _usable(payload: str | None, text: str) -> Summary | None:
    """The summary in ``payload`` when it can be read and still fits ``text``."""
    if payload is None:
        return None
    try:
        cached = Summary.from_json(payload)
    except (ValueError, KeyError, TypeError, json.JSONDecodeError):
        return None
    return cached if _valid_for(cached, text) else None


def summary_of(
    library: Library, article: Article, algorithm: str | None, sentences: int
) -> Summary:
    """The summary of a stored ``article``: the cached one, else made now and stored.

    Slow when it has to be made (the summariser loads): call it off the UI thread.
    """
    if sentences < 1:
        raise ValueError(f"sentences must be at least 1 (got {sentences})")
    cached = cached_summary(library, article, algorithm, sentences)
    if cached is not None:
        return cached
    name = resolve(algorithm)
    summary = _make(article.text, sentences, name, article.language)
    library.store_summary(article.id, name, sentences, summary.to_json())
    return summary


def summary_for(
    library: Library, article_id: int, algorithm: str | None, sentences: int
) -> Summary:
    """The summary of article ``article_id``: the cached one, else made now and stored.

    ``algorithm`` None or "" is the default. Raises ``LookupError`` when there is
    no such article and ``ValueError`` for an unknown algorithm or a count below 1.
    """
    name, summary, made = _lookup(library, article_id, algorithm, sentences)
    if made:
        library.store_summary(article_id, name, sentences, summary.to_json())
    return summary


def _lookup(
    library: Library, article_id: int, algorithm: str | None, sentences: int
) -> tuple[str, Summary, bool]:
    """(algorithm name, summary, True when made now rather than read from the cache)."""
    name = resolve(algorithm)
    if sentences < 1:
        raise ValueError(f"sentences must be at least 1 (got {sentences})")
    article = library.get_article(article_id)
    if article is None:
        raise LookupError(f"no article with id {article_id}")
    cached = cached_summary(library, article, name, sentences)
    if cached is not None:
        return name, cached, False
    return name, _make(article.text, sentences, name, article.language), True


def _make(text: str, sentences: int, algorithm: str, language: str) -> Summary:
    from summarize import summarize

    try:
        return summarize(text, sentences, algorithm, language or "english")
    except ValueError:
        if (language or "english") == "english":
            raise
        # a language Sumy has no stemmer for: English rules still split and rank it
        return summarize(text, sentences, algorithm, "english")


def _settings_algorithm(settings: Settings) -> str | None:
    """The settings' algorithm, or None (the default) when it is unknown (logged)."""
    algorithm = settings.summary.algorithm or None
    try:
        resolve(algorithm)
    except ValueError as exc:
        import logging  # not on the reader's way to its first frame

        logging.getLogger(__name__).warning("%s; using the default", exc)
        algorithm = None
    return algorithm


def ensure_summary(library: Library, article_id: int, settings: Settings) -> Summary | None:
    """Make and store the summary the settings ask for, unless cached; None if no such article.

    An unknown algorithm in the settings falls back to the default (and is logged),
    so that enrichment never stops on it.
    """
    algorithm = _settings_algorithm(settings)
    try:
        return summary_for(library, article_id, algorithm, max(1, settings.summary.sentences))
    except LookupError:
        return None


def new_summaries(
    library: Library, article_ids: list[int], settings: Settings
) -> Iterator[tuple[int, str, int, str]]:
    """What :func:`ensure_summary` would store for each article, without storing it.

    (article id, algorithm, sentences, payload) of each summary that had to be
    made, in the order of ``article_ids``; articles whose summary is cached, and
    ids not in the library, are left out. Enrichment makes a batch's summaries
    first and stores them in one transaction (:meth:`Library.store_summaries`).
    """
    sentences = max(1, settings.summary.sentences)
    name = resolve(_settings_algorithm(settings))
    inputs = library.summary_inputs(article_ids, name, sentences)
    for article_id in article_ids:
        if article_id not in inputs:
            continue
        text, language, payload = inputs[article_id]
        if _usable(payload, text) is None:
            made = _make(text, sentences, name, language)
            yield article_id, name, sentences, made.to_json()
