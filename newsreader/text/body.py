"""An article's body made clean: paragraphs, no boilerplate, no repeated headline or byline.

The same cleaning for every way an article comes in: a feed entry's text, a
page's extracted text, an imported file.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsreader.text.boilerplate import remove_boilerplate
from newsreader.text.paragraphs import join_paragraphs, normalize, split_paragraphs
from newsreader.text.titles import drop_header


def body_paragraphs(
    paragraphs: Iterable[str], title: str = "", author: str | None = None
) -> list[str]:
    """Paragraphs without boilerplate, and without the leading lines that repeat the
    ``title`` or the ``author`` (headline, byline, date lines)."""
    return _clean_normalized((normalize(p) for p in paragraphs), title, author)


def _clean_normalized(paragraphs: Iterable[str], title: str, author: str | None) -> list[str]:
    """:func:`body_paragraphs` of paragraphs already normalised."""
    kept = remove_boilerplate(p for p in paragraphs if p)
    return drop_header(kept, title, author)


def clean_body(text: str, title: str = "", author: str | None = None) -> str:
    """``text`` (plain, paragraphs on lines) as a clean body: see :func:`body_paragraphs`."""
    # split_paragraphs normalises: its paragraphs need no second pass.
    paragraphs = split_paragraphs(text, unwrap=False)
    return join_paragraphs(_clean_normalized(paragraphs, title, author))


def clean_paragraphs(text: str, unwrap: bool = True) -> list[str]:
    """Split, normalise and de-boilerplate plain text into paragraphs (no header rules)."""
    return remove_boilerplate(split_paragraphs(text, unwrap=unwrap))
