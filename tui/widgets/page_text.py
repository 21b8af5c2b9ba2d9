"""The pane's text: an article's body cut into pieces (each wrapped when the view first
reaches it), and its wrapped lines made into strips."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

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


def dressed(segments: Iterable[Segment], width: int, base: Style) -> Strip:
    """``Strip(segments).adjust_cell_length(width, base).apply_style(base)`` made as one
    strip rather than three (a pane's line is made of these, every line of every article)."""
    line = list(segments)
    cells = sum(cell_len(text) for text, _, control in line if not control)
    if cells > width:
        return Strip(line).adjust_cell_length(width, base).apply_style(base)
    if cells < width:
        line.append(Segment(" " * (width - cells), base))
    if base:
        add = base.__add__
        line = [
            Segment(text, None if control else add(style), control) for text, style, control in line
        ]
    return Strip(line, width)
