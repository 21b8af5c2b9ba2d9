"""How many terminal cells a text takes, character by character."""

from __future__ import annotations

from functools import lru_cache

from rich.cells import get_character_cell_size


def graphemes(text: str) -> list[tuple[str, int]]:
    """``text`` as (cell text, width) pairs: a zero-width character joins the one before."""
    if text.isascii():
        return [(character, 1) for character in text]
    found: list[tuple[str, int]] = []
    for character in text:
        width = get_character_cell_size(character)
        if width == 0 and found:
            found[-1] = (found[-1][0] + character, found[-1][1])
        elif width:
            found.append((character, width))
    return found


@lru_cache(maxsize=4096)
def one_cell_each(text: str) -> bool:
    """True when every character of ``text`` takes one cell (none wide, none zero-width).

    Kept per text: Textual writes the same box lines, marks and symbols every frame.
    """
    return all(get_character_cell_size(character) == 1 for character in text)
