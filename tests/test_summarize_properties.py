"""Property tests: any string is summarised without an exception, with honest spans."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import summarize

WORDS = st.sampled_from(
    [
        "the",
        "Mr.",
        "U.S.",
        "said",
        "bank",
        "rates",
        "3.5%",
        "$10bn",
        "...",
        "\u201cYes.\u201d",
        "Москва",
        "東京。",
        "\n\n",
        "\n",
        "!",
        "?",
        ".",
        "  ",
        "\x00",
        "\u202e",
        "é",
        "-",
        "No. 1",
    ]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=120).map(" ".join))


def _check(text: str, result: summarize.Summary) -> None:
    previous_end = 0
    for sentence in result.sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        previous_end = sentence.end


@pytest.mark.parametrize("name", ["newsrank", "lexrank", "textrank", "lsa", "edmundson"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, count=st.integers(min_value=1, max_value=5))
def test_any_string_gives_spans_inside_the_text_in_order(name: str, text: str, count: int) -> None:
    result = summarize.summarize(text, count, name)
    assert len(result.sentences) <= count
    if text.strip():
        assert result.sentences or result.note
    _check(text, result)
