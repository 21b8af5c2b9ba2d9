"""summarize(): the API contract, bad input, languages, caps, cheap import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import summarize
from summarize import Summary, SummarySentence

NEWS = (
    "The city council approved a new budget on Tuesday after months of debate. "
    "The budget raises spending on schools and roads by ten percent. "
    "Council members argued for hours about the cost of the new bus lanes. "
    "Mayor Ana Ruiz said the plan would make the city safer for children. "
    "Opponents said the tax rise would hurt small shops in the old town. "
    "The vote was seven to four. "
    "A final reading of the budget is planned for next month.\n\n"
    "Local businesses have asked for a meeting with the mayor. "
    "They want the bus lanes moved away from the market square. "
    "The mayor has not yet replied to their letter."
)


def _check_spans(text: str, result: Summary) -> None:
    previous_end = 0
    for sentence in result.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert sentence.start >= previous_end
        assert text[sentence.start : sentence.end] == sentence.text
        previous_end = sentence.end


@pytest.mark.parametrize("name", summarize.available_algorithms())
def test_every_algorithm_gives_n_sentences_in_document_order(name: str) -> None:
    result = summarize.summarize(NEWS, 3, name)
    assert result.algorithm == name
    assert len(result.sentences) == 3
    assert [s.start for s in result.sentences] == sorted(s.start for s in result.sentences)
    _check_spans(NEWS, result)
    assert all(isinstance(s.score, float) for s in result.sentences)


def test_default_is_listed_first_and_is_not_a_stock_name() -> None:
    names = summarize.available_algorithms()
    assert names[0] == summarize.DEFAULT_ALGORITHM
    assert summarize.summarize(NEWS).algorithm == summarize.DEFAULT_ALGORITHM
    assert {
        "lexrank",
        "textrank",
        "lsa",
        "luhn",
        "edmundson",
        "kl",
        "sumbasic",
        "reduction",
        "random",
    } <= set(names)


def test_default_is_not_simply_the_lead() -> None:
    """A duplicated opening sentence is picked once, not twice as Lead-3 would."""
    first = "Floods forced thousands of people from their homes in the north on Monday. "
    text = first + first + NEWS
    result = summarize.summarize(text, 3)
    texts = [s.text for s in result.sentences]
    assert texts.count(first.strip()) == 1


def test_unknown_algorithm_names_it_and_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match=r"'bogus'.*newsrank.*lexrank"):
        summarize.summarize(NEWS, 3, "bogus")


@pytest.mark.parametrize("count", [0, -1, 2.5, True])
def test_bad_sentence_count(count: object) -> None:
    with pytest.raises(ValueError, match="sentences"):
        summarize.summarize(NEWS, count)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_gives_an_empty_summary_with_a_note(text: str) -> None:
    result = summarize.summarize(text)
    assert result.sentences == ()
    assert "empty" in result.note


def test_short_text_comes_back_whole() -> None:
    text = "  One sentence here. And a second one!  "
    result = summarize.summarize(text, 3)
    assert [s.text for s in result.sentences] == ["One sentence here.", "And a second one!"]
    _check_spans(text, result)


@pytest.mark.parametrize("text", ["word", "x" * 5000, "\x00\x01\xff\ufffd" * 300])
def test_degenerate_text(text: str) -> None:
    result = summarize.summarize(text, 3)
    assert result.sentences
    _check_spans(text, result)


def test_text_without_punctuation_is_still_summarised() -> None:
    words = NEWS.replace(".", "").replace("\n", " ").split()
    text = " ".join(words * 20)
    result = summarize.summarize(text, 2)
    assert len(result.sentences) == 2
    _check_spans(text, result)


def test_one_paragraph_and_mixed_scripts() -> None:
    others = " 東京で地震があった。 Москва заявила о новых мерах. 市场很平静。"
    text = NEWS.replace("\n\n", " ") + others
    result = summarize.summarize(text, 4)
    assert len(result.sentences) == 4
    _check_spans(text, result)


def test_huge_text_is_capped_and_says_so() -> None:
    text = (NEWS + "\n\n") * 17_000  # about 10 MB
    assert len(text) > 9_000_000
    result = summarize.summarize(text, 3)
    assert len(result.sentences) == 3
    assert "first" in result.note
    _check_spans(text, result)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "german",
            "Der Bundestag hat am Dienstag ein neues Gesetz beschlossen. Die Opposition "
            "kritisierte das Gesetz scharf. Die Regierung verteidigte die Pläne. "
            "Das Gesetz soll im Sommer in Kraft treten. Viele Bürger sind skeptisch.",
        ),
        (
            "french",
            "Le gouvernement a présenté mardi un nouveau budget. L'opposition a critiqué "
            "le texte. Les syndicats appellent à la grève. Le vote aura lieu la semaine prochaine. "
            "Les marchés sont restés calmes.",
        ),
        (
            "spanish",
            "El gobierno presentó el martes un nuevo presupuesto. La oposición criticó "
            "el plan. Los sindicatos convocaron una huelga. La votación será la próxima semana. "
            "Los mercados se mantuvieron tranquilos.",
        ),
    ],
)
def test_other_languages(language: str, text: str) -> None:
    for name in ("newsrank", "lexrank", "textrank", "edmundson"):
        result = summarize.summarize(text, 2, name, language)
        assert len(result.sentences) == 2
        _check_spans(text, result)


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="klingon"):
        summarize.summarize(NEWS, 3, None, "klingon")


def test_json_round_trip() -> None:
    result = summarize.summarize(NEWS, 3)
    again = Summary.from_json(result.to_json())
    assert again == result
    assert isinstance(again.sentences[0], SummarySentence)


def test_import_is_cheap() -> None:
    code = (
        "import sys, summarize; "
        "heavy = [m for m in ('sumy', 'nltk', 'numpy') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_default_english_summary_loads_no_nltk_numpy_or_sumy_algorithms() -> None:
    """The first summary of a process pays only for what the default algorithm uses."""
    code = (
        "import sys, summarize; "
        f"s = summarize.summarize({NEWS!r}, 2); "
        "assert len(s.sentences) == 2, s; "
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('nltk', 'numpy', 'requests')"
        " or m.startswith(('sumy.summarizers', 'sumy.nlp', 'sumy.models'))]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
