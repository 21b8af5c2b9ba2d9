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

from nltk.tokenize.punkt import PunktLanguageVars, PunktSentenceTokenizer, PunktToken

from summarize.punkt_params import LanguageData, language_data, normalize_language

__all__ = ["MAX_SENTENCE_CHARS", "PUNKT_BUDGET_CHARS", "NewsTokenizer"]

#: A sentence longer than this (no full stop found) is cut near this length.
MAX_SENTENCE_CHARS = 1000
#: Punkt reads the blocks that start within this many characters; the rest of a longer
#: text (no news article is this long) goes through a plain regular-expression splitter,
#: so that a multi-megabyte input takes seconds, not minutes.
PUNKT_BUDGET_CHARS = 300_000

# --- line and block structure -------------------------------------------------------------

_LEADING_SPACE = re.compile(r"\s*")
_SPACE = re.compile(r"\s")
_NEWLINE = r"(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])"
#: A blank line (used past the Punkt budget only).
_PARAGRAPH_BREAK = re.compile(rf"{_NEWLINE}[^\S\n\r]*{_NEWLINE}\s*")
#: The line boundaries of ``str.splitlines``.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_BULLETS = "•◦▪▫‣⁃●○■□◆◇►▸·"
#: A list item at the start of a line: a bullet, or ``1.`` ``2)`` ``(a)`` ``iv.``.
_LIST_ITEM = re.compile(
    rf"(?:[{_BULLETS}]\s*\S|[-*+–—]\s+\S|\(?(?:\d{{1,3}}|[a-z]|[ivx]{{1,4}})(?:\.\)|[.)])\s)"
)
_TERMINAL_END = re.compile(r"[.!?…。！？｡‼⁉؟।][\"'”’»)\]}」』]*$")
_CONTINUATION_END = re.compile(r"[,;:/(&+\-–—]$")
#: Split after CJK sentence ends, which need no following space.
_CJK_END = re.compile(r"[。！？｡]+[」』）】〕〉》\"'”’)]*")
#: Split before an inline bullet.
_INLINE_BULLET = re.compile(r"(?<=\s)[•◦▪‣⁃●■►▸](?=\s*\S)")
_ENUM_AT_START = re.compile(r"(?:[•◦▪‣⁃●■►▸]\s*)?\(?(\d{1,2}|[a-z])(\.\)|\)|\.)\s")
_ENUM_INLINE = re.compile(r"(?<=\s)\(?(\d{1,3}|[a-z])(\.\)|\)|\.)(?=\s)")

_TITLE_MAX_CHARS = 150
_LONG_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]{4,}")

# --- Punkt ----------------------------------------------------------------------------------

_ACRONYM = re.compile(r"(?:[^\W\d_]\.){2,}")
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
    rf"(?:[{_BULLETS}*+\-–—]\s*)?\(?(?:\d{{1,3}}|[a-zA-Z]|[ivxlcdmIVXLCDM]{{1,6}})[.)]{{1,2}}"
)
#: A sentence that may go on in lower case: closed by a quote or bracket after ``.!?``, or
#: a capitalised word with one ``!`` or ``?`` (``Yahoo! in``, ``Who is Sylvia? by``).
_MAY_CONTINUE = re.compile(r"(?:[.!?][\"'”’»)\]]+|(?<![^\s\"'“‘(])[A-Z]\w*[a-z]\w*[!?])$")


