"""NewsTokenizer: news sentence boundaries, spans, bad input, other languages, words."""

from __future__ import annotations

import textwrap

import pytest

import summarize.tokenizer as tokenizer_module
from summarize.tokenizer import MAX_SENTENCE_CHARS, NewsTokenizer

# --- news cases -------------------------------------------------------------------------


# Each case is the list of sentences expected; the text is them joined by single spaces.
NEWS_CASES = [
    # quotes after full stops
    ['"We will win," he said.', '"It is our time."'],
    ["She called it \u201ca disgrace.\u201d", "The minister resigned."],
    ['"Why now?" he asked.', "Nobody knew."],
    ["'It is over.' she said.", "Then she left."],
    # U.S. and other dotted acronyms
    ["The U.S. economy grew.", "It slowed in the U.S. Officials were calm."],
    ["Growth returned to the U.S.", "The dollar rose."],
    ["The F.B.I. said it was looking into it."],
    ["We went to the U.S.", "I loved it."],
    # titles
    ["Mr. Smith met Dr. Jones and Gov. Brown.", "Mrs. Smith stayed home."],
    ["He thanked Sen. The Hon. Member."],
    # No. 1
    ["The song reached No. 1 in May.", "It stayed there."],
    ["He said no.", "Then he left."],
    # initials
    ["J. K. Rowling wrote it.", "George W. Bush read it."],
    ["He backed Plan B.", "The rest followed."],
    # decimals and money
    ["Profits rose 2.5% to $3.5bn.", "Sales hit \u00a31.2m.", "Shares fell 0.4 points."],
    ["Revenue was $100.00 in 2004.", "Costs rose."],
    # ellipses
    ["He paused... and went on."],
    ["It was over...", "The crowd left."],
    ["It was over\u2026", "The crowd left."],
    ["Wait\u2026 what happened?"],
    ["It was over . . .", "The crowd left."],
    # dates, times, companies
    ["The deal closed on Jan. 5 at 9 a.m.", "It was signed by Acme Inc.", "The shares rose."],
    # exclamation or question mark in a name or title
    ["She works at Yahoo! in London."],
    ["He starred in Who is Sylvia? by Edward Albee."],
    # capitals: an acronym, not the abbreviation Ms. or Dec.
    ["The drug helps patients with MS.", "Final approval came in Dec. 2004."],
    # units end sentences
    ["He won in 9.58 secs.", "Germany came second."],
    # plain sentence ends beside abbreviations and collocations that do not end one
    ["Shares in Acme Co. rose sharply.", "Its rivals fell."],
    ["It weighs approx. 5 kg.", "That is heavy."],
    ["They sold fruit, bread etc. at the market.", "Prices rose."],
    ["It came second in the U.K. and third in Japan."],
    ["Was it worth it?", "Nobody can say."],
    ["Fans cheered!", "The team won."],
    ["The vote was held in Paris.", "Ministers agreed."],
    ["Police arrested a man, aged 34.", "He was released."],
]


@pytest.mark.parametrize("expected", NEWS_CASES, ids=lambda case: case[0][:40])
def test_news_cases(tok: NewsTokenizer, expected: list[str]) -> None:
    assert list(tok.to_sentences(" ".join(expected))) == expected


def test_headline_and_paragraphs(tok: NewsTokenizer) -> None:
    text = (
        "Markets rally as rates hold\n\n"
        "Shares rose on Monday. Investors cheered\n\n"
        "Analysts were cautious."
    )
    assert list(tok.to_sentences(text)) == [
        "Markets rally as rates hold",
        "Shares rose on Monday.",
        "Investors cheered",
        "Analysts were cautious.",
    ]


def test_headline_on_its_own_line_without_blank_line(tok: NewsTokenizer) -> None:
    text = "Markets rally as rates hold\nShares rose on Monday."
    assert list(tok.to_sentences(text)) == ["Markets rally as rates hold", "Shares rose on Monday."]


def test_title_case_headline_is_not_cut_after_abbreviations(tok: NewsTokenizer) -> None:
    text = "U.S. Will Weigh Sanctions, Officials Say\nThe U.S. Will see. Officials agreed."
    assert list(tok.to_sentences(text)) == [
        "U.S. Will Weigh Sanctions, Officials Say",
        "The U.S.",
        "Will see.",
        "Officials agreed.",
    ]
    assert list(tok.to_sentences("Great Service, Thanks Don. Nice Top Lights.")) == [
        "Great Service, Thanks Don.",
        "Nice Top Lights.",
    ]


