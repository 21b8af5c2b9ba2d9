"""NLTK's Punkt with news rules: titles never end a sentence, dotted acronyms are abbreviations.

The parameters are hand-written per language (``summarize/data/<language>.json``, see
:mod:`summarize.punkt_params`); nothing reads NLTK's downloadable data folders.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from functools import lru_cache

from nltk.tokenize.punkt import PunktLanguageVars, PunktSentenceTokenizer, PunktToken

from summarize.punkt_params import LanguageData, language_data

_ACRONYM = re.compile(r"(?:[^\W\d_]\.){2,}")
#: A candidate context that needs no annotation: a word of letters, one sentence-final
#: mark, one space and the next token (``said. The``, ``why? He``).
_PLAIN_CONTEXT = re.compile(r"([^\W\d_]+)([.?!]) \S+")
#: Contexts whose decision is remembered (a news vocabulary repeats them).
_MEMO_SIZE = 20_000


class _NewsLanguageVars(PunktLanguageVars):
    """Punkt's language variables with more sentence-final marks than ``.?!``.

    Punkt's own regular expressions are compiled here with the standard ``re`` module
    (same patterns): NLTK 3.10 routes them through ``nltk.redos``, whose per-call time
    limit costs about half the run time and raises ``TimeoutError`` on long inputs. These
    fixed patterns run in linear time, and the tokenizer's chunking bounds each input anyway.
    """

    sent_end_chars = (".", "?", "!", "‼", "⁉", "؟", "।", "\u037e")
    re_boundary_realignment = re.compile(
        r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)', re.MULTILINE
    )

    def __init__(self) -> None:
        super().__init__()
        formats = {
            "NonWord": self._re_non_word_chars,
            "MultiChar": self._re_multi_char_punct,
            "WordStart": self._re_word_start,
            "SentEndChars": self._re_sent_end_chars,
        }
        flags = re.UNICODE | re.VERBOSE
        self._word_re = re.compile(self._word_tokenize_fmt % formats, flags)
        self._period_re = re.compile(self._period_context_fmt % formats, flags)

    def _word_tokenizer_re(self) -> re.Pattern[str]:
        return self._word_re

    def period_context_re(self) -> re.Pattern[str]:
        """The candidate sentence-end pattern, compiled with ``re``."""
        return self._period_re


class _NewsToken(PunktToken):
    """Punkt's token with its regular expressions compiled with ``re`` (same patterns)."""

    __slots__ = ()
    _RE_ELLIPSIS = re.compile(r"\.\.+$")
    _RE_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
    _RE_INITIAL = re.compile(r"[^\W\d]\.$", re.UNICODE)
    _RE_ALPHA = re.compile(r"[^\W\d]+$", re.UNICODE)


