"""Text from articles reaches a terminal without control characters."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.safetext import one_line, plain_text


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        ("x\x1b[2Jy", "xy"),
        ("\x1b]52;c;aGk=\x07after", "after"),
        ("\x1b]8;;http://evil/\x1b\\click\x1b]8;;\x1b\\", "click"),
        ("a\x9b1mb", "ab"),
        ("q\x9d0;title\x9cw", "qw"),
        ("\x90dcs payload\x9cok", "ok"),
        ("bell\x07 back\x08space\rreturn", "bell backspacereturn"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("right\u202eto left", "rightto left"),
        ("[bold red]x[/]", "[bold red]x[/]"),
    ],
)
def test_escape_sequences_and_controls_are_removed(hostile: str, shown: str) -> None:
    assert plain_text(hostile) == shown


def test_paragraphs_and_tabs_are_kept() -> None:
    assert plain_text("one\n\ntwo\tthree") == "one\n\ntwo\tthree"
    assert one_line("  one\n\ntwo\tthree ") == "one two three"


@given(st.text())
def test_output_never_holds_a_control_character(value: str) -> None:
    for ch in plain_text(value):
        assert ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    assert "\n" not in one_line(value)
