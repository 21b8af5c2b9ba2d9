"""Enriching stored articles: batches from the queue through the steps, one transaction each.

:class:`Enricher` takes the articles waiting in the library's enrichment queue
(oldest arrival first, so undated articles are placed in the order they came),
runs them through :func:`newsreader.ingest.steps.default_steps` in batches and
takes each batch out of the queue in the transaction that stores it. A batch
that fails is tried again article by article, so one bad article costs only
itself; an article that keeps failing is left after a few attempts. Stories
that grew get their summary once, at the end of a run, not once per batch.

Given a :class:`~newsreader.ingest.worker.Worker` process, the text work of
the next full batches (summaries, sections and tags, story sentences and
terms: :mod:`.batch_text`) is offered to it ahead (:mod:`.offload`), from the
committed articles, which it reads, while this process places the batch in
hand in stories and writes it. Work the worker has not begun, or could not
make, is made here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Any

from newsreader.config import Settings
from newsreader.ingest.batch_text import BatchText, ModelOffer
from newsreader.ingest.cancel import Cancel, Cancelled
from newsreader.ingest.events import BatchEnriched, Event, StoriesSummarised, Tally, Timings
from newsreader.ingest.gc_threshold import fewer_collections
from newsreader.ingest.offload import STORY_GROUP, Offloader
from newsreader.ingest.steps import Batch, Step, TakesText, TopicStep, default_steps
from newsreader.ingest.worker import Worker
from newsreader.models import StorySentence
from newsreader.store import Library, transaction

log = logging.getLogger(__name__)

#: Articles enriched in one transaction: large enough to spread each batch's
#: set-up (topic model, rules), small enough to hold the write lock briefly and
#: to stop soon when cancelled.
BATCH = 50


@dataclass(frozen=True)
class Enriched:
    """What one batch did."""

    article_ids: tuple[int, ...]
    errors: tuple[str, ...] = ()


class Enricher:
    """Runs stored articles through the enrichment steps for one library and settings."""

    def __init__(
        self,
        library: Library,
        settings: Settings,
        cancel: Cancel | None = None,
        steps: list[Step] | None = None,
        timings: Timings | None = None,
        worker: Worker | None = None,
    ) -> None:
        self.library = library
        self.settings = settings
        self.cancel = cancel or Cancel()
        self.timings = timings or Timings()
        self.steps = steps if steps is not None else default_steps(library, settings)
        #: Stories the run's articles joined or started.
        self.stories: set[int] = set()
        self._failed: set[int] = set()
        # Text work is offered to the worker process when there is one and it can
        # open the library file itself.
        on_disk = library.path.name != ":memory:" and library.path.exists()
        self._offloader = (
            Offloader(library, settings, worker, self.timings, self._following)
            if worker is not None
            and not worker.in_process
            and on_disk
            and any(isinstance(step, TakesText) for step in self.steps)
            else None
        )

    def pending(self) -> int:
        """Articles waiting in the queue (those that failed in this run left out)."""
        return max(0, self.library.count_pending_enrichment() - len(self._failed))

    def next_batch(self) -> Enriched | None:
        """Enrich the next batch of the queue; None when nothing waits."""
        ids = self._next_ids()
        if not ids:
            return None
        return self.enrich(ids)

    def _next_ids(self) -> list[int]:
        return [
            article_id
            for article_id in self.library.pending_enrichment(BATCH + len(self._failed))
            if article_id not in self._failed
        ][:BATCH]

    def making(self) -> Future[Any] | None:
        """While the worker process makes the next batch's text work, its future: a caller
        with other work (storing) does that first instead of waiting in :meth:`next_batch`.

        Meanwhile a later batch's text work the worker has not begun is made here.
        """
        ids = self._next_ids()
        if self._offloader is None or not ids:
            return None
        return self._offloader.making(tuple(ids), self._model())

    def drain(self) -> Iterator[Enriched]:
        """Enrich everything the queue holds, batch by batch."""
        while (done := self.next_batch()) is not None:
            yield done

    def enrich(self, article_ids: Iterable[int]) -> Enriched:
        """Enrich the given stored articles (queued or not); raises :class:`Cancelled`."""
        ids = list(dict.fromkeys(article_ids))
        try:
            with fewer_collections():
                self._run(ids)
        except Cancelled:
            raise
        except Exception as exc:
            if len(ids) == 1:
                self._failed.update(ids)
                self.library.enrichment_failed(ids)
                log.warning("enrichment failed for article %s", ids[0], exc_info=True)
                return Enriched((), (f"article {ids[0]}: {type(exc).__name__}: {exc}",))
            done: list[int] = []
            errors: list[str] = []
            for article_id in ids:  # one bad article costs only itself
                alone = self.enrich([article_id])
                done += alone.article_ids
                errors += alone.errors
            if errors:
                errors = [f"summaries and topics not made for {len(errors)} articles: {errors[0]}"]
            return Enriched(tuple(done), tuple(errors))
        return Enriched(tuple(ids))

    def _run(self, ids: list[int]) -> None:
        self.cancel.check()
        inputs = self.library.enrichment_inputs(ids)
        batch = Batch([i for i in ids if i in inputs], inputs)
        made = self._text_elsewhere(batch, tuple(ids))
        for step in self.steps:
            with self.timings.measure(step.name):
                if made is not None and isinstance(step, TakesText) and step.take(batch, made):
                    continue
                step.prepare(batch, self.cancel)
        self.cancel.check()
        with transaction(self.library.conn):
            for step in self.steps:
                with self.timings.measure(step.name):
                    step.store(batch)
            self.library.finish_enrichment(ids)
        for step in self.steps:
            step.committed()
        self.stories.update(batch.stories)

    def _text_elsewhere(self, batch: Batch, ids: tuple[int, ...]) -> BatchText | None:
        """The worker's text work of the batch, when it began it (see :mod:`.offload`)."""
        if self._offloader is None:
            return None
        for step in self.steps:
            if isinstance(step, TopicStep):
                with self.timings.measure(step.name):
                    step.begin(batch)
        made = self._offloader.take(ids, self._model())
        return made if made is not None and made.made_from(batch.inputs) else None

    def offer_ahead(self) -> None:
        """Offer the text work of the queue's first full batches to the worker process
        (after storing: the worker works on them while this process stores more)."""
        if self._offloader is not None:
            self._offloader.offer(0, self._model())

    def _model(self) -> ModelOffer:
        """The section model of the last batch, as a worker is offered it (none: no topics)."""
        for step in self.steps:
            if isinstance(step, TopicStep):
                return step.model_offer()
        return ModelOffer("", None)

    def _following(self, after: int, count: int) -> list[tuple[int, ...]]:
        """The next ``count`` full batches of the queue after article ``after`` (fewer at its
        end)."""
        batches: list[tuple[int, ...]] = []
        while len(batches) < count:
            found = [
                article_id
                for article_id in self.library.pending_enrichment(BATCH + len(self._failed), after)
                if article_id not in self._failed
            ][:BATCH]
            if len(found) < BATCH:
                break
            batches.append(tuple(found))
            after = found[-1]
        return batches

    def close(self) -> None:
        """Take back the text work offered ahead (the run is over)."""
        if self._offloader is not None:
            self._offloader.close()

    def summarise_stories(self, every: bool = True) -> int:
        """Summarise the stories that grew (``every``: any story left without a summary).

        Returns how many got one. Stops at once when cancelled (the rest are made
        by the next run, or when the story is opened).
        """
        with fewer_collections():
            return self._summarise_stories(every)

    def _summarise_stories(self, every: bool) -> int:
        if every:
            wanted = self.library.unsummarised_story_ids()
        else:
            wanted = self.library.unsummarised_stories(self.stories)
        made = 0

        def make_here(story_id: int) -> list[StorySentence]:
            from newsreader.stories.story_summary import new_story_summary

            try:
                with self.timings.measure("story summaries"):
                    return new_story_summary(self.library, story_id, self.settings)
            except Exception:
                log.warning("story %s not summarised", story_id, exc_info=True)
                return []

        if self._offloader is not None and len(wanted) > STORY_GROUP:
            summaries = self._offloader.story_summaries(wanted, make_here, self.cancel)
        else:
            summaries = ((story_id, make_here(story_id)) for story_id in wanted)
        try:
            for story_id, sentences in summaries:
                if self.cancel.cancelled:
                    break
                if not sentences:
                    continue
                try:
                    self.library.store_story_summary(story_id, sentences)
                    made += 1
                except Exception:
                    log.warning("story %s not summarised", story_id, exc_info=True)
        except Cancelled:
            pass
        self.stories.clear()
        return made


def enriched_event(enricher: Enricher, tally: Tally, done: Enriched) -> BatchEnriched:
    """Count a batch in the run's tally and report it."""
    tally.errors.extend(done.errors)
    tally.count(articles_enriched=len(done.article_ids))
    tally.progress = replace(tally.progress, enrich_waiting=enricher.pending())
    return BatchEnriched(tally.progress, done.article_ids, done.errors)


def enrich_all(enricher: Enricher, tally: Tally) -> Iterator[Event]:
    """Enrich everything waiting, then summarise the stories that grew."""
    for done in enricher.drain():
        yield enriched_event(enricher, tally, done)
    stories = enricher.summarise_stories()
    if stories:
        yield StoriesSummarised(tally.progress, stories)