class _NewsLanguageVars(PunktLanguageVars):
    """Punkt's language variables with more sentence-final marks than ``.?!``.

    Punkt's own regular expressions are compiled here with the standard ``re`` module
    (same patterns): NLTK 3.10 routes them through ``nltk.redos``, whose per-call time
    limit costs about half the run time and raises ``TimeoutError`` on long inputs. These
    fixed patterns run in linear time, and :func:`_chunks` bounds each input anyway.
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


class _NewsPunkt(PunktSentenceTokenizer):
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


@lru_cache(maxsize=32)
def _punkt(language: str) -> _NewsPunkt:
    return _NewsPunkt(language_data(language))


# --- words --------------------------------------------------------------------------------

_CJK_CHAR = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u31f0-\u31ff"
_WORD = re.compile(
    rf"[{_CJK_CHAR}]|(?:(?![{_CJK_CHAR}])[^\W\d_])+(?:['’\-](?:(?![{_CJK_CHAR}])[^\W\d_])+)*"
)


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
        return tuple(w.replace("’", "'") for w in _WORD.findall(sentence))

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
    punkt = _punkt(language)
    spans: list[tuple[int, int]] = []
    for a, b in _blocks(text):
        spans.extend(_cap_length(text, _block_sentences(punkt, text, a, b)))
    return spans


def _block_sentences(punkt: _NewsPunkt, text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The sentences of one block ``text[a:b]`` (steps 2 and 3)."""
    if _is_title_line(text, a, b):
        return _join_after_abbreviations(punkt, text, _sentences_in(punkt, text, a, b))
    if a >= PUNKT_BUDGET_CHARS:
        return _plain_sentences(text, a, b)
    after: list[tuple[int, int]] = []
    if b > PUNKT_BUDGET_CHARS:  # a huge block: the part past the budget goes plain
        cut = _budget_cut(text, b)
        rest_start, rest_end = _strip(text, cut, b)
        if rest_start < rest_end:
            after = _plain_sentences(text, rest_start, rest_end)
        b = _strip(text, a, cut)[1]
    sentences = [
        sentence
        for c, d in _hard_pieces(text, a, b)
        for sentence in _sentences_in(punkt, text, c, d)
    ]
    return sentences + after


# --- step 1: blocks ---------------------------------------------------------------------------


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    """Shrink ``[a, b)`` to exclude surrounding whitespace (``str.strip`` semantics).

    Works on small windows so that stripping a piece of a huge text copies little.
    """
    a = _LEADING_SPACE.match(text, a, b).end()  # type: ignore[union-attr]
    while b > a:
        low = max(a, b - 64)
        kept = text[low:b].rstrip()
        if kept:
            return a, low + len(kept)
        b = low
    return a, b


def _blocks(text: str) -> list[tuple[int, int]]:
    """Stripped spans that no sentence crosses: paragraphs and headline/list lines.

    Past :data:`PUNKT_BUDGET_CHARS` only blank lines separate blocks (bounded work).
    """
    blocks: list[tuple[int, int]] = []
    paragraph: list[tuple[int, int]] = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        _add_line(text, pos, m.start(), paragraph, blocks)
        pos = m.end()
        if pos >= PUNKT_BUDGET_CHARS:
            break
    else:
        _add_line(text, pos, len(text), paragraph, blocks)
        _close_paragraph(text, paragraph, blocks)
        return blocks
    _close_paragraph(text, paragraph, blocks)
    for m in _PARAGRAPH_BREAK.finditer(text, pos):
        a, b = _strip(text, pos, m.start())
        if a < b:
            blocks.append((a, b))
        pos = m.end()
    a, b = _strip(text, pos, len(text))
    if a < b:
        blocks.append((a, b))
    return blocks


def _add_line(
    text: str,
    a: int,
    b: int,
    paragraph: list[tuple[int, int]],
    blocks: list[tuple[int, int]],
) -> None:
    a, b = _strip(text, a, b)
    if a == b:
        _close_paragraph(text, paragraph, blocks)
    else:
        paragraph.append((a, b))


def _close_paragraph(
    text: str, lines: list[tuple[int, int]], blocks: list[tuple[int, int]]
) -> None:
    if not lines:
        return
    width = _wrap_width(lines)
    start, end = lines[0]
    for (a1, b1), (a2, b2) in zip(lines, lines[1:], strict=False):
        if _joins(text[a1:b1], text[a2:b2], width):
            end = b2
        else:
            blocks.append((start, end))
            start, end = a2, b2
    blocks.append((start, end))
    lines.clear()


def _wrap_width(lines: list[tuple[int, int]]) -> int:
    """The width a paragraph is hard-wrapped at (most lines about that long), else 0."""
    if len(lines) < 3:
        return 0
    lengths = [b - a for a, b in lines[:-1]]
    width = max(lengths)
    if not 40 <= width <= 160:
        return 0
    long_lines = sum(1 for n in lengths if n >= 0.7 * width)
    return width if long_lines * 3 >= len(lengths) * 2 else 0


