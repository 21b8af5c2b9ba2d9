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
_SPACE_CHARS = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Runs of spaces become one space: only runs of two or more, or a single space
# character other than " ", need replacing (a text's single spaces are left alone,
# which spares a match for every word).
_SPACES = re.compile(f"[ {_SPACE_CHARS}]{{2,}}|[{_SPACE_CHARS}]")
_ODD_SPACE = re.compile(f"[{_SPACE_CHARS}]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")


def normalize(text: str) -> str:
    """Text with one kind of newline, no control characters and single spaces."""
    # Each pass runs only on text that holds what it replaces: the usual
    # paragraph has none of it, and a substring test costs less than a scan.
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = _NEWLINES.sub("\n", text)
    text = plain_text(text)
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    if "  " in text or _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    if "\n" not in text:
        return text.strip()
    return "\n".join(line.strip() for line in text.split("\n")).strip()


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
