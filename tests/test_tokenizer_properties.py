"""NewsTokenizer properties on any string, and its accuracy floor on the evaluation data."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import summarize.tokenizer as tokenizer_module
from summarize.tokenizer import NewsTokenizer

ROOT = Path(__file__).resolve().parents[1]


# --- properties ------------------------------------------------------------------------------

_FRAGMENTS = [
    "Mr.",
    "U.S.",
    "No. 1",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    ".",
    "?",
    "!",
    "...",
    ". . .",
    "\u2026",
    '"',
    "\u201d",
    "'",
    ")",
    "(",
    "1.",
    "a)",
    "\u2022",
    "-",
    "The",
    "he",
    "said",
    "3.5",
    "$",
    "%",
    "J.",
    "K.",
    "\u3002",
    "\t",
    "word",
    "Word",
    "\ud800",
    "\x00",
    "\u2028",
    "e.g.",
]
_TEXTS = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(categories=["Cs", "Zs", "Po", "Ll", "Lu", "Lo", "Cc"])),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=60).map("".join),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=60).map(" ".join),
)


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.sampled_from([tokenizer_module.PUNKT_BUDGET_CHARS, 0, 7, 40]))
def test_any_string_gives_ordered_spans_that_slice_sentences(text: str, budget: int) -> None:
    tok = NewsTokenizer("english")
    saved = tokenizer_module.PUNKT_BUDGET_CHARS
    tokenizer_module.PUNKT_BUDGET_CHARS = budget  # also exercise the plain splitter
    try:
        spans = tok.sentence_spans(text)
        sentences = tok.to_sentences(text)
    finally:
        tokenizer_module.PUNKT_BUDGET_CHARS = saved
    previous_end = 0
    for a, b in spans:
        assert previous_end <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        previous_end = b
    assert list(sentences) == [text[a:b] for a, b in spans]
    # Nothing but whitespace is left out of the sentences.
    outside = "".join(
        text[x:y]
        for x, y in zip(
            [0, *[b for _, b in spans]], [*[a for a, _ in spans], len(text)], strict=True
        )
    )
    assert outside.strip() == ""
    words = tok.to_words(text)
    assert all(w and w.replace("'", "\u2019") in text.replace("'", "\u2019") for w in words)


# --- regression floor on the evaluation data -----------------------------------------------


def test_accuracy_floor_on_shared_data(shared_data: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.sentences import (
        bbc_documents,
        boundary_scores,
        ewt_documents,
        exact_matches,
        golden_rules,
    )

    spans = NewsTokenizer("english").sentence_spans
    golden = exact_matches(
        spans, golden_rules(shared_data / "sentences" / "english_golden_rules.json")
    )
    assert golden >= 42
    *_, ewt_f1, _ = boundary_scores(
        spans, ewt_documents(shared_data / "sentences" / "ewt_test_sbd.jsonl")
    )
    assert ewt_f1 >= 0.87
    bbc = bbc_documents(shared_data / "summaries" / "bbc-100-sentence-per-line" / "article")
    *_, bbc_f1, _ = boundary_scores(spans, bbc)
    assert bbc_f1 >= 0.99
