"""A batch's text work, made in the worker process: what the steps need of its texts alone.

Summaries, sections and tags, the sentences each report offers its story's
summary and what story placement reads of a text (its terms, its four-word
runs) are pure functions of an article's title and text (given the settings
and, for sections, the run's learned model). The worker process makes them
from the library's committed articles, which it only reads, while the
enriching process places the batch before in stories; the steps take them
(:meth:`~newsreader.ingest.steps.SummaryStep.take` and the others) instead of
making them. The model is given once: the worker keeps the last one it was
given, by its key.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsreader.config import Settings
from newsreader.ingest.cancel import Cancel
from newsreader.store import Library

if TYPE_CHECKING:
    from newsreader.models import StorySentence
    from newsreader.stories.terms import TextMarks
    from newsreader.topics.assign import Evidence, TopicAssigner, TopicAssignment
    from newsreader.topics.learn import NaiveBayes


@dataclass(frozen=True)
class ModelOffer:
    """The run's section model as a worker is given it: its key (empty: no topics
    wanted), and the model itself (``included``) unless the worker has it already."""

    key: str
    model: NaiveBayes | None
    included: bool = True


@dataclass(frozen=True)
class BatchText:
    """What the worker made of the texts of a batch's articles, by article id."""

    summaries: list[tuple[int, str, int, str]]
    #: (assignment, evidence) by id; None when the worker did not have the model.
    topics: dict[int, tuple[TopicAssignment, Evidence]] | None
    #: The key of the model the topics were assigned with.
    model_key: str
    #: Each report's candidate sentences for its story's summary.
    sentences: dict[int, list[str]]
    #: What story placement reads of each article's text alone.
    marks: dict[int, TextMarks]
    #: The :func:`fingerprint` of each article's title and text as the worker read them.
    texts: dict[int, int] = field(default_factory=dict)
    #: CPU seconds by step name.
    seconds: dict[str, float] = field(default_factory=dict)

    def made_from(self, inputs: Mapping[int, tuple[str, str, str]]) -> bool:
        """True when it was made from these texts (by id) and no others."""
        return self.texts == {i: fingerprint(t[0], t[1]) for i, t in inputs.items()}


def fingerprint(title: str, text: str) -> int:
    """A checksum of an article's title and text (the same in every process)."""
    return zlib.crc32(
        text.encode("utf-8", "surrogatepass"), zlib.crc32(title.encode("utf-8", "surrogatepass"))
    )


#: The worker process's connection to each library it reads (opened once).
_READ: dict[str, Library] = {}
#: The last model given to this worker process: key -> its topic assigner.
_ASSIGNER: dict[str, TopicAssigner] = {}


def batch_text(path: str, settings: Settings, ids: list[int], model: ModelOffer) -> BatchText:
    """In the worker: the text work of stored articles ``ids`` (see the module's doc)."""
    return text_work(_library(path), settings, ids, model)


def text_work(library: Library, settings: Settings, ids: list[int], model: ModelOffer) -> BatchText:
    """The text work of stored articles ``ids``, read from ``library`` (nothing written)."""
    from newsreader.ingest.steps import Batch, SummaryStep
    from newsreader.stories.story_summary import report_candidates
    from newsreader.stories.terms import text_marks

    started = time.thread_time()
    inputs = library.enrichment_inputs(ids)
    batch = Batch([i for i in ids if i in inputs], inputs)
    SummaryStep(library, settings).prepare(batch, Cancel())
    seconds = {"summary": time.thread_time() - started}

    started = time.thread_time()
    assigner = _assigner(settings, model)
    topics = None
    if assigner is not None:
        topics = {}
        for article_id in batch.ids:
            title, text, source = inputs[article_id]
            topics[article_id] = assigner.assign_with_evidence(title, text, source)
    seconds["topics"] = time.thread_time() - started

    started = time.thread_time()
    sentences = {i: report_candidates(inputs[i][1]) for i in batch.ids}
    marks = {i: text_marks(inputs[i][0], inputs[i][1]) for i in batch.ids}
    seconds["story"] = time.thread_time() - started
    texts = {i: fingerprint(inputs[i][0], inputs[i][1]) for i in batch.ids}
    return BatchText(batch.summaries, topics, model.key, sentences, marks, texts, seconds)


def story_summaries(
    path: str, settings: Settings, story_ids: list[int]
) -> tuple[dict[int, list[StorySentence] | None], float]:
    """In the worker: each story's summary made now (not stored), with the CPU seconds.

    None for a story with a report not split into sentences yet: splitting it
    stores them, which is the enriching process's to do.
    """
    from newsreader.stories.story_summary import POOL_REPORTS, new_story_summary

    started = time.thread_time()
    library = _library(path)
    made: dict[int, list[StorySentence] | None] = {}
    for story_id in story_ids:
        reports = [report[0] for report in library.newest_reports(story_id, POOL_REPORTS)]
        if len(library.report_sentences(reports)) < len(reports):
            made[story_id] = None
        else:
            made[story_id] = new_story_summary(library, story_id, settings)
    return made, time.thread_time() - started


def _library(path: str) -> Library:
    library = _READ.get(path)
    if library is None:
        library = _READ[path] = Library(path)
    return library


def forget_model() -> None:
    """Drop the model kept by this process (its run is over)."""
    _ASSIGNER.clear()


def _assigner(settings: Settings, model: ModelOffer) -> TopicAssigner | None:
    """The topic assigner of the offered model; None when it is neither included nor kept."""
    from newsreader.topics.assign import TopicAssigner

    kept = _ASSIGNER.get(model.key)
    if kept is None and model.included and model.key:
        _ASSIGNER.clear()
        kept = _ASSIGNER[model.key] = TopicAssigner(settings, model.model)
    return kept
