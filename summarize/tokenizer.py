"""An offline sentence and word tokenizer for news text, with Sumy's tokenizer interface.

Sentences are found in three steps:

1. **Blocks.** The text is cut at paragraph breaks (blank lines) and at the line breaks of
   headline and list lines (a line without a closing full stop, ``?`` or ``!`` followed by a
   line that starts with a capital, a bullet or a number). Line breaks inside a hard-wrapped
   paragraph (most lines about as long as the longest) and before a lower-case continuation
   are just spaces. A short Title Case line (a headline) is one sentence whatever full
   stops it holds (``U.S. Will Weigh Sanctions``). Inside a block, bullets (``•``), inline
   numbered lists (``1) ... 2) ...``) and CJK full stops (``。！？``) also end a sentence.
2. **Punkt.** Each block goes through NLTK's Punkt algorithm with hand-written parameters
   (``summarize/data/<language>.json``: abbreviations, titles, collocations, sentence
   starters; see :mod:`summarize.punkt_params`). Titles (``Mr.``, ``Dr.``) never end a
   sentence; dotted acronyms (``U.S.``, ``F.B.I.``) are abbreviations that end one only when
   the next word is an ordinary sentence starter (``The``, ``He``, ``But``). Spaced
   ellipses (``. . .``) and ``…`` are treated like ``...``.
3. **Repairs.** A piece without letters or digits (``. . . .``, a stray quote) joins the
   sentence before it; a bare list marker (``1.``, ``a)``) joins the sentence after it; a
   piece starting in lower case after a closing quote or a capitalised ``Name!``/``Name?``
   joins the one before it (``"Great." she said``, ``Yahoo! in ...``).

Text without any punctuation is still cut: at the block boundaries above and, inside a
block, into pieces of at most :data:`MAX_SENTENCE_CHARS` characters, cut after ``;``,
``:``, ``,`` or a space near that length. The work is bounded: Punkt reads the first
:data:`PUNKT_BUDGET_CHARS` characters (far more than any article) and a plain
regular-expression splitter the rest, so a 10 MB input takes seconds. Nothing here reads
NLTK's downloadable data folders.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from summarize.blocks import (
    BULLETS,
    PUNKT_BUDGET_CHARS,
    hard_pieces,
    is_title_line,
    strip_span,
    text_blocks,
)
from summarize.news_punkt import NewsPunkt, news_punkt
from summarize.punkt_params import normalize_language

__all__ = ["MAX_SENTENCE_CHARS", "PUNKT_BUDGET_CHARS", "NewsTokenizer"]

#: A sentence longer than this (no full stop found) is cut near this length.
MAX_SENTENCE_CHARS = 1000
_SPACE = re.compile(r"\s")

# --- Punkt ----------------------------------------------------------------------------------

_SPACED_ELLIPSIS = re.compile(r"\.(?:[ \t\u00a0]\.){2,}")
_UNICODE_ELLIPSIS_BREAK = re.compile(r"…(?=[\"'”’»)\]]*\s+[\"'“‘«(\[]*([^\W\d_]))")

#: Longest text given to Punkt at once (see :func:`_chunks`).
_PUNKT_CHUNK = 8000
#: A plain sentence end, used to place chunk cuts.
_FALLBACK_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
#: The plain splitter used past :data:`PUNKT_BUDGET_CHARS`: a full stop, ``?`` or ``!``
#: (and closing quotes) before a space and a capital letter, digit or opening quote.
_PLAIN_END = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s+[\"'“‘(\[]*[^\W_a-zß-ÿ])")

# --- repairs ----------------------------------------------------------------------------------

_BARE_MARKER = re.compile(
    rf"(?:[{BULLETS}*+\-–—]\s*)?\(?(?:\d{{1,3}}|[a-zA-Z]|[ivxlcdmIVXLCDM]{{1,6}})[.)]{{1,2}}"
)
#: A sentence that may go on in lower case: closed by a quote or bracket after ``.!?``, or
#: a capitalised word with one ``!`` or ``?`` (``Yahoo! in``, ``Who is Sylvia? by``).
#: A letter or digit (``str.isalnum``): ``\w`` without the underscore.
_ALNUM = re.compile(r"[^\W_]")
_MAY_CONTINUE = re.compile(r"(?:[.!?][\"'”’»)\]]+|(?<![^\s\"'“‘(])[A-Z]\w*[a-z]\w*[!?])$")


# --- words --------------------------------------------------------------------------------

_CJK_CHAR = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u31f0-\u31ff"
_WORD = re.compile(
    rf"[{_CJK_CHAR}]|(?:(?![{_CJK_CHAR}])[^\W\d_])+(?:['’\-](?:(?![{_CJK_CHAR}])[^\W\d_])+)*"
)
#: The same words in a sentence without CJK characters (most of them): no lookahead per
#: letter, so about half the time.
#: Possessive repeats: nothing follows them, so no places to go back to are kept.
_WORD_NO_CJK = re.compile(r"[^\W\d_]++(?:['’\-][^\W\d_]++)*+")
_ANY_CJK = re.compile(rf"[{_CJK_CHAR}]")


class NewsTokenizer:
    """Sumy's tokenizer interface (``language``, ``to_sentences``, ``to_words``), offline."""

    def __init__(self, language: str = "english") -> None:
        self._language = normalize_language(language)

    @property
    def language(self) -> str:
        """The normalised language name, e.g. ``"english"``."""
        return self._language

    def __repr__(self) -> str:
        return f"NewsTokenizer({self._language!r})"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """The sentences of ``paragraph``, stripped, in order."""
        return tuple(paragraph[a:b] for a, b in self.sentence_spans(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """The words of ``sentence``: letter runs (with inner ``'`` and ``-``), no numbers.

        Curly apostrophes become ``'`` so that Sumy's stop words (``don't``) match; CJK
        ideographs and kana are one word per character.
        """
        if not isinstance(sentence, str):
            raise TypeError(f"to_words needs a str, not {type(sentence).__name__}")
        if "’" in sentence:  # the pattern treats both apostrophes alike
            sentence = sentence.replace("’", "'")
        if _ANY_CJK.search(sentence) is None:
            return tuple(_WORD_NO_CJK.findall(sentence))
        return tuple(_WORD.findall(sentence))

    def sentence_spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each sentence of ``text``, in order, whitespace stripped."""
        if not isinstance(text, str):
            raise TypeError(f"sentence_spans needs a str, not {type(text).__name__}")
        if len(text) <= CACHED_CHARS:
            return list(_cached_spans(self._language, text))
        return _sentence_spans(self._language, text)


#: Texts up to this long have their sentence spans remembered (the summary of an
#: article and the summary of its story split the same text).
CACHED_CHARS = 50_000


@lru_cache(maxsize=256)
def _cached_spans(language: str, text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_sentence_spans(language, text))


def forget_sentence_spans() -> None:
    """Empty the remembered sentence spans (benchmarks time the splitting itself)."""
    _cached_spans.cache_clear()


def _sentence_spans(language: str, text: str) -> list[tuple[int, int]]:
    punkt = news_punkt(language)
    spans: list[tuple[int, int]] = []
    for a, b in text_blocks(text):
        spans.extend(_cap_length(text, _block_sentences(punkt, text, a, b)))
    return spans


def _block_sentences(punkt: NewsPunkt, text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The sentences of one block ``text[a:b]`` (steps 2 and 3)."""
    if is_title_line(text, a, b):
        return _join_after_abbreviations(punkt, text, _sentences_in(punkt, text, a, b))
    if a >= PUNKT_BUDGET_CHARS:
        return _plain_sentences(text, a, b)
    after: list[tuple[int, int]] = []
    if b > PUNKT_BUDGET_CHARS:  # a huge block: the part past the budget goes plain
        cut = _budget_cut(text, b)
        rest_start, rest_end = strip_span(text, cut, b)
        if rest_start < rest_end:
            after = _plain_sentences(text, rest_start, rest_end)
        b = strip_span(text, a, cut)[1]
    sentences = [
        sentence
        for c, d in hard_pieces(text, a, b)
        for sentence in _sentences_in(punkt, text, c, d)
    ]
    return sentences + after


def _join_after_abbreviations(
    punkt: NewsPunkt, text: str, pieces: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Undo cuts after an abbreviation, acronym or initial (for Title Case headlines)."""
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        if out and punkt.is_abbreviation(text[out[-1][0] : out[-1][1]].rsplit(None, 1)[-1]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


# --- step 2 and 3: Punkt and repairs -----------------------------------------------------------


def _shadow(piece: str) -> str:
    """``piece`` with ellipses rewritten (same length) so that Punkt reads them as ``...``."""
    if ". ." in piece or "\t." in piece or "\u00a0." in piece:
        piece = _SPACED_ELLIPSIS.sub(_ellipsis_replacement(piece), piece)
    if "…" in piece:
        # "…" followed by a capitalised word ends a sentence like "..." does.
        piece = _UNICODE_ELLIPSIS_BREAK.sub(_unicode_ellipsis, piece)
    return piece


def _unicode_ellipsis(m: re.Match[str]) -> str:
    return "." if m.group(1).isupper() else "…"


def _ellipsis_replacement(piece: str) -> Callable[[re.Match[str]], str]:
    def replace(m: re.Match[str]) -> str:
        n = len(m.group())
        dots = m.group().count(".")
        attached = m.start() > 0 and not piece[m.start() - 1].isspace()
        if attached and dots >= 4:
            # "word. . . . Next": a full stop, then an ellipsis that opens the next sentence.
            return "." + " " * (n - 1)
        # Padding first, so the ellipsis ends where the original's last dot does.
        return " " * (n - dots) + "." * dots

    return replace


def _sentences_in(punkt: NewsPunkt, text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Punkt's sentences in ``text[a:b]``; past :data:`PUNKT_BUDGET_CHARS`, the plain ones."""
    pieces: list[tuple[int, int]] = []
    for c, d in _chunks(text, a, b):
        piece = text[c:d]
        if c >= PUNKT_BUDGET_CHARS:
            pieces.extend(_plain_sentences(text, c, d))
            continue
        ends = [c + end for _, end in punkt.span_tokenize(_shadow(piece))]
        bounds = [c, *ends[:-1], d]
        pieces.extend(strip_span(text, s, e) for s, e in zip(bounds, bounds[1:], strict=False))
    return _repair(text, [(s, e) for s, e in pieces if s < e])


def _budget_cut(text: str, b: int) -> int:
    """Where a block crossing :data:`PUNKT_BUDGET_CHARS` is cut: the next space, or there."""
    m = _SPACE.search(text, PUNKT_BUDGET_CHARS, min(b, PUNKT_BUDGET_CHARS + 1000))
    return m.start() if m else PUNKT_BUDGET_CHARS


def _plain_sentences(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The plain splitter's sentences in ``text[a:b]`` (past the Punkt budget)."""
    ends = [m.end() for m in _PLAIN_END.finditer(text, a, b)]
    if not ends:
        return [(a, b)]
    bounds = [a, *ends, b]
    pieces = (strip_span(text, s, e) for s, e in zip(bounds, bounds[1:], strict=False))
    return [(s, e) for s, e in pieces if s < e]


def _chunks(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut ``[a, b)`` into pieces of at most :data:`_PUNKT_CHUNK` characters for Punkt.

    Real paragraphs are far shorter; this only bounds the work (and NLTK's regex time
    limit) on pathological input. Cuts go after a full stop and a space if there is one.
    """
    chunks = []
    while b - a > _PUNKT_CHUNK:
        limit = a + _PUNKT_CHUNK
        cut = -1
        for m in _FALLBACK_END.finditer(text, limit - _PUNKT_CHUNK // 4, limit):
            cut = m.end()
        if cut < 0:
            cut = text.rfind(" ", a + 1, limit)
        if cut <= a:
            cut = limit
        chunks.append((a, cut))
        a = cut
    chunks.append((a, b))
    return chunks


def _repair(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pending_start: int | None = None
    for s, e in pieces:
        if pending_start is not None:
            s, pending_start = pending_start, None
        if out and not _ALNUM.search(text, s, e):
            out[-1] = (out[-1][0], e)
            continue
        if not out and _BARE_MARKER.fullmatch(text, s, e):
            pending_start = s
            continue
        if out and text[s].islower():
            before_start, before_end = out[-1]
            if _MAY_CONTINUE.search(text[max(before_start, before_end - 64) : before_end]):
                out[-1] = (before_start, e)
                continue
        out.append((s, e))
    if pending_start is not None:
        out.append((pending_start, pieces[-1][1]))
    return out


def _cap_length(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut sentences longer than :data:`MAX_SENTENCE_CHARS` near that length."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > MAX_SENTENCE_CHARS:
            cut = _cut_point(text, s, s + MAX_SENTENCE_CHARS)
            a, b = strip_span(text, s, cut)
            if a < b:
                out.append((a, b))
            s = strip_span(text, cut, e)[0]
        if s < e:
            out.append((s, e))
    return out


def _cut_point(text: str, s: int, limit: int) -> int:
    """The best place to cut ``text[s:limit]``: after ``;:,``, else at a space, else at limit."""
    floor = s + MAX_SENTENCE_CHARS // 2
    for pattern in ("; ", ": ", ", ", " "):
        i = text.rfind(pattern, floor, limit)
        if i > s:
            return i + len(pattern) - 1 if pattern != " " else i
    for i in range(limit - 1, floor, -1):
        if text[i].isspace():
            return i
    return limit
