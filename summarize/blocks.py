"""Step 1 of sentence splitting: blocks that no sentence crosses.

The text is cut at paragraph breaks (blank lines) and at the line breaks of headline and
list lines; inside a block, CJK full stops, inline bullets and inline numbered lists are
hard cuts too. See :mod:`summarize.tokenizer` for the whole method.
"""

from __future__ import annotations

import re

#: Punkt reads the blocks that start within this many characters; the rest of a longer
#: text (no news article is this long) goes through a plain regular-expression splitter,
#: so that a multi-megabyte input takes seconds, not minutes.
PUNKT_BUDGET_CHARS = 300_000

_LEADING_SPACE = re.compile(r"\s*")
_NEWLINE = r"(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])"
#: A blank line (used past the Punkt budget only).
_PARAGRAPH_BREAK = re.compile(rf"{_NEWLINE}[^\S\n\r]*{_NEWLINE}\s*")
#: The line boundaries of ``str.splitlines``.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
#: Bullet characters that start a list item.
BULLETS = "•◦▪▫‣⁃●○■□◆◇►▸·"
#: A list item at the start of a line: a bullet, or ``1.`` ``2)`` ``(a)`` ``iv.``.
_LIST_ITEM = re.compile(
    rf"(?:[{BULLETS}]\s*\S|[-*+–—]\s+\S|\(?(?:\d{{1,3}}|[a-z]|[ivx]{{1,4}})(?:\.\)|[.)])\s)"
)
_TERMINAL_END = re.compile(r"[.!?…。！？｡‼⁉؟।][\"'”’»)\]}」』]*$")
_CONTINUATION_END = re.compile(r"[,;:/(&+\-–—]$")
#: Split after CJK sentence ends, which need no following space.
_CJK_END = re.compile(r"[。！？｡]+[」』）】〕〉》\"'”’)]*")
#: Split before an inline bullet.
_INLINE_BULLET = re.compile(r"(?<=\s)[•◦▪‣⁃●■►▸](?=\s*\S)")
_ENUM_AT_START = re.compile(r"(?:[•◦▪‣⁃●■►▸]\s*)?\(?(\d{1,2}|[a-z])(\.\)|\)|\.)\s")
#: Any character that :func:`hard_pieces` may cut at (most blocks have none).
_HARD_CUT_CHAR = re.compile(r"[。！？｡•◦▪‣⁃●■►▸]")
_ENUM_INLINE = re.compile(r"(?<=\s)\(?(\d{1,3}|[a-z])(\.\)|\)|\.)(?=\s)")

_TITLE_MAX_CHARS = 150
_LONG_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]{4,}")


def strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    """Shrink ``[a, b)`` to exclude surrounding whitespace (``str.strip`` semantics).

    Works on small windows so that stripping a piece of a huge text copies little; a
    piece with at most one space before it and none after it (most sentences) is read
    two or three characters.
    """
    if a < b:
        if text[a].isspace():
            a += 1
            if a < b and text[a].isspace():
                a = _LEADING_SPACE.match(text, a, b).end()  # type: ignore[union-attr]
        if a < b and not text[b - 1].isspace():
            return a, b
    a = _LEADING_SPACE.match(text, a, b).end()  # type: ignore[union-attr]
    while b > a:
        low = max(a, b - 64)
        kept = text[low:b].rstrip()
        if kept:
            return a, low + len(kept)
        b = low
    return a, b


def text_blocks(text: str) -> list[tuple[int, int]]:
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
        a, b = strip_span(text, pos, m.start())
        if a < b:
            blocks.append((a, b))
        pos = m.end()
    a, b = strip_span(text, pos, len(text))
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
    a, b = strip_span(text, a, b)
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


def is_title_line(text: str, a: int, b: int) -> bool:
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


def hard_pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut a block after CJK full stops, before inline bullets and inline list items."""
    s, e = strip_span(text, a, b)
    if s == e:
        return []
    if not _HARD_CUT_CHAR.search(text, s, e) and not _ENUM_AT_START.match(text, s, e):
        return [(s, e)]
    block = text[a:b]
    cuts: set[int] = set()
    for m in _CJK_END.finditer(block):
        cuts.add(m.end())
    for m in _INLINE_BULLET.finditer(block):
        cuts.add(m.start())
    pieces: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(cuts) + [len(block)]:
        s, e = strip_span(block, start, cut)
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
    return [strip_span(block, s, e) for s, e in zip(bounds, bounds[1:], strict=False)]


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