def test_list_lines_end_sentences(tok: NewsTokenizer) -> None:
    text = (
        "What we know so far:\n- Three people were hurt\n- The road is closed\n"
        "1. First point\n2. Second point"
    )
    assert list(tok.to_sentences(text)) == [
        "What we know so far:",
        "- Three people were hurt",
        "- The road is closed",
        "1. First point",
        "2. Second point",
    ]


def test_inline_numbered_list(tok: NewsTokenizer) -> None:
    assert list(tok.to_sentences("1) Buy milk 2) Sell bonds 3) Sleep")) == [
        "1) Buy milk",
        "2) Sell bonds",
        "3) Sleep",
    ]


@pytest.mark.parametrize("headline", ["", "Bank holds rates steady\n"])
def test_hard_wrapped_paragraph_is_joined(tok: NewsTokenizer, headline: str) -> None:
    body = (
        "The central bank kept its main interest rate on hold on Thursday. Officials "
        "said inflation was easing faster than expected, and that the outlook for "
        "growth had improved since the spring. Markets had expected no change."
    )
    wrapped = textwrap.fill(body, width=60)
    assert wrapped.count("\n") >= 3
    sentences = tok.to_sentences(headline + wrapped + "\nBy Jane Smith\nBBC News")
    expected = [
        "The central bank kept its main interest rate on hold on Thursday.",
        "Officials said inflation was easing faster than expected, and that the outlook "
        "for growth had improved since the spring.",
        "Markets had expected no change.",
        "By Jane Smith",
        "BBC News",
    ]
    assert [" ".join(s.split()) for s in sentences] == [headline.strip()] * bool(
        headline
    ) + expected


def test_line_break_before_lower_case_continues_the_sentence(tok: NewsTokenizer) -> None:
    assert list(tok.to_sentences("The minister said that\nthe plan would go ahead.")) == [
        "The minister said that\nthe plan would go ahead."
    ]


def test_no_punctuation_is_cut_at_lines_and_length(tok: NewsTokenizer) -> None:
    lines = "first line of words\nSecond line of words\nThird line"
    assert len(tok.to_sentences(lines)) == 3
    long_run = " ".join(["word"] * 3000)
    sentences = tok.to_sentences(long_run)
    assert len(sentences) > 1
    assert all(len(s) <= MAX_SENTENCE_CHARS for s in sentences)
    assert " ".join(sentences) == long_run


def test_cjk_full_stops(tok: NewsTokenizer) -> None:
    assert list(NewsTokenizer("chinese").to_sentences("今天下雨。我们在家！你呢？")) == [
        "今天下雨。",
        "我们在家！",
        "你呢？",
    ]


# --- spans ---------------------------------------------------------------------------------


def test_spans_slice_the_sentences(tok: NewsTokenizer) -> None:
    text = '  Markets rally\n\n"It works," he said.   Mr. Smith agreed.\n\n\n  The end. '
    spans = tok.sentence_spans(text)
    assert [text[a:b] for a, b in spans] == list(tok.to_sentences(text))
    assert [text[a:b] for a, b in spans] == [
        "Markets rally",
        '"It works," he said.',
        "Mr. Smith agreed.",
        "The end.",
    ]


@pytest.mark.parametrize("text", ["", " ", "\n\n\t ", "\x00", "...", "\ud800"])
def test_degenerate_inputs(tok: NewsTokenizer, text: str) -> None:
    spans = tok.sentence_spans(text)
    assert all(text[a:b].strip() == text[a:b] != "" for a, b in spans)
    assert bool(spans) == bool(text.strip())


def test_ten_megabytes_without_punctuation(tok: NewsTokenizer) -> None:
    text = "abc " * 2_500_000
    spans = tok.sentence_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())
    assert max(b - a for a, b in spans) <= MAX_SENTENCE_CHARS


