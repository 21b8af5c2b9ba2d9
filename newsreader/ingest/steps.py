"""The enrichment steps, in order: summary, then sections and tags, then story.

Each step has two halves, the way lemon24/reader runs after-entry hooks over a
stored batch: :meth:`Step.prepare` works out its part from the batch's
articles and writes nothing; :meth:`Step.store` writes it, inside the one
transaction that also takes the batch out of the enrichment queue. So a batch
is enriched whole or not at all, and a killed process leaves it queued.

Text is cleaned before it is stored (the stored text, its hash and the
change detection of the next fetch must agree), so cleaning is not a step here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from newsreader.config import Settings
from newsreader.ingest.cancel import Cancel
from newsreader.store import Library

if TYPE_CHECKING:
    from newsreader.ingest.batch_text import BatchText, ModelOffer
    from newsreader.stories.terms import TextMarks
    from newsreader.topics.assign import TopicAssignment, TopicRun


@dataclass
class Batch:
    """Stored articles going through the steps together, in queue order."""

    #: The ids still in the library.
    ids: list[int]
    #: (title, text, source name) of each.
    inputs: dict[int, tuple[str, str, str]]
    #: (article id, algorithm, sentences, payload) of the summaries made.
    summaries: list[tuple[int, str, int, str]] = field(default_factory=list)
    topics: list[tuple[int, TopicAssignment]] = field(default_factory=list)
    #: Enrichment state to keep with the batch (a retrained model, the rules' fingerprint).
    state: dict[str, str] = field(default_factory=dict)
    #: Stories the batch's articles joined or started.
    stories: set[int] = field(default_factory=set)


class Step(Protocol):
    """One enrichment step."""

    name: str

    def prepare(self, batch: Batch, cancel: Cancel) -> None:
        """Work out this step's part of the batch (reading only)."""

    def store(self, batch: Batch) -> None:
        """Write it (inside the batch's transaction)."""

    def committed(self) -> None:
        """The batch's transaction was committed."""


@runtime_checkable
class TakesText(Protocol):
    """A step whose preparation a worker process can make (:mod:`.batch_text`)."""

    def take(self, batch: Batch, made: BatchText) -> bool:
        """Take the worker's part of this step for the batch instead of :meth:`Step.prepare`;
        False when it is not usable (then the step is prepared here)."""


def _covers(batch: Batch, made: Mapping[int, object] | None) -> bool:
    return made is not None and all(article_id in made for article_id in batch.ids)


class SummaryStep:
    """Each article's summary with the settings' algorithm and length, unless cached."""

    name = "summary"

    def __init__(self, library: Library, settings: Settings) -> None:
        self.library, self.settings = library, settings

    def prepare(self, batch: Batch, cancel: Cancel) -> None:
        from newsreader.summaries import new_summaries

        for made in new_summaries(self.library, batch.ids, self.settings):
            batch.summaries.append(made)
            cancel.check()

    def take(self, batch: Batch, made: BatchText) -> bool:
        wanted = set(batch.ids)
        batch.summaries.extend(row for row in made.summaries if row[0] in wanted)
        return True

    def store(self, batch: Batch) -> None:
        self.library.store_summaries(batch.summaries)

    def committed(self) -> None:
        pass


