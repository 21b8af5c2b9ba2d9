"""What the pipeline tells its caller: typed events, each with the run's counts so far.

A run (a refresh, an import, an ``enrich``) is an iterator of these events; the
CLI draws them with rich, the reader turns them into messages. Every event
carries a :class:`Progress` snapshot, so a caller that only draws a bar reads
``event.progress`` and ignores the rest.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from newsreader.importers.runner import FileReport

FeedStatus = Literal["fetched", "not modified", "deferred", "failed", "skipped"]


@dataclass(frozen=True)
class Progress:
    """Counts of a run so far."""

    feeds_total: int = 0
    feeds_done: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    pages_extracted: int = 0
    #: Articles given their summary, topics and story.
    articles_enriched: int = 0
    #: Articles stored and still waiting for enrichment.
    enrich_waiting: int = 0
    files_total: int = 0
    files_done: int = 0


#: The ending of the stages measured in the worker process.
WORKER_STAGE = " (worker)"


class Timings:
    """CPU seconds spent in each stage of a run, summed over the threads doing it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.seconds: dict[str, float] = {}

    @contextmanager
    def measure(self, stage: str) -> Iterator[None]:
        """Count the calling thread's CPU time inside the block under ``stage``."""
        started = time.thread_time()
        try:
            yield
        finally:
            self.add(stage, time.thread_time() - started)

    def add(self, stage: str, seconds: float, elsewhere: bool = False) -> None:
        """Count ``seconds`` of CPU time measured elsewhere under ``stage``
        (``elsewhere``: in the worker process, counted apart under ``stage (worker)``)."""
        if elsewhere:
            stage += WORKER_STAGE
        with self._lock:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds


@dataclass
class Tally:
    """The mutable counts and outcomes of one run, kept by the thread running it."""

    progress: Progress = field(default_factory=Progress)
    results: list[FeedResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    retired: int = 0
    timings: Timings = field(default_factory=Timings)

    def count(self, **changes: int) -> Progress:
        """Add to the counts of :attr:`progress`; returns the new snapshot."""
        values = {name: getattr(self.progress, name) + delta for name, delta in changes.items()}
        self.progress = replace(self.progress, **values)
        return self.progress


@dataclass(frozen=True)
class FeedResult:
    """What one feed's refresh did."""

    feed_id: int
    url: str
    title: str
    status: FeedStatus
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    pages: int = 0
    errors: tuple[str, ...] = ()
    new_ids: tuple[int, ...] = ()
    updated_ids: tuple[int, ...] = ()
    #: Entries not stored: repeats within the feed, ones retention would delete,
    #: ones left for the next refresh by a page cap.
    skipped: int = 0
    #: Remarks that are not errors (a page cap reached).
    notes: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        """True when anything went wrong with this feed."""
        return bool(self.errors)


@dataclass(frozen=True)
class FetchReport:
    """What a whole refresh did, feed by feed."""

    feeds: tuple[FeedResult, ...] = ()
    #: Failures of the run rather than of one feed (enrichment, say).
    errors: tuple[str, ...] = ()
    #: Articles enriched by this run.
    enriched: int = 0
    #: Articles retention deleted after the fetch.
    retired: int = 0
    cancelled: bool = False
    #: CPU seconds by stage (network, parse, extract, store, each enrichment step...).
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def new(self) -> int:
        """Articles added."""
        return sum(result.new for result in self.feeds)

    @property
    def updated(self) -> int:
        """Articles whose text or title changed."""
        return sum(result.updated for result in self.feeds)

    @property
    def unchanged(self) -> int:
        """Entries already stored as they are."""
        return sum(result.unchanged for result in self.feeds)

    @property
    def pages(self) -> int:
        """Article pages fetched and extracted."""
        return sum(result.pages for result in self.feeds)

    @property
    def ok(self) -> bool:
        """True when no feed failed, the run had no error and was not cancelled."""
        return not self.failed and not self.errors and not self.cancelled

    @property
    def failed(self) -> tuple[FeedResult, ...]:
        """The feeds with an error."""
        return tuple(result for result in self.feeds if result.failed)

    @property
    def new_ids(self) -> tuple[int, ...]:
        """Ids of the articles added, feed by feed."""
        return tuple(i for result in self.feeds for i in result.new_ids)


@dataclass(frozen=True)
class Event:
    """Anything a run reports."""

    progress: Progress


@dataclass(frozen=True)
class RunStarted(Event):
    """A run began; ``progress`` says how many feeds or files it has."""


@dataclass(frozen=True)
class FeedStarted(Event):
    """A feed's request was sent."""

    feed_id: int
    title: str


@dataclass(frozen=True)
class PageExtracted(Event):
    """One more article page fetched and its text extracted."""

    feed_id: int
    url: str


@dataclass(frozen=True)
class FeedStored(Event):
    """A feed's articles are stored (or it answered 304, or was deferred)."""

    result: FeedResult


@dataclass(frozen=True)
class FeedFailed(Event):
    """A feed could not be fetched or read; its error is kept on the feed."""

    result: FeedResult


@dataclass(frozen=True)
class BatchEnriched(Event):
    """A batch of stored articles got its summaries, topics and stories."""

    article_ids: tuple[int, ...]
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoriesSummarised(Event):
    """Stories that grew in this run got their summary."""

    stories: int


@dataclass(frozen=True)
class RetentionApplied(Event):
    """Old articles of the fetched feeds were deleted (``keep_days``, ``max_per_feed``)."""

    deleted: int
    #: Starred articles the rules would have deleted.
    kept_starred: int


@dataclass(frozen=True)
class ArticlesStored(Event):
    """A batch of articles from outside a feed (a file, the samples) is stored."""

    label: str
    added: tuple[int, ...] = ()
    updated: tuple[int, ...] = ()
    present: int = 0


@dataclass(frozen=True)
class FileImported(Event):
    """One file was read and its articles stored (or it was skipped: see the report)."""

    report: FileReport


@dataclass(frozen=True)
class RunFinished(Event):
    """The run is over: nothing more comes."""

    report: FetchReport = field(default_factory=FetchReport)
