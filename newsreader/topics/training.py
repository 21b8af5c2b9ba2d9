"""When and on what the section model is learned from the user's library.

A model (:mod:`newsreader.topics.learn`) is learned once the library holds
:data:`LEARN_FROM` articles and again as it grows: each time it has doubled,
then every :data:`RETRAIN_EVERY` articles. It learns from the newest
:data:`TRAIN_SAMPLE` articles at most, so a retraining costs the same at any
library size and the cost per article stored stays flat. What the vocabulary
concluded about the articles enriched in this run is kept in a
:class:`TrainingPool`, so retraining reads and classifies again only the
sample's articles that were not.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Mapping

from newsreader.config import Settings
from newsreader.store import Library
from newsreader.topics.learn import MIN_CONFIDENCE, NaiveBayes, train
from newsreader.topics.sections import SectionClassifier, bag_of_stems
from newsreader.topics.words import stems

#: The library must hold this many articles before a model is learned from it.
LEARN_FROM = 200
#: A model learns from the newest this many articles at most: enough for a naive
#: Bayes over the vocabulary's labels, and a retraining costs the same at any size.
TRAIN_SAMPLE = 2000
#: Once the library is large, the model is retrained each time it has grown by this
#: many articles (before that, each time it has doubled).
RETRAIN_EVERY = 4000
_MODEL_KEY = "section_model"
_MODEL_SIZE_KEY = "section_model_articles"


def retrain_due(articles: int, trained_on: int, trained: bool) -> bool:
    """Whether a library of ``articles`` needs a new model, the last learned at ``trained_on``."""
    if articles < LEARN_FROM:
        return False
    if not trained:
        return True
    return articles >= trained_on + min(max(trained_on, LEARN_FROM), RETRAIN_EVERY)


class TrainingPool:
    """What the vocabulary said of the newest articles enriched or trained on: id -> (sure
    section, stems).

    Holds :data:`TRAIN_SAMPLE` articles at most (the oldest go first); the bag of
    stems is kept only for an article the vocabulary was sure about.
    """

    def __init__(self, size: int = TRAIN_SAMPLE) -> None:
        self.size = size
        self._entries: OrderedDict[int, tuple[str, Counter[str]] | None] = OrderedDict()

    def add(
        self, article_id: int, section: str | None, confidence: float, bag: Counter[str]
    ) -> None:
        """Remember the vocabulary's decision on one article (its section when sure enough)."""
        sure = section is not None and confidence >= MIN_CONFIDENCE
        self._entries[article_id] = (section, bag) if sure and section is not None else None
        self._entries.move_to_end(article_id)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def labelled(self, article_id: int) -> tuple[str, Counter[str]] | None:
        """(section, bag of stems) of a remembered article the vocabulary was sure about."""
        return self._entries.get(article_id)


def training_set(
    library: Library, lexicon: SectionClassifier, pool: TrainingPool, size: int = TRAIN_SAMPLE
) -> list[tuple[Counter[str], str]]:
    """(bag of stems, section) of the newest ``size`` articles the vocabulary is sure of.

    Articles in the ``pool`` are taken from it; the others are read and classified,
    and added to it.
    """
    newest = sorted(library.newest_article_ids(size))
    inputs = library.enrichment_inputs([i for i in newest if i not in pool])
    labelled = []
    for article_id in newest:
        if article_id in pool:
            found = pool.labelled(article_id)
            if found is not None:
                labelled.append((found[1], found[0]))
            continue
        if article_id not in inputs:
            continue
        title, text, _ = inputs[article_id]
        title_words, text_words = stems(title), stems(text)
        decision = lexicon.classify_stems(title_words, text_words)[1]
        bag: Counter[str] = Counter()
        if decision.section is not None and decision.confidence >= MIN_CONFIDENCE:
            bag = bag_of_stems(title_words, text_words)
            labelled.append((bag, decision.section))
        # what enrichment will conclude of it too: the next retraining need not read it
        pool.add(article_id, decision.section, decision.confidence, bag)
    return labelled


class ModelKeeper:
    """The library's learned section model for one run: read once, retrained when due.

    Nothing is written: :attr:`unsaved` is the state to keep (the new model and
    the library size it was learned at) until :meth:`saved` is called.
    """

    def __init__(
        self,
        library: Library,
        settings: Settings,
        pool: TrainingPool | None = None,
        unsaved: Mapping[str, str] | None = None,
    ) -> None:
        self.library, self.settings = library, settings
        self.pool = pool if pool is not None else TrainingPool()
        self.unsaved: dict[str, str] = dict(unsaved or {})
        self.model: NaiveBayes | None = None
        self._trained_on = 0
        self._trained = False
        self._loaded = False

    def current(self) -> NaiveBayes | None:
        """The model to use now: learned again first when the library has grown enough."""
        if not self._loaded:
            self._load()
        articles = self.library.count_articles()
        if retrain_due(articles, self._trained_on, self._trained):
            sections = tuple(self.settings.topics.sections)
            lexicon = SectionClassifier(sections)
            self.model = train(training_set(self.library, lexicon, self.pool), lexicon.sections)
            self._trained_on, self._trained = articles, True
            payload = self.model.to_json() if self.model else ""
            self.unsaved = {_MODEL_KEY: payload, _MODEL_SIZE_KEY: str(articles)}
        return self.model

    def saved(self) -> None:
        """The state in :attr:`unsaved` was kept in the library."""
        self.unsaved = {}

    def _load(self) -> None:
        def state(key: str) -> str | None:
            return self.unsaved[key] if key in self.unsaved else self.library.get_state(key)

        payload = state(_MODEL_KEY)
        self._trained = payload is not None
        self._trained_on = int(state(_MODEL_SIZE_KEY) or 0)
        if payload:
            model = NaiveBayes.from_json(payload)
            # a model of another taxonomy is not used: retrained once the library grows
            self.model = None if set(model.sections) - set(self.settings.topics.sections) else model
        self._loaded = True
