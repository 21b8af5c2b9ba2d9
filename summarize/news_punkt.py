"""Punkt sentence boundaries (Kiss & Strunk 2006) with news rules, without NLTK.

The decisions are those of NLTK's ``PunktSentenceTokenizer`` given the hand-written
parameters of ``summarize/data/<language>.json`` (see :mod:`summarize.punkt_params`):
the same candidate contexts, word tokens, first pass (sentence-final marks, ellipses,
abbreviations), second pass (collocations, the orthographic and sentence-starter
heuristics for abbreviations and ellipses, initials and numbers) and realignment of
closing quotes. Never training, it needs none of NLTK, whose package import costs half
a CPU second (it loads numpy and most of NLTK). News rules on top: titles (``Mr.``)
never end a sentence; dotted acronyms (``U.S.``) are abbreviations that end one only
before an ordinary sentence starter or ``I``; ``MS.`` in capitals is an acronym, not
``Ms.``; with ``ordinal_numbers`` ``3.`` is an ordinal unless a sentence starter follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from summarize.punkt_params import (
    ORTHO_BEG_LC,
    ORTHO_LC,
    ORTHO_MID_UC,
    ORTHO_UC,
    LanguageData,
    language_data,
)

_ACRONYM = re.compile(r"(?:[^\W\d_]\.){2,}")
#: A candidate context that needs no annotation: a word of letters, one sentence-final
#: mark, one space and the next token (``said. The``, ``why? He``).
_PLAIN_CONTEXT = re.compile(r"([^\W\d_]+)([.?!]) \S+")
#: Contexts whose decision is remembered (a news vocabulary repeats them).
_MEMO_SIZE = 20_000

_ELLIPSIS = re.compile(r"\.\.+$")
_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
_INITIAL = re.compile(r"[^\W\d]\.$")
#: Tokens that never start a sentence.
_PUNCTUATION = tuple(";:,.!?")
_NUMBER = "##number##"
#: Characters that cannot be inside a word (the other sentence-end marks are added).
_NON_WORD_START = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb"
_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_FORMAT = r"""(
    %(MultiChar)s
    |
    (?=%(WordStart)s)\S+?  # word characters until an end is found
    (?=                    # what ends a word:
        \s|                                 # white space
        $|                                  # the end of the text
        %(NonWord)s|%(MultiChar)s|          # punctuation
        ,(?=$|\s|%(NonWord)s|%(MultiChar)s) # a comma at the end of a word
    )
    |
    \S
)"""
_PERIOD_CONTEXT_FORMAT = r"""
    %(SentEndChars)s             # a potential sentence end
    (?=(?P<after_tok>
        %(NonWord)s              # either other punctuation
        |
        \s+(?P<next_tok>\S+)     # or white space and the next token
    ))"""
#: Closing punctuation after a sentence end that belongs to the sentence before.
_REALIGNMENT = re.compile(
    r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)', re.MULTILINE
)


class _Token:
    """One word token and Punkt's annotations of it."""

    __slots__ = (
        *("tok", "type", "period_final", "parastart", "linestart"),
        *("sentbreak", "abbr", "ellipsis"),
    )

    def __init__(self, tok: str, parastart: bool = False, linestart: bool = False) -> None:
        self.tok = tok
        self.type = _NUMERIC.sub(_NUMBER, tok.lower())
        self.period_final = tok.endswith(".")
        self.parastart, self.linestart = parastart, linestart
        self.sentbreak = self.abbr = self.ellipsis = False

    @property
    def type_no_period(self) -> str:
        """The type without its final full stop."""
        if len(self.type) > 1 and self.type[-1] == ".":
            return self.type[:-1]
        return self.type

    @property
    def type_no_sentperiod(self) -> str:
        """The type without its final full stop when that stop ends a sentence."""
        return self.type_no_period if self.sentbreak else self.type

    @property
    def first_upper(self) -> bool:
        return self.tok[0].isupper()

    @property
    def first_lower(self) -> bool:
        return self.tok[0].islower()

    @property
    def is_initial(self) -> bool:
        return _INITIAL.match(self.tok) is not None


