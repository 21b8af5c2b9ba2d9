"""Learning the section model from the library: when, and from how many articles."""

from __future__ import annotations

from collections import Counter

from newsreader.config import Settings
from newsreader.ingest.enrichment import Enricher
from newsreader.ingest.steps import TopicStep
from newsreader.models import NewArticle
from newsreader.store import Library
from newsreader.topics.assign import learned_model
from newsreader.topics.sections import SectionClassifier
from newsreader.topics.training import (
    LEARN_FROM,
    RETRAIN_EVERY,
    TRAIN_SAMPLE,
    TrainingPool,
    retrain_due,
    training_set,
)

SPORT = (
    "The striker scored twice before half-time and the goalkeeper saved a penalty as the"
    " champions reached the final. The manager praised his squad after the match."
)
BUSINESS = (
    "The company said pre-tax profit fell 12% and its shares dropped after the chief"
    " executive warned that inflation and interest rates were hitting consumer spending."
)


def add(library: Library, title: str, text: str) -> int:
    """Store one article (texts must differ: the library keeps one copy of a text)."""
    return library.add_article(NewArticle(title=title, text=text, source_name="Wire")).article_id


def test_retraining_doubles_then_keeps_a_steady_pace() -> None:
    assert not retrain_due(LEARN_FROM - 1, 0, trained=False)
    assert retrain_due(LEARN_FROM, 0, trained=False)
    assert not retrain_due(2 * LEARN_FROM - 1, LEARN_FROM, trained=True)
    assert retrain_due(2 * LEARN_FROM, LEARN_FROM, trained=True)
    large = 10 * RETRAIN_EVERY
    assert not retrain_due(large + RETRAIN_EVERY - 1, large, trained=True)
    assert retrain_due(large + RETRAIN_EVERY, large, trained=True)


def test_the_model_learns_from_the_newest_articles_only(library: Library) -> None:
    """Only the newest ``size`` articles are read: the cost is the same at any size."""
    for n in range(6):
        add(library, f"Old cup final {n}", f"{SPORT} Game {n}.")
    for n in range(4):
        add(library, f"New profits {n}", f"{BUSINESS} Quarter {n}.")
    lexicon = SectionClassifier(Settings().topics.sections)
    labelled = training_set(library, lexicon, TrainingPool(), size=4)
    assert [section for _, section in labelled] == ["business"] * 4


def test_pooled_articles_are_not_read_again(library: Library) -> None:
    """What enrichment already concluded of an article is what the model learns from it."""
    ids = [add(library, f"Profits {n}", f"{BUSINESS} Quarter {n}.") for n in range(3)]
    pool = TrainingPool()
    pool.add(ids[0], "sport", 0.9, Counter({"goal": 2}))
    pool.add(ids[1], None, 0.0, Counter({"profit": 1}))  # the vocabulary was unsure
    lexicon = SectionClassifier(Settings().topics.sections)
    labelled = training_set(library, lexicon, pool, size=3)
    assert [section for _, section in labelled] == ["sport", "business"]
    assert labelled[0][0] == Counter({"goal": 2})


def test_the_pool_holds_only_the_newest(library: Library) -> None:
    pool = TrainingPool(size=2)
    for article_id in (1, 2, 3):
        pool.add(article_id, "sport", 0.9, Counter({"goal": 1}))
    assert 1 not in pool and 2 in pool and 3 in pool and len(pool) == 2


def test_enrichment_learns_a_model_and_keeps_it(library: Library) -> None:
    """An import large enough trains the model once on its way, and the library keeps it."""
    settings = Settings()
    enricher = Enricher(library, settings, steps=[TopicStep(library, settings)])
    for n in range(LEARN_FROM // 2):
        add(library, f"Zorblat match {n}", f"{SPORT} Zorblat Zorblat won game {n}.")
        add(library, f"Quendix results {n}", f"{BUSINESS} Quendix Quendix report {n}.")
        if n % 25 == 24:
            list(enricher.drain())
    model, state = learned_model(library, settings)
    assert model is not None and state == {}  # learned during enrichment, and kept
    assert model.documents <= TRAIN_SAMPLE
    scores = model.log_scores(Counter({"zorblat": 3}))
    assert scores["sport"] > scores["business"]


def test_what_a_retraining_read_is_pooled_for_the_next(library: Library) -> None:
    """A retraining reads only the articles no earlier one (nor enrichment) read."""
    ids = [add(library, f"Profits {n}", f"{BUSINESS} Quarter {n}.") for n in range(3)]
    ids.append(add(library, "Notice", "The office opens at nine on weekdays."))  # unsure
    lexicon = SectionClassifier(Settings().topics.sections)
    pool = TrainingPool()
    first = training_set(library, lexicon, pool, size=4)
    assert [section for _, section in first] == ["business"] * 3
    assert all(article_id in pool for article_id in ids)
    assert pool.labelled(ids[3]) is None
    assert training_set(library, lexicon, pool, size=4) == first
    pool.add(ids[0], "sport", 0.9, Counter({"goal": 2}))  # the pool's word is taken, unread
    assert training_set(library, lexicon, pool, size=4)[0] == (Counter({"goal": 2}), "sport")
