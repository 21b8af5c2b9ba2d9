"""Giving one article its automatic topics: section, subject tags and rule topics.

Source topics (feed categories, ``--topic``, OPML folders) are stored with the
article itself. This module adds the other three origins, each stored under its
own origin so that re-running one (new rules, a retrained model) replaces only
its own topics.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from newsreader.config import Settings
from newsreader.store import Library, transaction
from newsreader.topics.learn import NaiveBayes, train_self
from newsreader.topics.rules import CompiledRule, compile_rules, fingerprint, matching_topics
from newsreader.topics.sections import SectionClassifier
from newsreader.topics.tags import extract_tags

log = logging.getLogger(__name__)

#: The library must hold this many articles before a model is learned from it.
LEARN_FROM = 200
#: Retrain when the library has grown by this factor since the last training.
#: Its labels come from the fixed vocabulary, so a model learned from half the
#: library differs little, and each training reads the whole library again: the
#: trainings of a library growing to N read about 2N articles in all at 2, 3N at 1.5.
RETRAIN_GROWTH = 2.0
#: A model learns from the newest this many articles at most: enough for a naive
#: Bayes over the vocabulary's labels, and a retraining costs the same at any size.
TRAIN_ON_NEWEST = 5000
_MODEL_KEY = "section_model"
_MODEL_SIZE_KEY = "section_model_articles"
_RULES_KEY = "rules_fingerprint"


@dataclass(frozen=True)
class TopicAssignment:
    """The automatic topics of one article."""

    section: str | None
    tags: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)


class TopicAssigner:
    """Section classifier, tagger and rules for one run of enrichment."""

    def __init__(self, settings: Settings, model: NaiveBayes | None = None) -> None:
        self.settings = settings
        self.classifier = SectionClassifier(settings.topics.sections, model=model)
        self.rules: list[CompiledRule] = compile_rules(settings.topics.rules)

    def assign(self, title: str, text: str, source: str | None) -> TopicAssignment:
        """Work out an article's section, tags and rule topics (nothing stored)."""
        section = self.classifier.decide(title, text)[0]
        tags = extract_tags(title, text, self.settings.topics.max_tags)
        rules = matching_topics(self.rules, title, text, source)
        return TopicAssignment(section, tags, rules)

    def store(self, library: Library, article_id: int, topics: TopicAssignment) -> None:
        """Replace the article's section, tag and rule topics with ``topics``."""
        with transaction(library.conn):
            library.set_topics(article_id, [topics.section] if topics.section else [], "section")
            library.set_topics(article_id, topics.tags, "tag")
            library.set_topics(article_id, topics.rules, "rule")


def load_model(library: Library, settings: Settings) -> NaiveBayes | None:
    """The section model learned from this library, retrained (and kept) when it has grown."""
    model, state = learned_model(library, settings)
    if state:
        with transaction(library.conn):
            for key, value in state.items():
                library.set_state(key, value)
    return model


def learned_model(
    library: Library, settings: Settings, unsaved: Mapping[str, str] | None = None
) -> tuple[NaiveBayes | None, dict[str, str]]:
    """(model, state to keep): the model retrained when the library has grown enough.

    Nothing is written: the state to keep is returned (empty when the stored model
    is used). ``unsaved`` is state returned earlier and not yet kept, read first.
    """
    unsaved = unsaved or {}

    def state(key: str) -> str | None:
        return unsaved[key] if key in unsaved else library.get_state(key)

    articles = library.count_articles()
    payload = state(_MODEL_KEY)
    trained_on = int(state(_MODEL_SIZE_KEY) or 0)
    if articles >= LEARN_FROM and (payload is None or articles >= trained_on * RETRAIN_GROWTH):
        lexicon = SectionClassifier(settings.topics.sections)
        texts = library.iter_article_texts(newest=TRAIN_ON_NEWEST)
        model = train_self(lexicon, ((t, x) for _, _, t, x in texts))
        payload = model.to_json() if model else ""
        _LAST_MODEL[:] = [(payload, model)] if model else []
        return model, {_MODEL_KEY: payload, _MODEL_SIZE_KEY: str(articles)}
    if not payload:
        return None, {}
    model = _parsed(payload)
    if set(model.sections) - set(settings.topics.sections):
        return None, {}  # the taxonomy changed since: retrained once the library grows
    return model, {}


#: The last model read back: (payload, model). Enrichment runs once per batch and
#: the payload (up to 20,000 terms) rarely changes between batches.
_LAST_MODEL: list[tuple[str, NaiveBayes]] = []


def _parsed(payload: str) -> NaiveBayes:
    """``NaiveBayes.from_json(payload)``, reusing the last one read when it is the same."""
    if _LAST_MODEL and _LAST_MODEL[0][0] == payload:
        return _LAST_MODEL[0][1]
    model = NaiveBayes.from_json(payload)
    _LAST_MODEL[:] = [(payload, model)]
    return model


def apply_to_library(library: Library, settings: Settings, rules_only: bool = False) -> int:
    """Re-run rules (and, unless ``rules_only``, sections and tags) on every article."""
    assigner = TopicAssigner(settings, None if rules_only else load_model(library, settings))
    count = 0
    with transaction(library.conn):
        for article_id, source, title, text in library.iter_article_texts():
            if rules_only:
                matched = matching_topics(assigner.rules, title, text, source)
                library.set_topics(article_id, matched, "rule")
            else:
                assigner.store(library, article_id, assigner.assign(title, text, source))
            count += 1
        library.set_state(_RULES_KEY, fingerprint(settings.topics.rules))
    return count


def sync_rules(library: Library, settings: Settings) -> bool:
    """Re-apply the rules to the whole library if the config's rules changed; True if so."""
    state = rules_state(library, settings)
    if state is None:
        apply_to_library(library, settings, rules_only=True)
        return True
    if state:
        library.set_state(*next(iter(state.items())))
    return False


def rules_state(library: Library, settings: Settings) -> dict[str, str] | None:
    """None when the rules changed and must be applied again; else the state to keep.

    The first run with no rules only remembers their fingerprint ({key: value});
    nothing to do gives {}.
    """
    current = fingerprint(settings.topics.rules)
    stored = library.get_state(_RULES_KEY)
    if stored == current:
        return {}
    if stored is None and not settings.topics.rules and library.topic_origin_count("rule") == 0:
        return {_RULES_KEY: current}
    return None