def _joins(line: str, next_line: str, wrap_width: int) -> bool:
    """Whether the line break between ``line`` and ``next_line`` is just a space.

    In a hard-wrapped paragraph a full-width line always continues; a short line there
    (a headline above the body) is judged like any other line.
    """
    if _LIST_ITEM.match(next_line):
        return False
    if wrap_width and len(line) >= 0.6 * wrap_width:
        return True
    tail = line[-64:]  # bounded work on a huge line
    if _TERMINAL_END.search(tail):
        return True
    return next_line[0].islower() or bool(_CONTINUATION_END.search(tail))


def _is_title_line(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` is one Title Case line, a headline.

    In a headline every word is capitalised, so ``U.S. Will Weigh Sanctions`` must not be cut
    after ``U.S.``. A line qualifies when it is short, has lower-case letters, and at least
    80% of its words of four or more letters (at least three of them) are capitalised.
    """
    if b - a > _TITLE_MAX_CHARS:
        return False
    line = text[a:b]
    if not any(c.islower() for c in line) or _LINE_BREAK.search(line):
        return False
    words = [w for w in _LONG_WORD.findall(line)]
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 3 and capitalised >= 0.8 * len(words)


def _join_after_abbreviations(
    punkt: _NewsPunkt, text: str, pieces: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Undo cuts after an abbreviation, acronym or initial (for Title Case headlines)."""
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        if out and punkt.is_abbreviation(text[out[-1][0] : out[-1][1]].rsplit(None, 1)[-1]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _hard_pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut a block after CJK full stops, before inline bullets and inline list items."""
    block = text[a:b]
    cuts: set[int] = set()
    for m in _CJK_END.finditer(block):
        cuts.add(m.end())
    for m in _INLINE_BULLET.finditer(block):
        cuts.add(m.start())
    pieces: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(cuts) + [len(block)]:
        s, e = _strip(block, start, cut)
        if s < e:
            for c, d in _inline_list(block, s, e):
                pieces.append((a + c, a + d))
        start = cut
    return pieces


def _inline_list(block: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut ``1) x 2) y`` or ``a. x b. y`` (numbered from the start) into its items."""
    m = _ENUM_AT_START.match(block, a, b)
    if not m or m.group(1) not in ("1", "a"):
        return [(a, b)]
    label, delim = m.group(1), m.group(2)
    cuts = []
    expected = _next_label(label)
    for item in _ENUM_INLINE.finditer(block, m.end(), b):
        if item.group(1) == expected and item.group(2) == delim:
            cuts.append(item.start())
            expected = _next_label(expected)
    if not cuts:
        return [(a, b)]
    bounds = [a, *cuts, b]
    return [_strip(block, s, e) for s, e in zip(bounds, bounds[1:], strict=False)]


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


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


def _sentences_in(punkt: _NewsPunkt, text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Punkt's sentences in ``text[a:b]``; past :data:`PUNKT_BUDGET_CHARS`, the plain ones."""
    pieces: list[tuple[int, int]] = []
    for c, d in _chunks(text, a, b):
        piece = text[c:d]
        if c >= PUNKT_BUDGET_CHARS:
            pieces.extend(_plain_sentences(text, c, d))
            continue
        ends = [c + end for _, end in punkt.span_tokenize(_shadow(piece))]
        bounds = [c, *ends[:-1], d]
        pieces.extend(_strip(text, s, e) for s, e in zip(bounds, bounds[1:], strict=False))
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
    pieces = (_strip(text, s, e) for s, e in zip(bounds, bounds[1:], strict=False))
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
        sentence = text[s:e]
        if out and not any(c.isalnum() for c in sentence):
            out[-1] = (out[-1][0], e)
            continue
        if not out and _BARE_MARKER.fullmatch(sentence):
            pending_start = s
            continue
        previous = text[out[-1][0] : out[-1][1]] if out else ""
        if previous and sentence[0].islower() and _MAY_CONTINUE.search(previous[-64:]):
            out[-1] = (out[-1][0], e)
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
            a, b = _strip(text, s, cut)
            if a < b:
                out.append((a, b))
            s = _strip(text, cut, e)[0]
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
