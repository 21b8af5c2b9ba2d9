"""Text from articles reaches a terminal without control characters."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.safetext import json_text, one_line, plain_text, safe_url


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


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        ("pay\u200bpal", "paypal"),
        ("\ufeffword\u2060join", "wordjoin"),
        ("left\u200emark\u200fright\u061cletter", "leftmarkrightletter"),
        ("\u2066isolate\u2069", "isolate"),
        ("pay\u200dpal and \u200cx", "paypal and x"),  # joiners between ASCII: invisible, gone
        (
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        ),
        (
            "\U0001f468\u200d\U0001f469\u200d\U0001f467",
            "\U0001f468\u200d\U0001f469\u200d\U0001f467",
        ),
    ],
)
def test_invisible_characters_are_removed_but_needed_joiners_stay(hostile: str, shown: str) -> None:
    assert plain_text(hostile) == shown
    assert one_line(hostile) == shown


def test_links_keep_hidden_characters_visible() -> None:
    assert safe_url(" https://pay\u200bpal.example/a b\x1b[2J ") == (
        "https://pay%E2%80%8Bpal.example/a%20b"
    )
    assert safe_url("https://x.example/\u202eevil\u2066") == (
        "https://x.example/%E2%80%AEevil%E2%81%A6"
    )
    assert safe_url("https://x.example/caf\u00e9") == "https://x.example/caf\u00e9"


def test_json_escapes_c1_bidi_and_invisible_characters() -> None:
    text = json_text({"t": "a\x1bb\x9bc\u202ed\u200be\u2028f\u00e9"})
    assert text == '{"t": "a\\u001bb\\u009bc\\u202ed\\u200be\\u2028f\u00e9"}'
    assert json.loads(text)["t"] == "a\x1bb\x9bc\u202ed\u200be\u2028f\u00e9"
    assert json_text(["\ud800", "\U000e0041"]) == '["\\ud800", "\\udb40\\udc41"]'


@given(st.text())
def test_json_text_holds_no_unsafe_character_and_round_trips(value: str) -> None:
    text = json_text([value])
    for ch in text:
        assert unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\n"
    assert json.loads(text) == [value]
