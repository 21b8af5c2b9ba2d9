"""A list row's columns: every title and source takes exactly its column's cells."""

from __future__ import annotations

import random

from rich.cells import cell_len

from tui.widgets.article_list import fit_cells


def test_short_text_is_padded_and_long_text_cut_with_an_ellipsis() -> None:
    assert fit_cells("Harbour", 10) == "Harbour   "
    assert fit_cells("Harbour city opens", 10) == "Harbour c…"
    assert fit_cells("Harbour", 7) == "Harbour"
    assert fit_cells("Harbour", 0) == ""


def test_wide_characters_never_overflow_the_column() -> None:
    assert fit_cells("港の図書館", 10) == "港の図書館"
    cut = fit_cells("港の図書館が開く", 10)
    assert cell_len(cut) == 10 and cut.endswith("…") and cut.startswith("港の図書")
    odd = fit_cells("港の図書館が開く", 7)  # a wide character does not fit in the last cell
    assert cell_len(odd) == 7 and odd.endswith("…")


def test_every_width_is_exact() -> None:
    rng = random.Random(3)
    alphabet = "abc XYZ 港図書 é ñ ü ★ ●"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        width = rng.randint(1, 25)
        assert cell_len(fit_cells(text, width)) == width, (text, width)
