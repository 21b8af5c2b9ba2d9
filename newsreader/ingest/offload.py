"""Batches' text work offered to the worker process ahead of the enriching process.

While the enriching process works through batch N (the library-dependent
half: the model's upkeep, story placement, the writes), the worker makes the
text work (:mod:`newsreader.ingest.batch_text`) of the next :data:`AHEAD` full
batches of the queue. When the enriching process comes to a batch, it takes
the worker's work when the worker has begun it (waiting for the rest), and
takes the offer back and does the work itself when the worker has not: it
never waits for work the worker has not started, and the worker works ahead
whenever the enriching process is busy. Finding the worker still on the batch
it needs, the enriching process takes back a later batch the worker has not
begun and makes its text work meanwhile, so neither process waits while the
other has work for it. An offer that fails (the worker died) is done by the
enriching process too; the next offer starts a new worker.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from newsreader.config import Settings
from newsreader.ingest.batch_text import (
    BatchText,
    ModelOffer,
    batch_text,
    forget_model,
    story_summaries,
    text_work,
)
from newsreader.ingest.cancel import Cancel
from newsreader.ingest.events import Timings
from newsreader.ingest.worker import Offer, Worker
from newsreader.store import Library

if TYPE_CHECKING:
    from newsreader.models import StorySentence

log = logging.getLogger(__name__)

#: Full batches of the queue offered to the worker ahead of the one being enriched.
AHEAD = 2
#: Stories summarised in one group at least, and groups offered at most.
STORY_GROUP, STORY_GROUPS = 20, 32
#: The wall time the enriching process spent waiting for the worker, in the timings.
WAITED = "waiting on worker (wall)"


class Offloader:
    """The offers of one enrichment run."""

    def __init__(
        self,
        library: Library,
        settings: Settings,
        worker: Worker,
        timings: Timings,
        following: Callable[[int, int], list[tuple[int, ...]]],
    ) -> None:
        self.library, self.settings, self.worker, self.timings = library, settings, worker, timings
        #: The full batches (at most so many) after an article, as the queue holds them now.
        self.following = following
        #: Batch -> its offer, and the key of the model it was offered with.
        self._offers: dict[tuple[int, ...], tuple[Offer[BatchText], str]] = {}
        #: Later batches' text work made here while the worker was on an earlier one.
        self._made_here: dict[tuple[int, ...], BatchText] = {}
        #: The key of the model the worker has (it answered with it), if any.
        self._worker_model: str | None = None

    def offer(self, after: int, model: ModelOffer) -> None:
        """Offer the next :data:`AHEAD` full batches of the queue after article ``after``."""
        for batch in self.following(after, AHEAD):
            if batch in self._made_here:
                continue
            if batch in self._offers:
                offer, key = self._offers[batch]
                if key == model.key or not offer.take_back():
                    continue  # offered with this model, or begun with the one before
            kept = model.key == self._worker_model
            given = ModelOffer(model.key, None if kept else model.model, not kept)
            try:
                offer = self.worker.offer(
                    batch_text, str(self.library.path), self.settings, list(batch), given
                )
            except Exception:  # the run is over, or the worker cannot start
                log.warning("text work not offered to a worker process", exc_info=True)
                return
            self._offers[batch] = (offer, model.key)

    def making(self, ids: tuple[int, ...], model: ModelOffer) -> Future[BatchText | None] | None:
        """The future of batch ``ids`` while the worker is making it (None: it is not).

        Before it is returned, a later batch the worker has not begun is made here.
        """
        offer = self._offers.get(ids, (None, ""))[0]
        if offer is None or not offer.busy():
            return None
        self._make_later_here(model)
        return offer.future

    def take(self, ids: tuple[int, ...], model: ModelOffer) -> BatchText | None:
        """The worker's text work of batch ``ids`` when it began it; None: make it here.

        The batches after it are offered ahead, with ``model``.
        """
        offer = self._offers.pop(ids, (None, ""))[0]
        here = self._made_here.pop(ids, None)
        for batch in list(self._offers):  # the queue moved on: those ids are no batch now
            if batch[0] <= ids[-1]:
                self._drop(self._offers.pop(batch)[0])
        for batch in list(self._made_here):
            if batch[0] <= ids[-1]:
                del self._made_here[batch]
        self.offer(ids[-1], model)
        if here is not None:
            return here
        if offer is None or offer.take_back():
            return None
        if offer.busy():
            self._make_later_here(model)
        started = time.perf_counter()
        try:
            made = offer.result()
        except Exception:  # the worker died, or the work failed there: made here instead
            log.warning("text work not made in the worker process", exc_info=True)
            self._worker_model = None
            return None
        finally:
            self.timings.add(WAITED, time.perf_counter() - started)
        if made is None:
            return None
        self._worker_model = None if made.topics is None else made.model_key
        for step, seconds in made.seconds.items():
            self.timings.add(step, seconds, elsewhere=True)
        return made

    def _make_later_here(self, model: ModelOffer) -> None:
        """Make the text work of the first later batch the worker has not begun, here."""
        for batch, (offer, _key) in list(self._offers.items()):
            if offer.take_back():
                del self._offers[batch]
                made = text_work(self.library, self.settings, list(batch), model)
                for step, seconds in made.seconds.items():
                    self.timings.add(step, seconds)
                self._made_here[batch] = made
                return

    def story_summaries(
        self, wanted: list[int], make_here: Callable[[int], list[StorySentence]], cancel: Cancel
    ) -> Iterator[tuple[int, list[StorySentence]]]:
        """Each wanted story's summary: the first groups made by the worker, the last ones
        here (taken back from the end while the worker has not begun them)."""
        size = max(STORY_GROUP, -(-len(wanted) // STORY_GROUPS))
        groups = [wanted[start : start + size] for start in range(0, len(wanted), size)]
        offers: list[Offer[tuple[dict[int, list[StorySentence] | None], float]] | None] = []
        for group in groups:
            try:
                offers.append(
                    self.worker.offer(story_summaries, str(self.library.path), self.settings, group)
                )
            except Exception:  # the worker cannot start: made here
                offers.append(None)
        try:
            for index in range(len(groups) - 1, -1, -1):
                offer = offers[index]
                if offer is not None and not offer.take_back():
                    break  # the worker has begun this group, so the ones before it too
                offers[index] = None
                for story_id in groups[index]:
                    cancel.check()
                    yield story_id, make_here(story_id)
            for group, offer in zip(groups, offers, strict=True):
                if offer is None:
                    continue
                made: dict[int, list[StorySentence] | None] = {}
                started = time.perf_counter()
                try:
                    found = offer.result()
                    if found is not None:
                        made, seconds = found
                        self.timings.add("story summaries", seconds, elsewhere=True)
                except Exception:  # the worker died: made here
                    log.warning("story summaries not made in the worker process", exc_info=True)
                finally:
                    self.timings.add(WAITED, time.perf_counter() - started)
                for story_id in group:
                    cancel.check()
                    sentences = made.get(story_id)
                    yield story_id, sentences if sentences is not None else make_here(story_id)
        finally:
            for offer in offers:
                if offer is not None:
                    self._drop(offer)

    def _drop(self, offer: Offer[Any]) -> None:
        if not offer.take_back():
            offer.future.cancel()

    def close(self) -> None:
        """Take back what was offered (the run is over)."""
        for offer, _key in self._offers.values():
            self._drop(offer)
        self._offers.clear()
        self._made_here.clear()
        forget_model()  # kept if a batch was made here