class TopicStep:
    """Section, subject tags and rule topics; config rules that changed reach the library."""

    name = "topics"

    def __init__(self, library: Library, settings: Settings) -> None:
        self.library, self.settings = library, settings
        self._rules_checked = False
        self._apply_rules = False
        self._run: TopicRun | None = None
        self._begun: Batch | None = None

    def begin(self, batch: Batch) -> None:
        """Before a batch: the rules checked and the model made current (retrained when due)."""
        from newsreader.topics.assign import TopicRun, rules_state

        if self._begun is not batch:
            if not self._rules_checked:
                state = rules_state(self.library, self.settings)
                self._apply_rules = state is None
                batch.state.update(state or {})
            if self._run is None:
                self._run = TopicRun(self.library, self.settings)
            batch.state.update(self._run.prepare())
            self._begun = batch

    def model_offer(self) -> ModelOffer:
        """The model of the last batch begun, as a worker process is offered it (its key
        empty before the first batch: the model is not known yet)."""
        from newsreader.ingest.batch_text import ModelOffer

        if self._run is None:
            return ModelOffer("", None)
        return ModelOffer(*self._run.model_offer())

    def prepare(self, batch: Batch, cancel: Cancel) -> None:
        self.begin(batch)
        assert self._run is not None
        for article_id in batch.ids:
            cancel.check()
            title, text, source = batch.inputs[article_id]
            batch.topics.append((article_id, self._run.assign(article_id, title, text, source)))

    def take(self, batch: Batch, made: BatchText) -> bool:
        """The worker's topics. Assigned with another model than this batch's (the model
        was retrained since the batch was offered), only their sections are decided again:
        tags, rules and what the vocabulary alone said do not depend on the model."""
        self.begin(batch)
        assert self._run is not None
        if not _covers(batch, made.topics):
            return False
        assert made.topics is not None
        same_model = made.model_key == self._run.model_key
        for article_id in batch.ids:  # pooled in batch order, as :meth:`prepare` does
            assignment, evidence = made.topics[article_id]
            if not same_model:
                title, text, _source = batch.inputs[article_id]
                assignment = replace(assignment, section=self._run.section(title, text))
            self._run.take(article_id, evidence)
            batch.topics.append((article_id, assignment))
        return True

    def store(self, batch: Batch) -> None:
        from newsreader.topics.assign import apply_to_library

        if self._apply_rules:
            apply_to_library(self.library, self.settings, rules_only=True)
        for key, value in batch.state.items():
            self.library.set_state(key, value)
        if self._run is not None:
            self._run.store(batch.topics)

    def committed(self) -> None:
        """The rules are now in step with the config, and a retrained model is kept."""
        self._rules_checked = True
        self._apply_rules = False
        if self._run is not None:
            self._run.committed()


class StoryStep:
    """Each article placed in a story, in arrival order (joining a recent one or its own),
    with the sentences it offers its story's summary."""

    name = "story"

    def __init__(self, library: Library) -> None:
        self.library = library
        self._sentences: dict[int, list[str]] = {}
        self._marks: dict[int, TextMarks] = {}
        from newsreader.stories.rewrites import RewriteMemory

        #: What a later article's rewrite check reads of the articles placed last.
        self._memory = RewriteMemory()

    def prepare(self, batch: Batch, cancel: Cancel) -> None:
        """Each article's candidate sentences for its story's summary, split now: the
        summary step split the same texts, so the tokenizer remembers them.

        Placement reads what the batch's earlier articles wrote: it is all done in store.
        """
        from newsreader.stories.story_summary import report_candidates

        self._sentences, self._marks = {}, {}
        for article_id in batch.ids:
            cancel.check()
            self._sentences[article_id] = report_candidates(batch.inputs[article_id][1])

    def take(self, batch: Batch, made: BatchText) -> bool:
        """The worker's sentences and what placement reads of the texts (placement is done
        here)."""
        if not _covers(batch, made.sentences) or not _covers(batch, made.marks):
            return False
        self._sentences = {i: made.sentences[i] for i in batch.ids}
        self._marks = {i: made.marks[i] for i in batch.ids}
        return True

    def store(self, batch: Batch) -> None:
        from newsreader.stories.grouping import place_article
        from newsreader.stories.rewrites import kept_marks

        self.library.store_report_sentences_of(self._sentences)
        with self.library.batched_term_counts():
            for article_id in batch.ids:
                marks = self._marks.get(article_id)
                placed = place_article(self.library, article_id, marks, self._memory)
                if placed is not None:
                    batch.stories.add(placed.story_id)
                if marks is not None:
                    title, text, _source = batch.inputs[article_id]
                    self._memory.remember(article_id, title, text, kept_marks(marks))

    def committed(self) -> None:
        self._sentences, self._marks = {}, {}


def default_steps(library: Library, settings: Settings) -> list[Step]:
    """The steps every ingested article goes through, in order."""
    return [SummaryStep(library, settings), TopicStep(library, settings), StoryStep(library)]
