"""Turning a text into a document whose sentences know their spans: Sumy's, or a light one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


@dataclass(frozen=True)
class SpannedDocument:
    """A Sumy document plus the character span of each of its sentences."""

    document: Any
    spans: tuple[tuple[int, int], ...]
    #: How many sentences the (capped) text had before ``max_sentences`` was applied.
    total_sentences: int
    #: Set when only part of the text was read or ranked.
    note: str = ""


def clean_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans clipped to ``text``, trimmed of whitespace, in order, not overlapping."""
    result: list[tuple[int, int]] = []
    last_end = 0
    n = len(text)
    for raw_start, raw_end in spans:
        start = max(int(raw_start), last_end, 0)
        end = min(int(raw_end), n)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            result.append((start, end))
            last_end = end
    return result


class PlainSentence:
    """A sentence of a :class:`PlainDocument`: its text and its words (made when read)."""

    __slots__ = ("_text", "_tokenizer", "_words")

    def __init__(self, text: str, tokenizer: Any) -> None:
        self._text, self._tokenizer = text, tokenizer
        self._words: tuple[str, ...] | None = None

    @property
    def words(self) -> tuple[str, ...]:
        """The tokenizer's words of the sentence."""
        if self._words is None:
            self._words = tuple(self._tokenizer.to_words(self._text))
        return self._words

    def __str__(self) -> str:
        return self._text


@dataclass(frozen=True)
class PlainDocument:
    """Sentences in document order: all that NewsRank reads of a Sumy document."""

    sentences: tuple[PlainSentence, ...]


def build_document(
    text: str, tokenizer: Any, max_sentences: int, max_chars: int, plain: bool = False
) -> SpannedDocument:
    """Split ``text`` into sentences and paragraphs (blank lines) for Sumy.

    Only the first ``max_chars`` characters are split and only the first
    ``max_sentences`` sentences are kept; ``note`` says when either cap applied.
    ``plain`` makes a :class:`PlainDocument` instead (no Sumy import, no paragraphs).
    """
    notes: list[str] = []
    head = text
    if len(text) > max_chars:
        head = text[:max_chars]
        notes.append(f"read only the first {max_chars:,} of {len(text):,} characters")
    spans = clean_spans(head, list(tokenizer.sentence_spans(head)))
    if len(head) < len(text) and len(spans) > 1 and spans[-1][1] >= len(head.rstrip()):
        spans.pop()  # cut off mid-sentence by the character cap
    total = len(spans)
    if total > max_sentences:
        spans = spans[:max_sentences]
        notes.append(f"ranked only the first {max_sentences:,} of {total:,} sentences")
    if plain:
        document = PlainDocument(tuple(PlainSentence(text[a:b], tokenizer) for a, b in spans))
        return SpannedDocument(document, tuple(spans), total, "; ".join(notes))
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    paragraphs: list[list[Sentence]] = [[]]
    previous_end = None
    for start, end in spans:
        if previous_end is not None and _PARAGRAPH_BREAK.search(text, previous_end, start):
            paragraphs.append([])
        paragraphs[-1].append(Sentence(text[start:end], tokenizer))
        previous_end = end
    document = ObjectDocumentModel([Paragraph(p) for p in paragraphs if p])
    return SpannedDocument(document, tuple(spans), total, "; ".join(notes))
