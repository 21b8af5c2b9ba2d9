"""Plain text as paragraphs: one kind of newline, safe characters, single spaces.

A blank line separates paragraphs, and so does a single newline (saved
articles usually put one paragraph on each line), except in hard-wrapped files
(blank lines between blocks of lines that all look wrapped at a fixed width),
where the lines of a block are joined into one paragraph. Stored text
separates paragraphs with one blank line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsreader.safetext import plain_text

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")


def normalize(text: str) -> str:
    """Text with one kind of newline, no control characters and single spaces."""
    text = _NEWLINES.sub("\n", text)
    text = plain_text(text)
    text = _INVISIBLE.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip()


def split_paragraphs(text: str, unwrap: bool = True) -> list[str]:
    """The paragraphs of plain text (see the module docstring for the rule)."""
    text = normalize(text)
    if not text:
        return []
    blocks = [block.split("\n") for block in _BLANK_LINES.split(text)]
    if unwrap and _looks_hard_wrapped(blocks):
        return [" ".join(block) for block in blocks if any(block)]
    return [line for block in blocks for line in block if line]


def _looks_hard_wrapped(blocks: list[list[str]]) -> bool:
    """True when blank lines separate blocks whose lines end at a fixed width."""
    if len(blocks) < 2 or not any(len(block) >= 3 for block in blocks):
        return False
    inner = [line for block in blocks for line in block[:-1]]  # lines that were wrapped
    if len(inner) < 4:
        return False
    if max(len(line) for block in blocks for line in block) > 100:
        return False
    wrapped = sum(1 for line in inner if 40 <= len(line) <= 100)
    unfinished = sum(1 for line in inner if not _SENTENCE_END.search(line))
    return wrapped >= 0.8 * len(inner) and unfinished >= 0.5 * len(inner)


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Paragraphs as stored text: one blank line between them."""
    return "\n\n".join(p for p in paragraphs if p)
