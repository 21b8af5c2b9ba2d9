"""Boilerplate rules, paragraphs, and title/date inference on made-up texts like the seeds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsreader.text.body import clean_paragraphs
from newsreader.text.boilerplate import BOILERPLATE, is_boilerplate
from newsreader.text.paragraphs import split_paragraphs
from newsreader.text.titles import TITLE_MAX_CHARS, first_sentence, infer, shorten

CONTENT = "The mayor of Exampleton said the harbour would reopen on Monday after repairs."


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Read more",
        "Read more:",
        "READ MORE: Town votes on wall",
        "No time to read?",
        "Get a summary",
        "Story continues below advertisement",
        "5 min read",
        "Share this article",
        "Facebook Twitter Email",
        "Sign up",
        "Image source, Getty Images",
        "Image caption, The harbour after the storm",
        "The mayor at the harbour on Monday. © Jane Roe / Getty Images",
        "Harbour workers on Tuesday (Photo: Jane Roe/Reuters)",
        "Fishermen unload their catch in Exampleton. Photograph: Ann Other/AP",
        "Boats in the bay at dawn / Reuters",
        "The storm-hit pier, seen from the air | AFP",
        "The mayor, left, with engineers. AFP via Getty Images",
        "A crane lifts a block into place. AP Photo/Sam Smith",
        "The AP contributed.",
        "The Associated Press contributed to this report.",
        "Jane Roe and John Doe contributed reporting.",
        "(Reporting by Jane Roe; Editing by John Doe)",
        "Additional reporting by Jane Roe",
        "Copyright 2024 Exampleton Echo. All rights reserved.",
        "The minister arrives at the summit. Kremlin Pool/Sputnik via REUTERS",
        "REUTERS/Jane Roe",
        "Photo by Jane Roe on Unsplash",
        "Credit: Jane Roe for the Echo",
        "Next article: Ferry fares rise again",
        # Case-insensitive rules match "ſ" to "s" and "ı", "İ" to "i": so must the quick tests.
        "Copyright 2024 Exampleton Echo. ALL RIGHTS REſERVED.",
        "Jane Roe and John Doe contrıbuted reporting.",
        "WE USE COOKİES TO IMPROVE YOUR EXPERIENCE.",
    ],
)
def test_boilerplate_lines_are_removed(line: str) -> None:
    assert is_boilerplate(line)
    assert clean_paragraphs(f"{CONTENT}\n{line}\n{CONTENT} Again.") == [
        CONTENT,
        f"{CONTENT} Again.",
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        CONTENT,
        "Reuters reported that the harbour would reopen on Monday.",
        "The company behind Getty Images reported higher profits this year.",
        "Advertisement campaigns for the festival start next week.",
        "Readers who want more can visit the town museum.",
        "Many people contributed to the repair fund, the mayor said on Monday.",
        "Reporting by the town newspaper found that the wall had been neglected for years.",
        "Sign up rates for the swimming club rose by a fifth last year, officials said.",
        "He described the picture: a harbour full of boats again.",
        "The report is available to read in the town hall library.",
        "The photos by the river were taken on Monday, the police said.",
        "Reuters/Ipsos polls show the mayor ahead by four points.",
    ],
)
def test_content_that_looks_a_bit_like_boilerplate_is_kept(paragraph: str) -> None:
    assert not is_boilerplate(paragraph)
    assert clean_paragraphs(f"{CONTENT}\n{paragraph}") == [CONTENT, paragraph]


def test_prefixes_are_removed_before_a_capitalised_sentence() -> None:
    text = (
        "Advertisement The harbour reopens.\nRead more “We waited,” she said.\n"
        "Advertisement campaigns start."
    )
    assert clean_paragraphs(text) == [
        "The harbour reopens.",
        "“We waited,” she said.",
        "Advertisement campaigns start.",
    ]


def test_a_trailing_navigation_block_is_removed() -> None:
    text = (
        f"{CONTENT}\n\nSecond paragraph of the story.\n\nPrevious Article\n\nA Look at Old Town"
        " Music\n\nNext Article\n\nAnother Story Title About Something Else"
    )
    assert clean_paragraphs(text) == [CONTENT, "Second paragraph of the story."]
    related = f"{CONTENT}\nRelated stories\nWall vote passes\nFerry fares rise again"
    assert clean_paragraphs(related) == [CONTENT]


def test_navigation_followed_by_article_text_is_not_a_tail() -> None:
    long_paragraph = "The rest of the story goes on here for a while. " * 6
    text = f"{CONTENT}\nUp next\n{long_paragraph.strip()}"
    assert clean_paragraphs(text) == [CONTENT, long_paragraph.strip()]


def test_boilerplate_rules_are_data() -> None:
    kinds = {rule.kind for rule in BOILERPLATE}
    assert kinds == {"line", "prefix", "tail"}
    assert len({rule.name for rule in BOILERPLATE}) == len(BOILERPLATE)
    assert all(word == word.lower() for rule in BOILERPLATE for word in rule.needs)


def test_single_newlines_and_blank_lines_both_separate_paragraphs() -> None:
    assert split_paragraphs("One.\nTwo.\n\n\nThree.\r\nFour.\rFive.") == [
        "One.",
        "Two.",
        "Three.",
        "Four.",
        "Five.",
    ]


def test_hard_wrapped_text_is_unwrapped() -> None:
    text = (
        "The harbour wall in Exampleton will be rebuilt next year, the\n"
        "council said on Tuesday, after a long debate about the cost of\n"
        "the work and who should pay for it.\n\n"
        "Residents have campaigned for repairs since the storms of last\n"
        "winter flooded the lower town and closed the fish market for\n"
        "three weeks.\n"
    )
    assert split_paragraphs(text) == [
        "The harbour wall in Exampleton will be rebuilt next year, the council said on Tuesday,"
        " after a long debate about the cost of the work and who should pay for it.",
        "Residents have campaigned for repairs since the storms of last winter flooded the"
        " lower town and closed the fish market for three weeks.",
    ]


def test_control_characters_and_odd_spaces_are_cleaned() -> None:
    text = "Bell\x07 ring\x1b[2J.\u00a0Non\u200bbreaking\t tab \x1b]52;c;aGk=\x07end.\u2028Next."
    assert split_paragraphs(text) == ["Bell ring. Nonbreaking tab end.", "Next."]


# -- titles and dates ---------------------------------------------------------------


def test_labelled_title_is_used_without_its_label() -> None:
    found = infer(["Headline: Wall to be rebuilt", CONTENT])
    assert (found.title, found.paragraphs) == ("Wall to be rebuilt", [CONTENT])


@pytest.mark.parametrize(
    "headline",
    [
        "Harbour wall to be rebuilt after storms",
        "Is this the end of the Exampleton ferry?",
        "Mr. Smith goes to the harbour: a day with the engineers",
    ],
)
def test_short_unpunctuated_first_line_is_a_headline(headline: str) -> None:
    found = infer([headline, CONTENT])
    assert (found.title, found.paragraphs) == (headline, [CONTENT])


@pytest.mark.parametrize(
    "first",
    [
        "The harbour will reopen.",
        "The harbour will reopen. Boats are waiting",
        " ".join(["word"] * 30),
    ],
)
def test_sentences_are_not_headlines(first: str) -> None:
    found = infer([first, CONTENT])
    assert found.paragraphs[0] == first


def test_without_headline_the_title_is_the_first_sentence() -> None:
    found = infer(["Mr. Smith of the U.S. Navy arrived. He was late.", CONTENT])
    assert found.title == "Mr. Smith of the U.S. Navy arrived"
    assert found.paragraphs[0] == "Mr. Smith of the U.S. Navy arrived. He was late."


def test_long_titles_are_cut_at_a_word_boundary() -> None:
    sentence = "The council of Exampleton voted " + "again and " * 20 + "adjourned."
    title = shorten(sentence)
    assert len(title) <= TITLE_MAX_CHARS
    assert title.endswith("…")
    assert sentence.startswith(title[:-1])
    assert sentence[len(title) - 1] == " "  # the cut fell between words
    assert shorten("Short one.") == "Short one"
    assert shorten("Is it short?") == "Is it short?"


def test_first_sentence_handles_quotes_and_initials() -> None:
    assert first_sentence("“It is over.” The crowd left.") == "“It is over.”"
    assert first_sentence("J. R. Doe spoke. Then left.") == "J. R. Doe spoke."
    assert first_sentence("No full stop at all") == "No full stop at all"


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        (" date 2022-07-29 ", datetime(2022, 7, 29, tzinfo=UTC)),
        ("Published: 29 July 2022 ", datetime(2022, 7, 29, tzinfo=UTC)),
        ("Updated: March 3, 2021. ", datetime(2021, 3, 3, tzinfo=UTC)),
        ("date: 2022-07-29T10:30:00+02:00 ", datetime(2022, 7, 29, 8, 30, tzinfo=UTC)),
    ],
)
def test_a_leading_date_marker_is_the_date_and_is_removed(marker: str, expected) -> None:
    found = infer(clean_paragraphs(f"{marker}{CONTENT}\nMore text."))
    assert found.published == expected
    assert found.paragraphs == [CONTENT, "More text."]


def test_a_date_line_and_a_byline_after_the_headline() -> None:
    found = infer(["Wall to be rebuilt", "By Jane Roe", "2024-01-02", CONTENT])
    assert found.title == "Wall to be rebuilt"
    assert found.author == "Jane Roe"
    assert found.published == datetime(2024, 1, 2, tzinfo=UTC)
    assert found.paragraphs == [CONTENT]


def test_an_impossible_date_is_left_as_text() -> None:
    found = infer([f"date 2022-13-45 {CONTENT}", "More."])
    assert found.published is None
    assert found.paragraphs[0].startswith("date 2022-13-45")


def test_short_article_sentences_after_a_navigation_word_are_not_a_tail() -> None:
    text = f"{CONTENT}\nMore stories\nThe ferry will run again on Friday.\nIt is cheaper now."
    assert clean_paragraphs(text) == [
        CONTENT,
        "The ferry will run again on Friday.",
        "It is cheaper now.",
    ]


def test_a_short_sentence_starting_with_by_is_not_a_byline() -> None:
    found = infer(["Harbour reopens", "By Tuesday, it was over.", CONTENT])
    assert found.author is None
    assert found.paragraphs == ["By Tuesday, it was over.", CONTENT]
    found = infer(["Harbour reopens", "By Jane Roe, Exampleton Echo", CONTENT])
    assert found.author == "Jane Roe"