class NewsPunkt(PunktSentenceTokenizer):
    """Punkt with titles that never end a sentence and dotted acronyms as abbreviations."""

    def __init__(self, data: LanguageData) -> None:
        lang_vars = _NewsLanguageVars()
        if data.extra_end_chars:
            lang_vars = type(
                "_ExtendedLanguageVars",
                (_NewsLanguageVars,),
                {"sent_end_chars": _NewsLanguageVars.sent_end_chars + data.extra_end_chars},
            )()
        super().__init__(lang_vars=lang_vars, token_cls=_NewsToken)
        self._params = data.params
        self._titles = data.titles
        self._ordinals = data.ordinal_numbers
        self._collocation_firsts = frozenset(a for a, _ in data.params.collocations)
        self._decisions: dict[str, bool] = {}

    def span_tokenize(
        self, text: str, realign_boundaries: bool = True
    ) -> Iterator[tuple[int, int]]:
        """Punkt's sentence spans of ``text``: its candidates, decisions and realignment.

        The same steps as NLTK's ``span_tokenize`` (``_match_potential_end_contexts``,
        ``_slices_from_text``, ``_realign_boundaries``) in one loop over lists instead
        of three chained generators.
        """
        slices = self._break_slices(text)
        if not realign_boundaries:
            return iter(slices)
        return iter(self._realigned(text, slices))

    def _break_slices(self, text: str) -> list[tuple[int, int]]:
        """The sentence slices before realignment (NLTK's ``_slices_from_text``)."""
        slices: list[tuple[int, int]] = []
        last_break = 0
        previous: re.Match[str] | None = None
        previous_start = previous_stop = 0
        contains_break = self.text_contains_sentbreak
        for match in self._lang_vars.period_context_re().finditer(text):
            start = match.start()
            word_start = _last_whitespace(text, previous_stop, start)
            word_start = word_start + 1 if word_start > previous_stop else previous_start
            if previous is not None and previous_stop <= word_start:
                context = text[previous_start:previous_stop] + previous.group()
                if contains_break(context + previous.group("after_tok")):
                    slices.append((last_break, previous.end()))
                    last_break = (
                        previous.start("next_tok") if previous.group("next_tok") else previous.end()
                    )
            previous, previous_start, previous_stop = match, word_start, start
        if previous is not None:
            context = text[previous_start:previous_stop] + previous.group()
            if contains_break(context + previous.group("after_tok")):
                slices.append((last_break, previous.end()))
                last_break = (
                    previous.start("next_tok") if previous.group("next_tok") else previous.end()
                )
        slices.append((last_break, len(text.rstrip())))
        return slices

    def _realigned(self, text: str, slices: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Closing quotes and brackets after a break moved into the sentence before it."""
        out: list[tuple[int, int]] = []
        realign = 0
        pattern = self._lang_vars.re_boundary_realignment
        last = len(slices) - 1
        for i, (start, stop) in enumerate(slices):
            start += realign
            if i == last:
                if start < stop:
                    out.append((start, stop))
                continue
            next_start, next_stop = slices[i + 1]
            m = pattern.match(text[next_start:next_stop])
            if m:
                out.append((start, next_start + len(m.group(0).rstrip())))
                realign = m.end()
            else:
                realign = 0
                if start < stop:
                    out.append((start, stop))
        return out

    def text_contains_sentbreak(self, text: str) -> bool:
        """Punkt's decision for one candidate context (``word. Next``), answered cheaply.

        The common case is decided without annotating tokens: a word of two or more
        letters that is no abbreviation and starts no collocation, then ``.`` (or a word
        then ``?``/``!``), a space and a token. Punkt's first pass marks it a sentence
        break and neither its second pass nor the news rules above can undo that (they
        act on abbreviations, ellipses, initials, numbers and collocations only). Other
        contexts go through Punkt, and their answers are remembered.
        """
        m = _PLAIN_CONTEXT.fullmatch(text)
        if m is not None:
            word = m.group(1)
            if m.group(2) != "." or (
                len(word) > 1
                and word.isalpha()
                and (lowered := word.lower()) not in self._params.abbrev_types
                and lowered not in self._collocation_firsts
            ):
                return True
        decided = self._decisions.get(text)
        if decided is None:
            if len(self._decisions) >= _MEMO_SIZE:
                self._decisions.clear()
            decided = self._decisions[text] = bool(super().text_contains_sentbreak(text))
        return decided

    def is_abbreviation(self, word: str) -> bool:
        """Whether ``word`` (like ``U.S.``, ``Mr.``, ``J.``) is an abbreviation or initial."""
        word = word.lstrip("\"'“‘([")
        if not word.endswith("."):
            return False
        core = word[:-1].lower()
        return (
            core in self._params.abbrev_types
            or bool(_ACRONYM.fullmatch(word))
            or (len(core) == 1 and core.isalpha())
        )

    def _first_pass_annotation(self, aug_tok: PunktToken) -> None:
        super()._first_pass_annotation(aug_tok)
        tok = aug_tok.tok
        if aug_tok.sentbreak and aug_tok.period_final and _ACRONYM.fullmatch(tok):
            aug_tok.sentbreak = False
            aug_tok.abbr = True
        elif aug_tok.abbr and len(tok) > 2 and tok[:-1].isalpha() and tok[:-1].isupper():
            # "MS." "DEC." "SEC.": an acronym in capitals, not the abbreviation "Ms." "Dec."
            aug_tok.abbr = False
            aug_tok.sentbreak = True

    def _second_pass_annotation(
        self, aug_tok1: PunktToken, aug_tok2: PunktToken | None
    ) -> str | None:
        if aug_tok2 is not None and aug_tok1.abbr and aug_tok1.type_no_period in self._titles:
            aug_tok1.sentbreak = False
            aug_tok1.abbr = True
            return "title"
        reason: str | None = super()._second_pass_annotation(aug_tok1, aug_tok2)
        if (
            aug_tok2 is not None
            and aug_tok2.tok == "I"
            and aug_tok1.abbr
            and not aug_tok1.ellipsis
            and not aug_tok1.is_initial
            and (aug_tok1.type_no_period, "i") not in self._params.collocations
        ):
            # "... in the U.S. I think": "I" after an abbreviation starts a sentence
            # (but not after an ellipsis: "the thing is . . . I didn't mean it").
            aug_tok1.sentbreak = True
            return "abbreviation + I"
        if (
            self._ordinals
            and aug_tok1.sentbreak
            and aug_tok2 is not None
            and aug_tok1.type_no_period == "##number##"
            and len(aug_tok1.tok) <= 4
            and self._ortho_heuristic(aug_tok2) is not True
        ):
            aug_tok1.sentbreak = False
            aug_tok1.abbr = True
            return "ordinal number"
        return reason


def _last_whitespace(text: str, start: int, end: int) -> int:
    """The index of the last ASCII whitespace in ``text[start:end]``, or -1."""
    return max(text.rfind(c, start, end) for c in string.whitespace)


@lru_cache(maxsize=32)
def news_punkt(language: str) -> NewsPunkt:
    """The news Punkt for ``language``, built once."""
    return NewsPunkt(language_data(language))
