"""newsreader.summaries: the library's summary cache, on a real Library."""

from __future__ import annotations

import dataclasses

import pytest

import newsreader.summaries as summaries
from newsreader.config import Settings, SummarySettings
from newsreader.models import NewArticle
from summarize import DEFAULT_ALGORITHM, Summary, SummarySentence

TEXT = (
    "The river burst its banks on Friday and flooded the lower town. "
    "Hundreds of residents spent the night in the school gym. "
    "The council said the flood defences had been due for repair since 2019. "
    "Volunteers brought blankets, food and dry clothes. "
    "The water is expected to fall by Monday."
)


def _add(library, text: str = TEXT, language: str = "english") -> int:
    new = NewArticle(title="Flood", text=text, source_name="test", language=language)
    return library.add_article(new).article_id


def test_summary_is_made_once_then_read_from_the_cache(library) -> None:
    article_id = _add(library)
    article = library.get_article(article_id)
    assert summaries.cached_summary(library, article, None, 2) is None
    first = summaries.summary_for(library, article_id, None, 2)
    assert first.algorithm == DEFAULT_ALGORITHM
    assert len(first.sentences) == 2
    assert library.cached_summary(article_id, DEFAULT_ALGORITHM, 2) == first.to_json()
    assert summaries.cached_summary(library, article, None, 2) == first

    # A stored summary that still fits the text is what every later call returns:
    # it is read, not made again (the summariser would not pick these sentences).
    last = TEXT.rindex("The water")
    kept = Summary(
        (
            SummarySentence(TEXT[:10], 0, 10, 1.0),
            SummarySentence(TEXT[last:], last, len(TEXT), 0.5),
        ),
        DEFAULT_ALGORITHM,
    )
    assert kept != first
    library.store_summary(article_id, DEFAULT_ALGORITHM, 2, kept.to_json())
    assert summaries.summary_for(library, article_id, None, 2) == kept
    assert summaries.summary_for(library, article_id, "", 2) == kept
    assert summaries.summary_of(library, article, None, 2) == kept
    assert summaries.cached_summary(library, article, DEFAULT_ALGORITHM, 2) == kept


def test_each_algorithm_and_length_is_cached_apart(library) -> None:
    article_id = _add(library)
    lex = summaries.summary_for(library, article_id, "lexrank", 1)
    default = summaries.summary_for(library, article_id, None, 3)
    assert lex.algorithm == "lexrank" and len(lex.sentences) == 1
    assert len(default.sentences) == 3
    assert library.cached_summary(article_id, "lexrank", 1) == lex.to_json()
    assert library.cached_summary(article_id, DEFAULT_ALGORITHM, 3) == default.to_json()


def test_a_stale_or_broken_cache_entry_is_replaced(library) -> None:
    article_id = _add(library)
    stale = Summary((SummarySentence("Not in the text.", 0, 16, 1.0),), DEFAULT_ALGORITHM)
    library.store_summary(article_id, DEFAULT_ALGORITHM, 2, stale.to_json())
    fresh = summaries.summary_for(library, article_id, None, 2)
    assert fresh != stale
    assert all(TEXT[s.start : s.end] == s.text for s in fresh.sentences)
    library.store_summary(article_id, DEFAULT_ALGORITHM, 2, "{not json")
    assert summaries.summary_for(library, article_id, None, 2) == fresh


def test_missing_article_and_bad_algorithm(library) -> None:
    with pytest.raises(LookupError, match="12345"):
        summaries.summary_for(library, 12345, None, 3)
    article_id = _add(library)
    with pytest.raises(ValueError, match="'nope'"):
        summaries.summary_for(library, article_id, "nope", 3)


def test_unsupported_article_language_falls_back_to_english(library) -> None:
    article_id = _add(library, language="klingon")
    assert len(summaries.summary_for(library, article_id, None, 2).sentences) == 2


def test_ensure_summary_follows_the_settings(library) -> None:
    article_id = _add(library)
    settings = dataclasses.replace(
        Settings(), summary=SummarySettings(algorithm="textrank", sentences=2)
    )
    made = summaries.ensure_summary(library, article_id, settings)
    assert made is not None and made.algorithm == "textrank" and len(made.sentences) == 2
    assert library.cached_summary(article_id, "textrank", 2) == made.to_json()
    bad = dataclasses.replace(Settings(), summary=SummarySettings(algorithm="nope", sentences=1))
    fallback = summaries.ensure_summary(library, article_id, bad)
    assert fallback is not None and fallback.algorithm == DEFAULT_ALGORITHM
    assert summaries.ensure_summary(library, 999_999, settings) is None


def test_summaries_written_without_waiting_are_kept_back_while_the_library_is_locked(
    library,
) -> None:
    """The fetcher writes summaries ahead only when the write lock is free at once;
    a refused write changes nothing and returns False, a later one stores them all."""
    from newsreader.store import Library

    ids = [_add(library), _add(library, TEXT + " More rain is due.")]
    made = [(article_id, DEFAULT_ALGORITHM, 2, f'{{"n": {article_id}}}') for article_id in ids]
    other = Library(library.path)
    try:
        other.conn.execute("BEGIN IMMEDIATE")
        assert library.store_summaries(made, wait=False) is False
        assert all(library.cached_summary(i, DEFAULT_ALGORITHM, 2) is None for i in ids)
        other.conn.execute("ROLLBACK")
    finally:
        other.close()
    assert library.store_summaries(made, wait=False) is True
    assert [library.cached_summary(i, DEFAULT_ALGORITHM, 2) for i in ids] == [m[3] for m in made]
