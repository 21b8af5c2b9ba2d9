"""Tags a reader would accept: one tag per entity, no phrases or fragments, sections abstain.

Measured on the hand-labelled set the project ships (bench/fixtures/tags.jsonl, the
sample library and articles written for it) and on small made-up texts.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsreader.config import TopicSettings
from newsreader.topics.sections import SectionClassifier
from newsreader.topics.tags import extract_tags

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from tagset import load_tag_set, score_tags


def test_tag_precision_on_the_labelled_set_is_at_least_0_9() -> None:
    items = load_tag_set()
    assert len(items) >= 60
    score = score_tags(items, lambda title, text: extract_tags(title, text, 4))
    assert score.given >= len(items)  # not precise by saying nothing
    assert score.precision >= 0.9, score.wrong


def test_sections_on_the_labelled_set_are_rarely_wrong() -> None:
    classifier = SectionClassifier(TopicSettings().sections)
    given = wrong = 0
    for item in load_tag_set():
        section = classifier.classify(item.title, item.text).section
        if section is not None:
            given += 1
            wrong += section not in item.sections
    assert given >= 40 and wrong / given <= 0.1


@pytest.mark.parametrize(
    ("title", "text", "wanted", "unwanted"),
    [
        (
            "Vey meets Blinken",
            "Antony Blinken met Anselm Vey in Lisk. Blinken said the talks went well."
            " Vey agreed. Blinken left on Friday.",
            ["Antony Blinken", "Anselm Vey"],
            ["Blinken", "Vey"],
        ),
        (
            "Chipmaker Veltro to build plant",
            "Chipmaker Veltro said on Monday it would build a plant in Amberlin."
            " Veltro's shares rose. The plant will open in Amberlin in 2028.",
            ["Veltro", "Amberlin"],
            ["Chipmaker Veltro"],
        ),
        (
            "Valderan exports rise",
            "Valdera's exports rose in October. Valderan farmers sold more grain."
            " Officials in Valdera were pleased. Morvainian buyers paid more, Morvaine said."
            " Morvaine imports grew.",
            ["Valdera", "Morvaine"],
            ["Valderan", "Morvainian"],
        ),
        (
            "Commission meets",
            "The Sael Basin Commission (S.B.C.) met on Friday. The S.B.C. will meet again"
            " in May, when the Sael Basin Commission sets the summer flow.",
            ["Sael Basin Commission"],
            ["S.B.C."],
        ),
        (
            "Storm warning raised to RED",
            "LISK — The storm warning was raised to RED on Sunday. A RED warning means"
            " danger. Ferries from Lisk were cancelled. New ID cards were delayed; ID checks"
            " stopped.",
            ["Lisk"],
            ["RED", "ID", "LISK"],
        ),
        (
            "Residents Fear Shipyard Housing Plan",
            "Residents packed the meeting. Residents said the quiet diplomacy of the"
            " council had failed. A snap election is due; the snap election may help."
            " The former captain spoke, and the former captain was cheered.",
            [],
            ["Residents", "quiet diplomacy", "snap election", "former captain", "Shipyard"],
        ),
        (
            "The Last Light wins",
            "The Last Light won on Saturday. Critics said The Last Light was the film of the year.",
            [],
            ["Light", "Last Light"],
        ),
    ],
)
def test_one_tag_per_entity_and_no_phrases(
    title: str, text: str, wanted: list[str], unwanted: list[str]
) -> None:
    tags = extract_tags(title, text, 6)
    for tag in wanted:
        assert tag in tags, tags
    for tag in unwanted:
        assert tag not in tags, tags


@pytest.mark.parametrize(
    "text",
    [
        "Dredgers will start work on the channel next week. The first boats will come home"
        " on Saturday, and the best part of the silt will be pumped ashore. Residents hope"
        " the work will be over by the summer, when the tide tables change and the quay"
        " opens again for the season.",
        "Cafés on Quay Street may put tables on the pavement from May. Each café can seat"
        " twelve people outside, a record for the town. Owners said it was a win for the"
        " street and the best news of the season; the first tables go out on Saturday.",
    ],
)
def test_no_section_from_words_shared_with_ordinary_news(text: str) -> None:
    result = SectionClassifier(TopicSettings().sections).classify("Plans for the quay", text)
    assert result.section is None
