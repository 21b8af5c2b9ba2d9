"""An article's title, date and byline in its first paragraphs, and the one title cutter.

Rules, applied to the first :data:`HEADER_PARAGRAPHS` paragraphs of cleaned text:

- Date: a paragraph that starts with a labelled date (``date 2022-07-29``,
  ``Published: 29 July 2022``) or is only a date (with a time, say) gives the
  publication date; the marker is removed from the text, and so are other
  date-only lines there (``Updated 3 hours ago``).
- Byline: a short ``By Jane Doe`` paragraph (``By Staff Reporter · Avery
  Local``), or one that starts with the known author's name, gives the author
  and is removed.
- Title: a first paragraph labelled ``Rewritten:``, ``Title:`` or
  ``Headline:`` is the title (label dropped). Otherwise a first paragraph that
  reads as a headline (at most :data:`HEADLINE_MAX_WORDS` words, one sentence,
  not ending with a full stop, comma, colon or semicolon, and followed by more
  text) is the title. Either way it is removed from the text. With no headline
  the title is :func:`cut_title` of the text, which keeps that sentence.
- A title already known (metadata, the feed) is removed where a paragraph
  repeats it (as a page's ``<h1>`` does, with or without the site's name), and
  cut from the start of a paragraph that runs on from it into the body.

Sentences are ``summarize``'s: the same splitter the summaries use.
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
#: How many leading paragraphs are looked at for a headline, byline or date.
HEADER_PARAGRAPHS = 5
#: A paragraph sharing this share of its words with the title repeats it.
REPEAT_OVERLAP = 0.8

_LABELLED_TITLE = re.compile(r"(?:rewritten|title|headline)\s*:\s*(?=\S)", re.I)
_DATE_MARKER = re.compile(
    rf"(?:(?:date|dated|published|posted|updated|first published)(?: on)?\s*[:\-–—]?\s*)"
    rf"({DATE_PATTERN})(?=$|[\s,.;|])[\s,.;|–—-]*",
    re.I,
)
_TIME = r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?"
_BARE_DATE = re.compile(
    rf"(?:(?:published|updated|posted|first published|last updated)(?: on)?\s*:?\s*)?"
    rf"({DATE_PATTERN}){_TIME}\W*",
    re.I,
)
_RELATIVE_DATE = re.compile(
    r"(?:(?:published|updated|posted)(?: on)?\s*:?\s*)?(?:\d{1,2}|an?) "
    r"(?:minutes?|mins?|hours?|hrs?|days?) ago\W*",
    re.I,
)
_NAME_WORD = r"(?:(?-i:[A-Z])[\w.'’-]+|de|van|von|and|staff|reporters?|correspondents?)"
_BYLINE = re.compile(
    rf"by ((?-i:[A-Z])[\w.'’-]+(?: {_NAME_WORD}){{0,5}})(?:\s*[,|·•/–—-]\s*.{{0,60}})?",
    re.I,
)
_HEADLINE_END = re.compile(r"[.,;:][\"”’')\]]*$")
_TRAILING_JUNK = re.compile(r"[\s,;:\-–—(\[\"“‘']+$")
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•]\s+|:\s+")
_RUN_ON = re.compile(r"[\s:|·•–—-]*(?=[\"“‘'(\[]?[A-Z0-9])")
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Inferred:
    """Title, date and author found in a text, with the paragraphs left over."""

    title: str
    paragraphs: list[str]
    published: datetime | None = None
    author: str | None = None


def infer(paragraphs: list[str], title: str | None = None, author: str | None = None) -> Inferred:
    """Title, date and byline of cleaned paragraphs (see the module docstring).

    A ``title`` or ``author`` already known (from metadata) is kept, and the
    paragraphs that repeat them are dropped.
    """
    paragraphs = list(paragraphs)
    published = _take_date(paragraphs)
    found_author = _take_byline(paragraphs, author)
    repeated = ""  # a title made from the text's first sentence is not a repeat of it
    if title:
        title = repeated = one_line(title)
    elif paragraphs:
        title, taken = _take_title(paragraphs)
        repeated = title if taken else ""
    drop_header(paragraphs, repeated, author or found_author)
    return Inferred(title or "", paragraphs, published, found_author)


def drop_header(paragraphs: list[str], title: str, author: str | None = None) -> list[str]:
    """Remove (in place) leading repeats of the title, bylines and date lines.

    The last paragraph left is always kept: a text that is only its headline
    stays that headline. Returns ``paragraphs``.
    """
    index = 0
    while index < min(HEADER_PARAGRAPHS, len(paragraphs)):
        paragraph = paragraphs[index]
        if len(paragraphs) > 1 and (
            repeats_title(paragraph, title)
            or _is_byline(paragraph, author)
            or _BARE_DATE.fullmatch(paragraph)
            or _RELATIVE_DATE.fullmatch(paragraph)
        ):
            paragraphs.pop(index)
            continue
        rest = _after_title(paragraph, title)
        if rest is not None:
            paragraphs[index] = rest
            continue
        index += 1
    return paragraphs


def repeats_title(paragraph: str, title: str) -> bool:
    """True when ``paragraph`` is the title again (case, punctuation and site name aside)."""
    if not title or len(paragraph) > 2 * len(title) + 40:
        return False
    forms = [_words(form) for form in _title_forms(paragraph)]
    for candidate in _title_forms(title):
        wanted = _words(candidate)
        for words in forms:
            if words == wanted:
                return True
            if len(wanted) >= 4 and len(wanted) - 2 <= len(words) <= len(wanted) + 2:
                shared = len(set(words) & set(wanted))
                if shared >= REPEAT_OVERLAP * max(len(set(words)), len(set(wanted))):
                    return True
    return False


def _title_forms(title: str) -> list[str]:
    """The title, and its parts around a separator (``Headline | Site``) of 2+ words."""
    parts = [p for p in TITLE_SEPARATOR.split(title) if len(p.split()) >= 2]
    return [title, *parts]


def _words(text: str) -> list[str]:
    return _NOT_WORD.sub(" ", text.casefold()).split()


def _after_title(paragraph: str, title: str) -> str | None:
    """The body of a paragraph that starts with the title and runs on; None otherwise."""
    if not title or len(title.split()) < 2:
        return None
    for candidate in _title_forms(title):
        if paragraph.casefold().startswith(candidate.casefold()):
            rest = paragraph[len(candidate) :]
            run_on = _RUN_ON.match(rest)
            if run_on and run_on.end() and len(rest.split()) >= 4:
                return rest[run_on.end() :]
    return None


def _is_byline(paragraph: str, author: str | None) -> bool:
    if len(paragraph) > 100 or paragraph.endswith("."):
        return False
    if _BYLINE.fullmatch(paragraph):
        return True
    if author:
        name = one_line(author).casefold()
        low = paragraph.casefold().removeprefix("by ")
        return bool(name) and (low == name or low.startswith((f"{name} ", f"{name},")))
    return False


def _take_date(paragraphs: list[str]) -> datetime | None:
    for index, paragraph in enumerate(paragraphs[:HEADER_PARAGRAPHS]):
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


def _take_byline(paragraphs: list[str], author: str | None) -> str | None:
    for index, paragraph in enumerate(paragraphs[:HEADER_PARAGRAPHS]):
        if _is_byline(paragraph, author):
            paragraphs.pop(index)
            match = _BYLINE.fullmatch(paragraph)
            return match.group(1) if match else author
    return author


def _take_title(paragraphs: list[str]) -> tuple[str, bool]:
    """(title, whether it was taken out of the text)."""
    first = paragraphs[0]
    labelled = _LABELLED_TITLE.match(first)
    if labelled:
        paragraphs.pop(0)
        return one_line(first[labelled.end() :]), True
    if len(paragraphs) > 1 and is_headline(first):
        paragraphs.pop(0)
        return one_line(first), True
    return cut_title(first), False


def is_headline(paragraph: str) -> bool:
    """True when a paragraph reads as a headline rather than a sentence of text."""
    words = paragraph.split()
    return (
        0 < len(words) <= HEADLINE_MAX_WORDS
        and len(paragraph) <= HEADLINE_MAX_CHARS
        and not _HEADLINE_END.search(paragraph)
        and first_sentence(paragraph) == paragraph.strip()
    )


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, by the summaries' sentence splitter."""
    from summarize.tokenizer import NewsTokenizer

    text = text.strip()
    spans = NewsTokenizer().sentence_spans(text[:5000])
    if not spans:
        return text
    start, end = spans[0]
    return text[start:end]


def cut_title(text: str, limit: int = TITLE_MAX_CHARS) -> str:
    """A title made from the start of a text: its first sentence, cut to ``limit``."""
    return shorten(first_sentence(text), limit)


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