class NewsPunkt:
    """Punkt with titles that never end a sentence and dotted acronyms as abbreviations."""

    def __init__(self, data: LanguageData) -> None:
        ends = (".", "?", "!", "‼", "⁉", "؟", "।", "\u037e", *data.extra_end_chars)
        self._end_chars = ends
        other_ends = re.escape("".join(sorted(set(ends) - {"."})))
        non_word = _NON_WORD_START + other_ends + "])"
        formats = {
            "NonWord": non_word,
            "MultiChar": _MULTI_CHAR,
            "WordStart": _WORD_START,
            "SentEndChars": "[" + re.escape("".join(ends)) + "]",
        }
        flags = re.UNICODE | re.VERBOSE
        self._word_re = re.compile(_WORD_FORMAT % formats, flags)
        self._period_re = re.compile(_PERIOD_CONTEXT_FORMAT % formats, flags)
        self._params = data.params
        self._titles = data.titles
        self._ordinals = data.ordinal_numbers
        self._collocation_firsts = frozenset(a for a, _ in data.params.collocations)
        self._decisions: dict[str, bool] = {}

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

    # --- sentences ---------------------------------------------------------------------

    def span_tokenize(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each sentence of ``text``, closing quotes realigned."""
        return iter(self._realigned(text, self._break_slices(text)))

    def _break_slices(self, text: str) -> list[tuple[int, int]]:
        """The sentence slices before realignment: one per candidate Punkt calls a break.

        A candidate's context is the word before it (from the last white space after
        the previous candidate's word), the mark and what follows; a candidate whose word
        overlaps the next candidate's is left out.
        """
        slices: list[tuple[int, int]] = []
        last_break = 0
        previous: re.Match[str] | None = None
        previous_start = previous_stop = 0
        for match in self._period_re.finditer(text):
            start = match.start()
            space = _last_whitespace(text, previous_stop, start)
            word_start = space + 1 if space > previous_stop else previous_start
            if previous is not None and previous_stop <= word_start:
                last_break = self._decide(text, previous, previous_start, last_break, slices)
            previous, previous_start, previous_stop = match, word_start, start
        if previous is not None:
            last_break = self._decide(text, previous, previous_start, last_break, slices)
        slices.append((last_break, len(text.rstrip())))
        return slices

    def _decide(
        self,
        text: str,
        match: re.Match[str],
        word_start: int,
        last_break: int,
        slices: list[tuple[int, int]],
    ) -> int:
        """Add the slice a break at ``match`` ends; the start of the next slice."""
        context = text[word_start : match.start()] + match.group() + match.group("after_tok")
        if not self.text_contains_sentbreak(context):
            return last_break
        slices.append((last_break, match.end()))
        return match.start("next_tok") if match.group("next_tok") else match.end()

    @staticmethod
    def _realigned(text: str, slices: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Closing quotes and brackets after a break moved into the sentence before it."""
        out: list[tuple[int, int]] = []
        realign = 0
        last = len(slices) - 1
        for i, (start, stop) in enumerate(slices):
            start += realign
            if i == last:
                if start < stop:
                    out.append((start, stop))
                continue
            next_start, next_stop = slices[i + 1]
            m = _REALIGNMENT.match(text, next_start, next_stop)
            if m:
                out.append((start, next_start + len(m.group(0).rstrip())))
                realign = m.end() - next_start
            else:
                realign = 0
                if start < stop:
                    out.append((start, stop))
        return out

    def text_contains_sentbreak(self, text: str) -> bool:
        """Whether a candidate context (``word. Next``) holds a sentence break.

        The common case is decided without annotating tokens: a word of two or more
        letters that is no abbreviation and starts no collocation, then ``.`` (or a word
        then ``?``/``!``), a space and a token. The first pass marks it a break, and
        nothing in the second pass acts on it (it acts on abbreviations, ellipses,
        initials, numbers and collocations only). Other contexts are annotated, and
        their answers remembered.
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
            decided = self._decisions[text] = self._annotated_break(text)
        return decided

    def _annotated_break(self, text: str) -> bool:
        """A break on any token but the last, after both annotation passes."""
        tokens = list(self._tokens(text))
        for token in tokens:
            self._first_pass(token)
        for i, token in enumerate(tokens[:-1]):
            self._second_pass(token, tokens[i + 1])
            if token.sentbreak:
                return True
        return False

    def _tokens(self, text: str) -> Iterator[_Token]:
        parastart = False
        for line in text.split("\n"):
            if not line.strip():
                parastart = True
                continue
            words = self._word_re.findall(line)
            if not words:
                continue
            yield _Token(words[0], parastart=parastart, linestart=True)
            parastart = False
            for word in words[1:]:
                yield _Token(word)

    # --- the two passes ----------------------------------------------------------------

    def _first_pass(self, token: _Token) -> None:
        """Decisions from the token alone: marks, ellipses, abbreviations."""
        tok = token.tok
        abbrev_types = self._params.abbrev_types
        if tok in self._end_chars:
            token.sentbreak = True
        elif _ELLIPSIS.match(tok):
            token.ellipsis = True
        elif token.period_final and not tok.endswith(".."):
            core = tok[:-1].lower()
            if core in abbrev_types or core.split("-")[-1] in abbrev_types:
                token.abbr = True
            else:
                token.sentbreak = True
        if token.sentbreak and token.period_final and _ACRONYM.fullmatch(tok):
            token.sentbreak = False
            token.abbr = True
        elif token.abbr and len(tok) > 2 and tok[:-1].isalpha() and tok[:-1].isupper():
            # "MS." "DEC." "SEC.": an acronym in capitals, not the abbreviation "Ms." "Dec."
            token.abbr = False
            token.sentbreak = True

    def _second_pass(self, token: _Token, following: _Token) -> None:
        """Decisions from the token and the one after it."""
        if token.abbr and token.type_no_period in self._titles:
            token.sentbreak = False
            return
        self._punkt_second_pass(token, following)
        if (
            following.tok == "I"
            and token.abbr
            and not token.ellipsis
            and not token.is_initial
            and (token.type_no_period, "i") not in self._params.collocations
        ):
            # "... in the U.S. I think": "I" after an abbreviation starts a sentence
            # (but not after an ellipsis: "the thing is . . . I didn't mean it").
            token.sentbreak = True
        elif (
            self._ordinals
            and token.sentbreak
            and token.type_no_period == _NUMBER
            and len(token.tok) <= 4
            and self._ortho_heuristic(following) is not True
        ):
            token.sentbreak = False
            token.abbr = True

    def _punkt_second_pass(self, token: _Token, following: _Token) -> None:
        """Punkt's own second pass: collocations, abbreviations, initials and numbers."""
        if not token.period_final:
            return
        typ = token.type_no_period
        next_typ = following.type_no_sentperiod
        initial = token.is_initial
        if (typ, next_typ) in self._params.collocations:
            token.sentbreak = False
            token.abbr = True
            return
        if (token.abbr or token.ellipsis) and not initial:
            starter = self._ortho_heuristic(following)
            if starter is True:
                token.sentbreak = True
                return
            if following.first_upper and next_typ in self._params.sent_starters:
                token.sentbreak = True
                return
        if initial or typ == _NUMBER:
            starter = self._ortho_heuristic(following)
            if starter is False:
                token.sentbreak = False
                token.abbr = True
                return
            if (
                starter == "unknown"
                and initial
                and following.first_upper
                and not (self._params.ortho_context.get(next_typ, 0) & ORTHO_LC)
            ):
                token.sentbreak = False
                token.abbr = True

    def _ortho_heuristic(self, token: _Token) -> bool | str:
        """Whether ``token`` starts a sentence by its case: True, False or "unknown"."""
        if token.tok in _PUNCTUATION:
            return False
        context = self._params.ortho_context.get(token.type_no_sentperiod, 0)
        if token.first_upper and (context & ORTHO_LC) and not (context & ORTHO_MID_UC):
            return True
        if token.first_lower and ((context & ORTHO_UC) or not (context & ORTHO_BEG_LC)):
            return False
        return "unknown"


def _last_whitespace(text: str, start: int, end: int) -> int:
    """Where the last ASCII white space (``string.whitespace``) in ``text[start:end]`` is, or -1."""
    space = text.rfind(" ", start, end)
    for c in "\n\t\r\x0b\x0c":
        found = text.rfind(c, space + 1 if space >= start else start, end)
        if found > space:
            space = found
    return space


@lru_cache(maxsize=32)
def news_punkt(language: str) -> NewsPunkt:
    """The news Punkt for ``language``, built once."""
    return NewsPunkt(language_data(language))
