"""Giving one article its automatic topics: section, subject tags and rule topics.

Source topics (feed categories, ``--topic``, OPML folders) are stored with the
article itself. This module adds the other three origins, each stored under its
own origin so that re-running one (new rules, a retrained model) replaces only
its own topics.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from newsreader.config import Settings
from newsreader.store import Library, transaction
from newsreader.topics.learn import MIN_CONFIDENCE, NaiveBayes
from newsreader.topics.rules import CompiledRule, compile_rules, fingerprint, matching_topics
from newsreader.topics.sections import SectionClassifier, bag_of_stems
from newsreader.topics.tags import extract_tags
from newsreader.topics.training import LEARN_FROM, ModelKeeper
from newsreader.topics.words import stems

__all__ = [
    "LEARN_FROM",
    "Evidence",
    "TopicAssigner",
    "TopicAssignment",
    "TopicRun",
    "learned_model",
]

log = logging.getLogger(__name__)

_RULES_KEY = "rules_fingerprint"
#: The origins of the topics given here (source topics are stored with the article).
ORIGINS = ("section", "tag", "rule")
#: Articles whose topics are written together when the whole library is gone over.
_APPLY_BATCH = 500


@dataclass(frozen=True)
class TopicAssignment:
    """The automatic topics of one article."""

    section: str | None
    tags: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)


#: What the vocabulary alone said of an article: (section, confidence, bag of stems),
#: pooled for the next training (the bag is kept only when it was sure).
Evidence = tuple[str | None, float, Counter[str]]


class TopicAssigner:
    """Section classifier, tagger and rules for one run of enrichment."""

    def __init__(self, settings: Settings, model: NaiveBayes | None = None) -> None:
        self.settings = settings
        self.classifier = SectionClassifier(settings.topics.sections, model=model)
        self.rules: list[CompiledRule] = compile_rules(settings.topics.rules)

    def assign(self, title: str, text: str, source: str | None) -> TopicAssignment:
        """Work out an article's section, tags and rule topics (nothing stored)."""
        return self.assign_with_evidence(title, text, source)[0]

    def assign_with_evidence(
        self, title: str, text: str, source: str | None
    ) -> tuple[TopicAssignment, Evidence]:
        """The assignment, and what the vocabulary alone said (for the training pool).

        A pure function of the texts given the settings and the model: a worker
        process makes it as the enriching process would.
        """
        title_words, text_words = stems(title), stems(text)
        text_counts = Counter(text_words)  # read by both the model's bag and the vocabulary
        bag = bag_of_stems(title_words, text_words, text_counts)
        decision, alone = self.classifier.classify_stems(title_words, text_words, bag, text_counts)
        tags = extract_tags(title, text, self.settings.topics.max_tags)
        rules = matching_topics(self.rules, title, text, source)
        assignment = TopicAssignment(decision.section, tags, rules)
        if alone.section is None or alone.confidence < MIN_CONFIDENCE:
            bag = Counter()  # the pool keeps no bag of an article the vocabulary was unsure of
        return assignment, (alone.section, alone.confidence, bag)

    def section(self, title: str, text: str) -> str | None:
        """The article's section alone, as :meth:`assign` decides it."""
        return self.classifier.classify_stems(stems(title), stems(text))[0].section

    def store(self, library: Library, article_id: int, topics: TopicAssignment) -> None:
        """Replace the article's section, tag and rule topics with ``topics``."""
        self.store_many(library, [(article_id, topics)])

    def store_many(self, library: Library, assigned: list[tuple[int, TopicAssignment]]) -> None:
        """Replace the section, tag and rule topics of many articles at once."""
        library.set_topics_many(
            (article_id, origin, names)
            for article_id, topics in assigned
            for origin, names in zip(
                ORIGINS,
                ([topics.section] if topics.section else [], topics.tags, topics.rules),
                strict=True,
            )
        )


class TopicRun:
    """Topics for the batches of one enrichment run.

    The assigner and the learned model are kept from batch to batch (the model
    is retrained when the library has grown enough, see
    :mod:`newsreader.topics.training`), and what the vocabulary said of each
    article is pooled for that training.
    """

    def __init__(self, library: Library, settings: Settings) -> None:
        self.library, self.settings = library, settings
        self.keeper = ModelKeeper(library, settings)
        self.assigner: TopicAssigner | None = None
        #: Names the model :attr:`assigner` uses (a new one each time it changes).
        self.model_key = ""

    def prepare(self) -> dict[str, str]:
        """Before a batch: the model made current; returns the state to keep with the batch."""
        model = self.keeper.current()
        if self.assigner is None or self.assigner.classifier.model is not model:
            self.assigner = TopicAssigner(self.settings, model)
            self.model_key = uuid.uuid4().hex
        return dict(self.keeper.unsaved)

    def model_offer(self) -> tuple[str, NaiveBayes | None]:
        """(key, model) of the current model: what a worker needs to assign as this run does."""
        return self.model_key, self.keeper.model

    def assign(self, article_id: int, title: str, text: str, source: str) -> TopicAssignment:
        """One article's topics (nothing stored); its evidence goes to the training pool."""
        if self.assigner is None:
            self.prepare()
        assert self.assigner is not None
        assignment, evidence = self.assigner.assign_with_evidence(title, text, source)
        self.take(article_id, evidence)
        return assignment

    def section(self, title: str, text: str) -> str | None:
        """One article's section with the current model (nothing pooled)."""
        if self.assigner is None:
            self.prepare()
        assert self.assigner is not None
        return self.assigner.section(title, text)

    def take(self, article_id: int, evidence: Evidence) -> None:
        """Pool what the vocabulary said of an article assigned elsewhere (a worker)."""
        section, confidence, bag = evidence
        self.keeper.pool.add(article_id, section, confidence, bag)

    def store(self, assigned: list[tuple[int, TopicAssignment]]) -> None:
        """Write the batch's topics (inside its transaction)."""
        if self.assigner is not None and assigned:
            self.assigner.store_many(self.library, assigned)

    def committed(self) -> None:
        """The batch, with the state :meth:`prepare` returned, was committed."""
        self.keeper.saved()


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
    keeper = ModelKeeper(library, settings, unsaved=unsaved)
    model = keeper.current()
    return model, keeper.unsaved if keeper.unsaved != dict(unsaved or {}) else {}


def apply_to_library(library: Library, settings: Settings, rules_only: bool = False) -> int:
    """Re-run rules (and, unless ``rules_only``, sections and tags) on every article."""
    assigner = TopicAssigner(settings, None if rules_only else load_model(library, settings))
    count = 0
    rules: list[tuple[int, str, list[str]]] = []
    assigned: list[tuple[int, TopicAssignment]] = []
    with transaction(library.conn):
        for article_id, source, title, text in library.iter_article_texts():
            if rules_only:
                matched = matching_topics(assigner.rules, title, text, source)
                rules.append((article_id, "rule", matched))
            else:
                assigned.append((article_id, assigner.assign(title, text, source)))
            count += 1
            if len(rules) + len(assigned) >= _APPLY_BATCH:
                library.set_topics_many(rules)
                assigner.store_many(library, assigned)
                rules, assigned = [], []
        library.set_topics_many(rules)
        assigner.store_many(library, assigned)
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
