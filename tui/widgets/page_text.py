"""An article's body cut into pieces, each wrapped when the view first reaches it."""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text

#: A paragraph longer than this is wrapped in pieces of about this many characters.
PIECE = 2000


def pieces(body: Text) -> Iterator[tuple[int, int]]:
    """(start, end) of ``body``'s paragraphs, long ones cut at spaces near :data:`PIECE`."""
    plain = body.plain
    start = 0
    while start < len(plain):
        end = plain.find("\n", start)
        end = len(plain) if end < 0 else end
        while end - start > PIECE:
            cut = plain.rfind(" ", start + PIECE // 2, start + PIECE)
            cut = cut + 1 if cut > start else start + PIECE
            yield start, cut
            start = cut
        yield start, end
        start = end + 1


def piece(body: Text, start: int, end: int) -> Text:
    """``body[start:end]`` with its highlights, in time proportional to the piece."""
    piece = Text(body.plain[start:end], style=body.style)
    for span in body.spans:
        if span.end > start and span.start < end:
            piece.stylize(span.style, max(span.start, start) - start, min(span.end, end) - start)
    return piece
