"""Enriching stored articles: batches from the queue through the steps, one transaction each.

:class:`Enricher` takes the articles waiting in the library's enrichment queue
(oldest arrival first, so undated articles are placed in the order they came),
runs them through :func:`newsreader.ingest.steps.default_steps` in batches and
takes each batch out of the queue in the transaction that stores it. A batch
that fails is tried again article by article, so one bad article costs only
itself; an article that keeps failing is left after a few attempts. Stories
that grew get their summary once, at the end of a run, not once per batch.

Given a :class:`~newsreader.ingest.worker.Worker` process, a batch's summaries
are made there (from the committed articles, which it reads) while this
process works out the batch's topics and stories, and the next full batch's
summaries are asked for ahead: the summary step's own work, on the other
core. Summaries the worker has not begun, or could not make, are made here.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, replace

from newsreader.config import Settings
from newsreader.ingest.cancel import Cancel, Cancelled
from newsreader.ingest.events import BatchEnriched, Event, StoriesSummarised, Tally, Timings
from newsreader.ingest.steps import Batch, Step, SummaryStep, default_steps, story_summary
from newsreader.ingest.worker import Worker
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
        # Summaries are made in the worker process when there is one and it can
        # open the library file itself.
        on_disk = library.path.name != ":memory:" and library.path.exists()
        self.worker = worker if worker is not None and not worker.in_process and on_disk else None
        self._ahead: tuple[tuple[int, ...], Future[Made]] | None = None

    def pending(self) -> int:
        """Articles waiting in the queue (those that failed in this run left out)."""
        return max(0, self.library.count_pending_enrichment() - len(self._failed))

    def next_batch(self) -> Enriched | None:
        """Enrich the next batch of the queue; None when nothing waits."""
        ids = [
            article_id
            for article_id in self.library.pending_enrichment(BATCH + len(self._failed))
            if article_id not in self._failed
        ][:BATCH]
        if not ids:
            return None
        return self.enrich(ids)

    def drain(self) -> Iterator[Enriched]:
        """Enrich everything the queue holds, batch by batch."""
        while (done := self.next_batch()) is not None:
            yield done

    def enrich(self, article_ids: Iterable[int]) -> Enriched:
        """Enrich the given stored articles (queued or not); raises :class:`Cancelled`."""
        ids = list(dict.fromkeys(article_ids))
        try:
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
        elsewhere = self._summaries_elsewhere(ids)
        for step in self.steps:
            if elsewhere is not None and isinstance(step, SummaryStep):
                continue  # made in the worker meanwhile; taken below
            with self.timings.measure(step.name):
                step.prepare(batch, self.cancel)
        if elsewhere is not None:
            for step in self.steps:
                if isinstance(step, SummaryStep):
                    self._take_summaries(elsewhere, step, batch)
        self.cancel.check()
        with transaction(self.library.conn):
            for step in self.steps:
                with self.timings.measure(step.name):
                    step.store(batch)
            self.library.finish_enrichment(ids)
        for step in self.steps:
            step.committed()
        self.stories.update(batch.stories)

    def _summaries_elsewhere(self, ids: list[int]) -> Future[Made] | None:
        """The worker's future for this batch's summaries (asked for now, or ahead)."""
        if self.worker is None or not any(isinstance(s, SummaryStep) for s in self.steps):
            return None
        key = tuple(ids)
        ahead, self._ahead = self._ahead, None
        future: Future[Made] | None
        if ahead is not None and ahead[0] == key:
            future = ahead[1]
        else:
            if ahead is not None:
                ahead[1].cancel()
            future = self._submit(key)
        following = [
            article_id
            for article_id in self.library.pending_enrichment(BATCH + len(self._failed), max(ids))
            if article_id not in self._failed and article_id not in key
        ][:BATCH]
        if len(following) == BATCH:
            submitted = self._submit(tuple(following))
            if submitted is not None:
                self._ahead = (tuple(following), submitted)
        return future

    def _submit(self, ids: tuple[int, ...]) -> Future[Made] | None:
        assert self.worker is not None
        try:
            return self.worker.submit(
                summaries_in_worker, str(self.library.path), self.settings, list(ids)
            )
        except Exception:  # the run is over, or the worker cannot start
            log.warning("summaries not made in a worker process", exc_info=True)
            return None

    def _take_summaries(self, future: Future[Made] | None, step: Step, batch: Batch) -> None:
        """The worker's summaries of the batch; made here when it has not begun or failed."""
        with self.timings.measure(step.name):
            if future is not None and not future.cancel():
                try:
                    made = future.result()
                except Exception:  # it died, or that batch failed there: made here instead
                    log.warning("summaries not made in the worker process", exc_info=True)
                else:
                    wanted = set(batch.ids)
                    batch.summaries.extend(row for row in made.summaries if row[0] in wanted)
                    self.timings.add(step.name, made.seconds)
                    return
            step.prepare(batch, self.cancel)

    def close(self) -> None:
        """Drop the summaries asked for ahead (the run is over)."""
        if self._ahead is not None:
            self._ahead[1].cancel()
            self._ahead = None

    def summarise_stories(self, every: bool = True) -> int:
        """Summarise the stories that grew (``every``: any story left without a summary).

        Returns how many got one. Stops at once when cancelled (the rest are made
        by the next run, or when the story is opened).
        """
        if every:
            wanted = self.library.unsummarised_story_ids()
        else:
            wanted = self.library.unsummarised_stories(self.stories)
        made = 0
        for story_id in wanted:
            if self.cancel.cancelled:
                break
            try:
                with self.timings.measure("story summaries"):
                    made += story_summary(self.library, story_id, self.settings)
            except Exception:
                log.warning("story %s not summarised", story_id, exc_info=True)
        self.stories.clear()
        return made


@dataclass(frozen=True)
class Made:
    """Summaries made in the worker process, with the CPU seconds they took there."""

    summaries: list[tuple[int, str, int, str]]
    seconds: float


#: The worker process's connection to each library it reads (opened once).
_READ: dict[str, Library] = {}


def summaries_in_worker(path: str, settings: Settings, ids: list[int]) -> Made:
    """In the worker: what the summary step makes of stored articles ``ids``."""
    started = time.thread_time()
    library = _READ.get(path)
    if library is None:
        library = _READ[path] = Library(path)
    inputs = library.enrichment_inputs(ids)
    batch = Batch([i for i in ids if i in inputs], inputs)
    SummaryStep(library, settings).prepare(batch, Cancel())
    return Made(batch.summaries, time.thread_time() - started)


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
