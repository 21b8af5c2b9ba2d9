"""NewsTokenizer offline (no NLTK data looked up) and inside Sumy's stock summarizers."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from summarize.tokenizer import NewsTokenizer

ROOT = Path(__file__).resolve().parents[1]


def test_runs_with_empty_nltk_data_and_never_looks_it_up(tmp_path: Path) -> None:
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    script = textwrap.dedent(
        """
        import nltk.data

        def refuse(*args, **kwargs):
            raise AssertionError(f"nltk.data look-up: {args!r}")

        nltk.data.find = nltk.data.load = refuse
        from summarize.tokenizer import NewsTokenizer

        cases = {
            "english": ("Mr. Smith went to Washington.", "He stayed."),
            "german": ("Dr. Müller fuhr z. B. nach Berlin.", "Er blieb."),
            "french": ("M. Dupont est allé à Paris.", "Il est resté."),
            "czech": ("Praha rostla.", "Brno také."),
        }
        for language, expected in cases.items():
            t = NewsTokenizer(language)
            assert t.to_sentences(" ".join(expected)) == expected, language
            assert t.to_words("Hello world") == ("Hello", "world")
        print("ok")
        """
    )
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert not any(empty.iterdir())  # nothing was downloaded there either


def test_shared_parameters_do_not_grow_with_the_words_seen(tok: NewsTokenizer) -> None:
    from summarize.punkt_params import language_data

    ortho = language_data("english").params.ortho_context
    size = len(ortho)
    tok.sentence_spans("It rose 5. Zyxwvut said so. The U.S. Qwertyuiop agreed. J. Asdfgh came.")
    assert len(ortho) == size


ARTICLE = "\n\n".join(
    [
        "Town council approves new bridge",
        "The town council voted on Tuesday to build a new bridge over the river. "
        "The bridge will cost $3.5m and open in 2026.",
        '"This is a great day for the town," said Mayor Jane Smith. '
        "Dr. Ahmed Khan, who led the campaign, agreed.",
        "Residents had complained for years about traffic on the old bridge. "
        "Some waited 40 minutes each morning. The U.S. firm Acme Corp. won the contract.",
        "Work starts in the spring. The old bridge will close for six months. "
        "Shops near it fear a drop in trade.",
    ]
)


def _stock_summarizers():
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.random import RandomSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    return [
        EdmundsonSummarizer,
        KLSummarizer,
        LexRankSummarizer,
        LsaSummarizer,
        LuhnSummarizer,
        RandomSummarizer,
        ReductionSummarizer,
        SumBasicSummarizer,
        TextRankSummarizer,
    ]


@pytest.mark.parametrize("summarizer_class", _stock_summarizers(), ids=lambda c: c.__name__)
def test_inside_stock_sumy_summarizers(summarizer_class, tok: NewsTokenizer) -> None:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.utils import get_stop_words

    parser = PlaintextParser.from_string(ARTICLE, tok)
    summarizer = summarizer_class(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    if summarizer_class.__name__ == "EdmundsonSummarizer":
        summarizer.bonus_words = ("bridge",)
        summarizer.stigma_words = ("shops",)
        summarizer.null_words = get_stop_words("english")
    chosen = [str(s) for s in summarizer(parser.document, 3)]
    assert len(chosen) == 3
    ours = {s for paragraph in ARTICLE.split("\n\n") for s in tok.to_sentences(paragraph)}
    assert set(chosen) <= ours


def test_sumy_document_has_our_sentences(tok: NewsTokenizer) -> None:
    from sumy.parsers.plaintext import PlaintextParser

    document = PlaintextParser.from_string(ARTICLE, tok).document
    sentences = [str(s) for s in document.sentences]
    assert "The U.S. firm Acme Corp. won the contract." in sentences
    assert '"This is a great day for the town," said Mayor Jane Smith.' in sentences
    assert len(sentences) == 11
