"""Finding an article's title, date and byline in the paragraphs of a saved text.

Rules, applied to the first paragraphs of the cleaned text:

- Date: a paragraph among the first three that starts with a labelled date
  (``date 2022-07-29``, ``Published: 29 July 2022``) or is only a date gives
  the publication date; the marker is removed from the text.
- Byline: a short ``By Jane Doe`` paragraph among the first three gives the
  author and is removed.
- Title: a first paragraph labelled ``Rewritten:``, ``Title:`` or
  ``Headline:`` is the title (label dropped). Otherwise a first paragraph that
  reads as a headline (at most :data:`HEADLINE_MAX_WORDS` words, one sentence,
  not ending with a full stop, comma, colon or semicolon, and followed by more
  text) is the title. Either way it is removed from the text. With no headline
  the title is the first sentence (its full stop dropped), shortened at a word
  boundary with an ellipsis when longer than :data:`TITLE_MAX_CHARS`; the text
  keeps that sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from newsreader.importers.dates import DATE_PATTERN, parse_date
from newsreader.safetext import one_line

TITLE_MAX_CHARS = 100
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 200

_LABELLED_TITLE = re.compile(r"(?:rewritten|title|headline)\s*:\s*(?=\S)", re.I)
_DATE_MARKER = re.compile(
    rf"(?:(?:date|dated|published|posted|updated|first published)(?: on)?\s*[:\-–—]?\s*)"
    rf"({DATE_PATTERN})(?=$|[\s,.;|])[\s,.;|–—-]*",
    re.I,
)
_BARE_DATE = re.compile(rf"({DATE_PATTERN})\W*", re.I)
_BYLINE = re.compile(
    r"by ((?-i:[A-Z])[\w.'’-]+(?: (?:(?-i:[A-Z])[\w.'’-]+|de|van|von|and)){0,5})"
    r"(?:\s*[,|–—-]\s*.{0,60})?",
    re.I,
)
_ABBREVIATIONS = frozenset(
    (
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "rev",
        "hon",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
    )
)
_SENTENCE_BREAK = re.compile(r"([.!?…]+)([\"”’')\]]*)\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_HEADLINE_END = re.compile(r"[.,;:][\"”’')\]]*$")
_TRAILING_JUNK = re.compile(r"[\s,;:\-–—(\[\"“‘']+$")


@dataclass(frozen=True)
class Inferred:
    """Title, date and author found in a text, with the paragraphs left over."""

    title: str
    paragraphs: list[str]
    published: datetime | None = None
    author: str | None = None


def infer(paragraphs: list[str], title: str | None = None) -> Inferred:
    """Title, date and byline of cleaned paragraphs (see the module docstring).

    A ``title`` already known (from metadata) is kept; a first paragraph that
    repeats it is dropped.
    """
    paragraphs = list(paragraphs)
    published = _take_date(paragraphs)
    author = _take_byline(paragraphs)
    if title:
        title = one_line(title)
        if paragraphs and one_line(paragraphs[0]).casefold() == title.casefold():
            paragraphs.pop(0)
    elif paragraphs:
        title = _take_title(paragraphs)
    return Inferred(title or "", paragraphs, published, author)


def _take_date(paragraphs: list[str]) -> datetime | None:
    for index, paragraph in enumerate(paragraphs[:3]):
        bare = _BARE_DATE.fullmatch(paragraph)
        if bare:
            moment = parse_date(bare.group(1))
            if moment is not None:
                paragraphs.pop(index)
                return moment
        marker = _DATE_MARKER.match(paragraph)
        if marker:
            moment = parse_date(marker.group(1))
            if moment is not None:
                rest = paragraph[marker.end() :].strip()
                if rest:
                    paragraphs[index] = rest
                else:
                    paragraphs.pop(index)
                return moment
    return None


def _take_byline(paragraphs: list[str]) -> str | None:
    for index, paragraph in enumerate(paragraphs[:3]):
        match = _BYLINE.fullmatch(paragraph)
        if match and len(paragraph) <= 100 and not paragraph.endswith("."):
            paragraphs.pop(index)
            return match.group(1)
    return None


def _take_title(paragraphs: list[str]) -> str:
    first = paragraphs[0]
    labelled = _LABELLED_TITLE.match(first)
    if labelled:
        paragraphs.pop(0)
        return one_line(first[labelled.end() :])
    if len(paragraphs) > 1 and is_headline(first):
        paragraphs.pop(0)
        return one_line(first)
    return shorten(first_sentence(first))


def is_headline(paragraph: str) -> bool:
    """True when a paragraph reads as a headline rather than a sentence of text."""
    words = paragraph.split()
    return (
        0 < len(words) <= HEADLINE_MAX_WORDS
        and len(paragraph) <= HEADLINE_MAX_CHARS
        and not _HEADLINE_END.search(paragraph)
        and first_sentence(paragraph) == paragraph
    )


def first_sentence(paragraph: str) -> str:
    """The first sentence of a paragraph (abbreviations like "Mr." do not end it)."""
    for match in _SENTENCE_BREAK.finditer(paragraph):
        before = paragraph[: match.start()]
        word = before.rsplit(None, 1)[-1] if before.split() else ""
        bare = word.lstrip("\"“‘'([").lower()
        if match.group(1) == "." and (bare in _ABBREVIATIONS or re.fullmatch(r"\w", bare)):
            continue
        return paragraph[: match.end(2)].strip()
    return paragraph.strip()


def shorten(sentence: str, limit: int = TITLE_MAX_CHARS) -> str:
    """A sentence as a title: one line, full stop dropped, cut at a word with "…"."""
    text = one_line(sentence)
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return _TRAILING_JUNK.sub("", cut) + "…"
