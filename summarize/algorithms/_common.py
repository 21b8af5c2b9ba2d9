"""What every algorithm shares: language tools and recorded sentence ratings."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from operator import attrgetter
from typing import Any


@dataclass(frozen=True)
class LanguageTools:
    """The tokenizer, stemmer and stop words for one language."""

    language: str
    tokenizer: Any
    stemmer: Callable[[str], str]
    stop_words: frozenset[str]


def _supported_languages() -> list[str]:
    from sumy.nlp.stemmers import Stemmer

    snowball = {
        "arabic",
        "danish",
        "dutch",
        "english",
        "finnish",
        "french",
        "german",
        "hungarian",
        "italian",
        "norwegian",
        "portuguese",
        "romanian",
        "russian",
        "spanish",
        "swedish",
    }
    return sorted(snowball | set(Stemmer.SPECIAL_STEMMERS))


#: Languages stemmed with PyStemmer, the Snowball project's own stemmers in C (NLTK's are
#: Python ports of them): quick to import and to run, where Sumy's ``Stemmer`` imports all
#: of NLTK (and numpy with it).
_LIGHT_STEMMERS = frozenset({"english"})


def _light_tools(name: str) -> tuple[Callable[[str], str], frozenset[str]]:
    """The Snowball stemmer and Sumy's stop-word list for ``name``, without importing Sumy."""
    import Stemmer

    stem = Stemmer.Stemmer(name).stemWord
    data = resources.files("sumy").joinpath("data", "stopwords", f"{name}.txt").read_bytes()
    words = frozenset(w.rstrip().lower() for w in data.decode("utf-8").splitlines() if w)
    return stem, words


@functools.lru_cache(maxsize=8)
def language_tools(language: str) -> LanguageTools:
    """Tools for ``language``; ValueError naming it when Sumy has no stemmer for it."""
    from summarize.tokenizer import NewsTokenizer

    name = (language or "").strip().lower()
    if name in _LIGHT_STEMMERS:
        light_stemmer, light_stop_words = _light_tools(name)
        memo = functools.lru_cache(maxsize=200_000)(light_stemmer)
        return LanguageTools(name, NewsTokenizer(name), memo, light_stop_words)
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    try:
        stemmer = Stemmer(name)
    except LookupError:
        valid = ", ".join(_supported_languages())
        raise ValueError(f"unsupported summary language {language!r} (valid: {valid})") from None
    try:
        stop_words = frozenset(w.lower() for w in get_stop_words(name))
    except LookupError:
        stop_words = frozenset()
    # The same word is stemmed many times in a document: remember the answers.
    memo_stemmer = functools.lru_cache(maxsize=200_000)(stemmer.__call__)
    return LanguageTools(name, NewsTokenizer(name), memo_stemmer, stop_words)


class RatingsRecorder:
    """Mixin for Sumy summarizers: keep every sentence's rating of the last call.

    It replaces Sumy's ``_get_best_sentences`` with the same selection (sort by
    rating, stable for ties, take ``count``, restore document order) and stores
    the ratings in ``last_ratings`` keyed by ``id(sentence)``.
    """

    last_ratings: dict[int, float]

    def _get_best_sentences(
        self, sentences: Sequence[Any], count: Any, rating: Any, *args: Any, **kwargs: Any
    ) -> tuple[Any, ...]:
        from sumy.summarizers._summarizer import SentenceInfo
        from sumy.utils import ItemsCount

        rate = rating
        if isinstance(rating, dict):
            assert not args and not kwargs

            def rate(s: Any) -> Any:
                return rating[s]

        infos = [SentenceInfo(s, o, rate(s, *args, **kwargs)) for o, s in enumerate(sentences)]
        self.last_ratings = {id(info.sentence): float(info.rating) for info in infos}
        infos = sorted(infos, key=attrgetter("rating"), reverse=True)
        if not callable(count):
            count = ItemsCount(count)
        infos = sorted(count(infos), key=attrgetter("order"))
        return tuple(i.sentence for i in infos)


def with_ratings(summarizer_class: type) -> type:
    """``summarizer_class`` extended so that it records its ratings."""
    return type(summarizer_class.__name__, (RatingsRecorder, summarizer_class), {})
