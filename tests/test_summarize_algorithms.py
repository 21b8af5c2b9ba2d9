"""The algorithm registry, the fast rankers' equivalence with stock Sumy, NewsRank's parts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

import summarize
from summarize.algorithms import algorithm_module, resolve
from summarize.algorithms._common import language_tools
from summarize.algorithms._document import build_document, clean_spans
from summarize.algorithms._matrix import gram_matrix, term_counts
from summarize.algorithms.newsrank import NewsRankSummarizer
from summarize.tokenizer import NewsTokenizer

STOCK = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}


def test_resolve_is_case_insensitive_and_defaults() -> None:
    assert resolve(None) == summarize.DEFAULT_ALGORITHM
    assert resolve("") == summarize.DEFAULT_ALGORITHM
    assert resolve(" LexRank ") == "lexrank"
    with pytest.raises(ValueError, match="'nope'"):
        resolve("nope")


def test_every_module_has_build_and_a_cap() -> None:
    for name in summarize.available_algorithms():
        module = algorithm_module(name)
        assert callable(module.build)
        assert module.MAX_SENTENCES >= 100


def test_gram_matrix_matches_dense_product() -> None:
    rng = np.random.default_rng(1)
    words = [
        [f"w{int(x)}" for x in rng.zipf(1.3, size=rng.integers(0, 30)) if x < 400]
        for _ in range(120)
    ]
    rows, cols, counts, n_terms = term_counts(words)
    dense = np.zeros((len(words), n_terms))
    dense[rows, cols] = counts
    assert np.allclose(gram_matrix(rows, cols, counts, len(words), n_terms), dense @ dense.T)


def test_clean_spans_trims_clips_and_orders() -> None:
    text = "  Hello there.  World!  "
    assert clean_spans(text, [(0, 15), (10, 30), (23, 23)]) == [(2, 14), (16, 22)]


def _bbc_texts(shared_data: Path) -> list[str]:
    folder = shared_data / "summaries" / "bbc-100-sentence-per-line" / "article"
    paths = sorted(folder.glob("*/*.txt"))
    assert len(paths) == 100
    return [p.read_text(encoding="utf-8") for p in paths]


@pytest.mark.shared_data
@pytest.mark.parametrize("name", ["lexrank", "textrank"])
def test_fast_rankers_pick_what_stock_sumy_picks_on_bbc100(shared_data: Path, name: str) -> None:
    """Same tokenizer, stemmer and stop words: the same sentences, for 1, 3 and 5 picks."""
    tools = language_tools("english")
    tokenizer = NewsTokenizer("english")
    mismatches = []
    for number, text in enumerate(_bbc_texts(shared_data)):
        document = PlaintextParser.from_string(text, tokenizer).document
        for count in (1, 3, 5):
            stock = STOCK[name](tools.stemmer)
            stock.stop_words = tools.stop_words
            expected = [id(s) for s in stock(document, count)]
            got = [id(s) for s in algorithm_module(name).build(tools)(document, count)]
            if got != expected:
                mismatches.append((number, count))
    assert mismatches == []


@pytest.mark.shared_data
@pytest.mark.parametrize("name", ["lexrank", "textrank"])
def test_api_spans_are_the_stock_picks(shared_data: Path, name: str) -> None:
    tools = language_tools("english")
    for text in _bbc_texts(shared_data)[::10]:
        document = build_document(text, tools.tokenizer, 10**6, 10**7).document
        stock = STOCK[name](tools.stemmer)
        stock.stop_words = tools.stop_words
        expected = [str(s) for s in stock(document, 3)]
        got = [s.text for s in summarize.summarize(text, 3, name).sentences]
        assert got == expected


def _doc(text: str):
    tools = language_tools("english")
    return build_document(text, tools.tokenizer, 10**6, 10**7).document


def test_newsrank_prefers_the_lead_and_skips_short_bylines() -> None:
    text = (
        "By Staff Reporter.\n\n"
        "A powerful storm cut power to thousands of homes across the coast on Sunday night. "
        "Emergency crews worked through the night to restore power to the coastal homes. "
        "The storm also closed schools and roads across the region on Monday morning. "
        "Weather forecasters expect calmer conditions later in the week. "
        "In other news, a local bakery celebrated its hundredth birthday with free bread. "
        "The bakery owner thanked customers for a century of loyalty."
    )
    tools = language_tools("english")
    summarizer = NewsRankSummarizer(tools.stemmer, tools.stop_words)
    picked = [str(s) for s in summarizer(_doc(text), 2)]
    assert "By Staff Reporter." not in picked
    assert picked[0].startswith("A powerful storm")


def test_newsrank_avoids_a_repeated_sentence() -> None:
    lead = "The central bank raised interest rates by half a point to fight rising prices."
    rest = (
        "Shoppers are paying more for food and fuel than a year ago. "
        "Economists had expected a smaller rise in rates this month. "
        "The bank's governor said further rises were possible before the summer. "
        "Mortgage lenders are expected to pass the higher rates on to borrowers."
    )
    tools = language_tools("english")
    summarizer = NewsRankSummarizer(tools.stemmer, tools.stop_words)
    picked = [str(s) for s in summarizer(_doc(f"{lead} {lead} {rest}"), 3)]
    assert picked.count(lead) == 1


def test_newsrank_redundancy_penalty_is_what_drops_the_repeat() -> None:
    """With the penalty off, the same document does pick the repeat: the test above can fail."""
    lead = "The central bank raised interest rates by half a point to fight rising prices."
    rest = "Shoppers are paying more. Economists had expected less. Lenders will follow."
    tools = language_tools("english")
    summarizer = NewsRankSummarizer(tools.stemmer, tools.stop_words)
    summarizer.redundancy = 0.0
    picked = [str(s) for s in summarizer(_doc(f"{lead} {lead} {rest}"), 2)]
    assert picked == [lead, lead]
