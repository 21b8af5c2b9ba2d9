"""Topics: each source (feed/import topics, section, tags, rules), and the rules on old articles."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from newsreader.config import Settings, TopicRule, TopicSettings
from newsreader.enrich import enrich_articles
from newsreader.models import NewArticle
from newsreader.store import Library
from newsreader.topics.learn import NaiveBayes, features, train_self
from newsreader.topics.rules import RuleError, compile_rule, matching_topics
from newsreader.topics.sections import SectionClassifier
from newsreader.topics.tags import extract_tags
from newsreader.topics.words import STOP_WORDS

SPORT = (
    "United thrash City to reach cup final",
    "The striker scored twice before half-time and the goalkeeper saved a penalty as the "
    "champions reached the final. The manager praised his squad after the match, and the "
    "club's fans celebrated a famous victory at the stadium.",
)
BUSINESS = (
    "Retailer's profits fall as shoppers cut spending",
    "The company said pre-tax profit fell 12% to £310m, and its shares dropped after the "
    "chief executive warned that inflation and interest rates were hitting consumer "
    "spending. Analysts at the bank expect sales to recover next year.",
)
TECH = (
    "New smartphone chip promises longer battery life",
    "The processor, made by the semiconductor firm, lets handsets run apps faster while "
    "using less power. Software developers said the chips would make mobile games and "
    "online video smoother for users, and the device goes on sale next month.",
)
MERKEL = (
    "Merkel meets Macron in Berlin",
    "Angela Merkel welcomed Emmanuel Macron to Berlin on Tuesday. The talks in Berlin "
    "covered the budget of the European Union. Merkel said the two leaders agreed on a "
    "plan, and Macron said France would support it. The German parliament will vote next week.",
)


def settings_with(*rules: TopicRule, sections: tuple[str, ...] | None = None) -> Settings:
    topics = (
        TopicSettings(rules=rules)
        if sections is None
        else TopicSettings(sections=sections, rules=rules)
    )
    return Settings(topics=topics)


def add(library: Library, title: str, text: str, source: str = "Wire", topics=()) -> int:
    return library.add_article(
        NewArticle(title=title, text=text, source_name=source, topics=tuple(topics))
    ).article_id


def topics_by_origin(library: Library, article_id: int) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for origin in ("source", "section", "tag", "rule"):
        for name in library.article_topics(article_id):
            if article_id in library.articles_with_topic_origin(origin, name):
                found.setdefault(origin, set()).add(name)
    return found


# -- sections ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "section"), [(SPORT, "sport"), (BUSINESS, "business"), (TECH, "technology")]
)
def test_section_of_clear_articles(article, section):
    classifier = SectionClassifier(TopicSettings().sections)
    assert classifier.classify(*article).section == section


def test_section_none_without_evidence():
    result = SectionClassifier(TopicSettings().sections).classify("Hello", "Blue and green.")
    assert result.section is None


def test_configured_taxonomy_is_used():
    """Only configured sections are given; a section without vocabulary goes by its name."""
    classifier = SectionClassifier(("sport", "climate"))
    assert classifier.classify(*BUSINESS).section in (None, "sport", "climate")
    verdict = classifier.classify("Climate talks stall", "Delegates argued about climate aid.")
    assert verdict.section == "climate"


def test_self_trained_model_learns_new_words_and_round_trips():
    """Words the vocabulary never lists are learned from confidently labelled articles."""
    classifier = SectionClassifier(("sport", "business"))
    docs = []
    for i in range(12):
        docs.append((f"Zorblat match {i}", SPORT[1] + " Zorblat Zorblat."))
        docs.append((f"Quendix results {i}", BUSINESS[1] + " Quendix Quendix."))
    model = train_self(classifier, docs)
    assert model is not None
    scores = model.log_scores(features("Zorblat", "Zorblat"))
    assert scores["sport"] > scores["business"]
    again = NaiveBayes.from_json(model.to_json())
    assert again.sections == model.sections
    assert again.log_scores(Counter(["zorblat"])) == pytest.approx(
        model.log_scores(Counter(["zorblat"])), abs=1e-3
    )


def test_bbc_sample_accuracy(shared_data: Path):
    """A slice of BBC (30 per label) is classified mostly right by the vocabulary alone."""
    mapping = {"technology": "tech", "science": "tech", "world": "politics", "health": "politics"}
    classifier = SectionClassifier(TopicSettings().sections)
    root = shared_data / "summaries" / "bbc-news-summary" / "News Articles"
    right = total = 0
    for label in ("business", "entertainment", "politics", "sport", "tech"):
        for path in sorted((root / label).glob("*.txt"))[:30]:
            headline, _, body = path.read_bytes().decode("latin-1").strip().partition("\n")
            section = classifier.classify(headline, body).section or ""
            right += mapping.get(section, section) == label
            total += 1
    assert right / total >= 0.85


# -- tags -------------------------------------------------------------------


def test_tags_are_names_and_few():
    tags = extract_tags(*MERKEL, limit=3)
    assert len(tags) <= 3
    assert "Angela Merkel" in tags
    assert "Berlin" in tags
    for tag in tags:
        assert tag.lower() not in STOP_WORDS
        assert tag not in ("The", "Tuesday", "European")


def test_tags_skip_sentence_openers_and_common_words():
    text = "Officials met again. Officials said little. Markets rose. Markets fell. " * 2
    assert extract_tags("A day of talks", text) == []


def test_tags_of_seed(shared_data: Path):
    path = next((shared_data / "seeds").glob("002_*.txt"))
    lines = [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    tags = extract_tags(lines[0], "\n".join(lines[1:]), limit=4)
    assert "Antony Blinken" in tags or "Brittney Griner" in tags
    assert "Russia" in tags


def test_max_tags_zero_gives_none(library: Library):
    article = add(library, *MERKEL)
    enrich_articles(library, [article], Settings(topics=TopicSettings(max_tags=0)))
    assert "tag" not in topics_by_origin(library, article)


# -- rules ------------------------------------------------------------------


def test_rule_conditions():
    rules = [
        compile_rule(TopicRule(name="Berlin", keywords=("berlin",))),
        compile_rule(TopicRule(name="Money", regex=r"£\d+m")),
        compile_rule(TopicRule(name="Wires", feeds=("Northmark Wire",))),
        compile_rule(TopicRule(name="Phrase", keywords=("interest rates",))),
    ]
    assert matching_topics(rules, *MERKEL, "Courier") == ["Berlin"]
    assert matching_topics(rules, *BUSINESS, "northmark wire") == ["Money", "Wires", "Phrase"]
    assert matching_topics(rules, "Berliner Weisse", "A beer.", None) == []


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (TopicRule(name="Bad", regex="(unclosed"), "invalid regex"),
        (TopicRule(name="Empty"), "needs keywords, a regex or feeds"),
        (TopicRule(name=" ", keywords=("x",)), "needs a name"),
    ],
)
def test_bad_rules_are_named(rule, message):
    with pytest.raises(RuleError, match=message):
        compile_rule(rule, 3)
    with pytest.raises(RuleError, match=r"topics\.rules\[3\]"):
        compile_rule(rule, 3)


def test_every_origin_is_stored(library: Library):
    article = add(library, *MERKEL, source="Courier", topics=("Europe desk",))
    rule = TopicRule(name="Franco-German", keywords=("Macron",))
    enrich_articles(library, [article], settings_with(rule))
    origins = topics_by_origin(library, article)
    assert origins["source"] == {"Europe desk"}
    assert origins["section"] == {"world"} or origins["section"] == {"politics"}
    assert {"Angela Merkel", "Berlin"} <= origins["tag"]
    assert origins["rule"] == {"Franco-German"}


def test_rules_reach_existing_articles_when_config_changes(library: Library):
    old = add(library, *BUSINESS)
    enrich_articles(library, [old], settings_with())
    assert "Retail watch" not in library.article_topics(old)
    rule = TopicRule(name="Retail watch", keywords=("shoppers",))
    new = add(library, "Shoppers return", "Shoppers returned to the high street.")
    enrich_articles(library, [new], settings_with(rule))
    assert "Retail watch" in library.article_topics(old)
    assert "Retail watch" in library.article_topics(new)
    # the rule removed from the config: its topic goes from every article
    newer = add(library, *SPORT)
    enrich_articles(library, [newer], settings_with())
    assert "Retail watch" not in library.article_topics(old)
    assert "Retail watch" not in library.article_topics(new)


def test_training_texts_are_the_newest_articles(library: Library) -> None:
    """The store gives the model the newest N articles, oldest of them first."""
    for n in range(12):
        add(library, f"Report {n}", f"Council meeting number {n} approved the budget.")
    titles = [title for _, _, title, _ in library.iter_article_texts(newest=5)]
    assert titles == [f"Report {n}" for n in range(7, 12)]


def test_a_library_large_enough_teaches_the_model_its_own_words(library: Library) -> None:
    """From LEARN_FROM articles on, words the vocabulary never lists are learned."""
    from newsreader.topics.assign import LEARN_FROM, learned_model

    for n in range(LEARN_FROM // 2):
        add(library, f"Zorblat match {n}", f"{SPORT[1]} Zorblat Zorblat won game {n}.")
        add(library, f"Quendix results {n}", f"{BUSINESS[1]} Quendix Quendix report {n}.")
    model, state = learned_model(library, Settings())
    assert model is not None and state  # trained now, and the model is to be kept
    scores = model.log_scores(features("Zorblat", "Zorblat"))
    assert scores["sport"] > scores["business"]
    again, unchanged = learned_model(library, Settings(), state)
    assert again is not None and unchanged == {}  # the kept model is used, not retrained


def test_the_models_bag_leaves_out_stop_words_numbers_and_short_words() -> None:
    from newsreader.topics.sections import bag_of_stems
    from newsreader.topics.words import stems

    title = stems("Harbour strike ends")
    text = stems("The harbour strike ended at 2024 docks. The docks reopen as it ends.")
    counts = Counter(text)
    before = dict(counts)
    for bag in (bag_of_stems(title, text), bag_of_stems(title, text, counts)):
        assert bag["harbour"] == 1 + 3 and bag["dock"] == 2 and bag["end"] == 1 + 3
        assert not {"the", "at", "as", "it", "2024"} & bag.keys()
    assert counts == before  # the counts handed in are read, not changed