def test_past_the_punkt_budget_the_plain_splitter_takes_over(
    tok: NewsTokenizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraph = "Mr. Smith went to Washington. He stayed.\n\n"
    monkeypatch.setattr(tokenizer_module, "PUNKT_BUDGET_CHARS", len(paragraph))
    text = paragraph * 3
    assert list(tok.to_sentences(text)) == [
        "Mr. Smith went to Washington.",
        "He stayed.",
        # past the budget: no abbreviations known, but still cut at full stops
        "Mr.",
        "Smith went to Washington.",
        "He stayed.",
        "Mr.",
        "Smith went to Washington.",
        "He stayed.",
    ]


def test_not_a_string_is_a_clear_error(tok: NewsTokenizer) -> None:
    with pytest.raises(TypeError, match="str"):
        tok.sentence_spans(b"bytes")  # type: ignore[arg-type]


def test_bad_language_name() -> None:
    with pytest.raises(ValueError, match="language"):
        NewsTokenizer("english; rm -rf")
    with pytest.raises(ValueError, match="language"):
        NewsTokenizer(None)  # type: ignore[arg-type]
    assert NewsTokenizer(" English ").language == "english"
    assert NewsTokenizer("de").language == "german"
    # A language without its own data file still works, with the generic rules.
    assert NewsTokenizer("finnish").to_sentences("Hyvä päivä. Se oli kaunis.") == (
        "Hyvä päivä.",
        "Se oli kaunis.",
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("german", ["Am 3. Oktober kam Dr. Müller z. B. nach Berlin.", "Die Stadt feierte."]),
        ("german", ["Der Umsatz stieg auf 5.", "Dann fiel er wieder."]),
        ("french", ["M. Dupont est arrivé à 9 h.", "Il est reparti, etc."]),
        ("spanish", ["El Sr. García llegó ayer.", "La reunión fue larga."]),
        ("italian", ["Il dott. Rossi è arrivato.", "La riunione è finita."]),
        ("portuguese", ["O Sr. Silva chegou ontem.", "A reunião foi longa."]),
        ("czech", ["Dne 5. května přijel Ing. Novák.", "To bylo vše."]),
        ("polish", ["Prof. Nowak przyjechał 3 maja, tj. w środę.", "To był dobry dzień."]),
        ("russian", ["В 2005 г. в Москве жил А. С. Пушкин.", "Он писал стихи."]),
        ("greek", ["Τι έγινε;", "Ο κ. Παπαδόπουλος ήρθε."]),
        ("swedish", ["Han kom t.ex. i går.", "Det var bra."]),
        ("dutch", ["Dhr. Jansen kwam bijv. gisteren.", "Het was goed."]),
    ],
)
def test_other_languages(language: str, expected: list[str]) -> None:
    assert list(NewsTokenizer(language).to_sentences(" ".join(expected))) == expected


# --- words -----------------------------------------------------------------------------------


def test_words(tok: NewsTokenizer) -> None:
    assert tok.to_words(
        "Don\u2019t panic: the U.S. economy grew 3.5% to $2bn, a well-known fact."
    ) == (
        "Don't",
        "panic",
        "the",
        "U",
        "S",
        "economy",
        "grew",
        "to",
        "bn",
        "a",
        "well-known",
        "fact",
    )


@pytest.mark.parametrize(
    ("language", "sentence", "words"),
    [
        ("german", "Die Straße ist groß.", ("Die", "Straße", "ist", "groß")),
        ("french", "L'économie va bien.", ("L'économie", "va", "bien")),
        ("russian", "Экономика растёт.", ("Экономика", "растёт")),
        ("greek", "Η οικονομία αναπτύσσεται.", ("Η", "οικονομία", "αναπτύσσεται")),
        ("arabic", "الاقتصاد ينمو.", ("الاقتصاد", "ينمو")),
        ("chinese", "经济增长", ("经", "济", "增", "长")),
    ],
)
def test_words_in_other_scripts(language: str, sentence: str, words: tuple[str, ...]) -> None:
    assert NewsTokenizer(language).to_words(sentence) == words


def test_words_of_latin_text_with_and_without_cjk_characters(tok: NewsTokenizer) -> None:
    # a sentence without CJK characters is read by a simpler pattern: the same words
    assert tok.to_words("Tokyo\u2019s well-known rally") == ("Tokyo's", "well-known", "rally")
    assert tok.to_words("Tokyo\u2019s 東京 well-known rally") == (
        "Tokyo's",
        "東",
        "京",
        "well-known",
        "rally",
    )
    assert tok.to_words("東京well-known") == ("東", "京", "well-known")
