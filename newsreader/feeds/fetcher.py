"""One refresh of many feeds: network in an asyncio loop, storing in the caller's thread.

The loop (a background thread) fetches every feed with bounded concurrency,
parses it, fetches and extracts the pages of teaser entries, and hands each
feed's outcome over a queue. The calling thread, which owns the
:class:`~newsreader.store.Library`, stores the articles, records the feed's
fetch state, enriches the new articles and reports progress. Every failure
is caught per feed (per page for article pages) and recorded on that feed:
the run goes on and the rest of the library is untouched.

Entries already stored are matched by guid: whole-content entries are
updated in place when they change; a teaser entry already stored is left as
it is (its page is not fetched again, so the full text kept earlier is never
replaced by the teaser, and a page that failed once is not retried).
"""

from __future__ import annotations

import asyncio
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Literal, cast

import httpx

from newsreader.config import FeedSettings, Settings
from newsreader.feeds.enricher import ENRICH_BATCH, ProcessEnricher, enrich_batch
from newsreader.feeds.fulltext import wants_full_text
from newsreader.feeds.gil import quick_gil_handoff
from newsreader.feeds.http import PAGE_ACCEPT, FetchError, RetryLater, fetch, make_client
from newsreader.feeds.parse import Entry, parse_feed
from newsreader.models import NewArticle
from newsreader.safetext import one_line
from newsreader.store import Library
from newsreader.store.feeds import Feed
from newsreader.text import clean_body, cut_title, page_to_text

FeedStatus = Literal["fetched", "not modified", "deferred", "failed"]
EventKind = Literal["start", "page", "feed", "enriched", "done"]
MAX_ERROR_CHARS = 600
#: Where new articles are enriched: in this process ("thread"), in a child process
#: on a core of its own ("process"), or there once more than :data:`PROCESS_AFTER`
#: articles came in one refresh ("auto": a small refresh spares the child's start-up).
EnrichIn = Literal["auto", "process", "thread"]
PROCESS_AFTER = 200
#: Articles left to the child ahead of where it is before this process helps with summaries.
SUMMARY_MARGIN = 2 * ENRICH_BATCH


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

    @property
    def failed(self) -> bool:
        """True when anything went wrong with this feed."""
        return bool(self.errors)


@dataclass(frozen=True)
class FetchReport:
    """What a whole refresh did, feed by feed."""

    feeds: tuple[FeedResult, ...] = ()
    #: Failures of the run rather than of one feed (making summaries and topics).
    errors: tuple[str, ...] = ()

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
        """True when no feed failed and the run had no error."""
        return not self.failed and not self.errors

    @property
    def failed(self) -> tuple[FeedResult, ...]:
        """The feeds with an error."""
        return tuple(result for result in self.feeds if result.failed)

    @property
    def new_ids(self) -> tuple[int, ...]:
        """Ids of the articles added, feed by feed."""
        return tuple(i for result in self.feeds for i in result.new_ids)


@dataclass(frozen=True)
class FetchEvent:
    """Progress of a refresh, sent to the ``progress`` callback in the caller's thread.

    ``kind`` is ``"start"`` (the number of feeds is known), ``"page"`` (one
    more article page extracted), ``"feed"`` (one feed stored: ``result``),
    ``"enriched"`` (a batch of articles summarised and given topics and stories)
    or ``"done"``.
    """

    kind: EventKind
    feeds_total: int
    feeds_done: int
    articles_new: int
    pages_extracted: int
    result: FeedResult | None = None
    #: Articles summarised and given topics so far (of ``articles_new`` + updated).
    articles_enriched: int = 0


@dataclass(frozen=True)
class _Job:
    feed: Feed
    known: frozenset[str]


@dataclass
class _Outcome:
    """A feed's network half, handed from the loop to the storing thread."""

    job: _Job
    entries: list[tuple[Entry, bool]] = field(default_factory=list)  # (entry, teaser kept)
    errors: list[str] = field(default_factory=list)
    fatal: bool = False
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    retry_until: float | None = None
    site_url: str | None = None
    pages: int = 0


def run_fetch(
    library: Library,
    settings: Settings,
    feeds: list[Feed],
    progress: Callable[[FetchEvent], None] | None = None,
    *,
    now: float | None = None,
    enrich_in: EnrichIn = "auto",
) -> FetchReport:
    """Refresh ``feeds``; see :func:`newsreader.feeds.fetch_feeds`."""
    with quick_gil_handoff():
        return _run_fetch(library, settings, feeds, progress, now=now, enrich_in=enrich_in)


def _run_fetch(
    library: Library,
    settings: Settings,
    feeds: list[Feed],
    progress: Callable[[FetchEvent], None] | None,
    *,
    now: float | None,
    enrich_in: EnrichIn,
) -> FetchReport:
    started = time.time() if now is None else now
    emit = progress or (lambda event: None)
    results: list[FeedResult] = []
    jobs: list[_Job] = []
    for feed in feeds:
        if feed.retry_after is not None and feed.retry_after.timestamp() > started:
            results.append(FeedResult(feed.id, feed.url, feed.title, "deferred"))
        else:
            jobs.append(_Job(feed, frozenset(library.feed_guids(feed.id))))
    counts = {"done": len(results), "new": 0, "pages": 0, "enriched": 0}
    run_errors: list[str] = []
    total = len(feeds)
    if str(library.path) == ":memory:":
        enrich_in = "thread"  # a child process cannot open it

    def event(kind: EventKind, result: FeedResult | None = None) -> None:
        emit(
            FetchEvent(
                kind,
                total,
                counts["done"],
                counts["new"],
                counts["pages"],
                result,
                counts["enriched"],
            )
        )

    def enrich(ids: list[int]) -> None:
        if ids:
            run_errors.extend(enrich_batch(library, settings, ids))
            counts["enriched"] += len(ids)
            event("enriched")

    event("start")
    for result in results:
        event("feed", result)
    inbox: queue.Queue[tuple[str, object]] = queue.Queue()
    worker = threading.Thread(
        target=_loop_thread,
        args=(jobs, settings.feeds, inbox),
        name="newsreader-fetch",
        daemon=True,
    )
    worker.start()
    pending = len(jobs)
    to_enrich: list[int] = []
    submitted = 0
    child: ProcessEnricher | None = None
    queued: list[int] = []  # ids given to the child, in order
    child_done = 0
    tail = 0  # queued[tail:] have had their summaries made here
    ahead = _SummariesAhead(library, settings)
    try:
        while pending or child is not None:
            if (
                child is None
                and enrich_in != "thread"
                and to_enrich
                and (enrich_in == "process" or submitted + len(to_enrich) > PROCESS_AFTER)
            ):
                # Enough work to pay for a process: enrichment gets a core of its own.
                child = ProcessEnricher(library.path, settings, inbox)
            if child is not None and to_enrich:
                child.submit(to_enrich)
                submitted += len(to_enrich)
                queued += to_enrich
                tail = len(queued)
                to_enrich = []
                if not pending:
                    child.close()
            elif to_enrich and inbox.empty():
                # Storing comes first, so articles land as soon as their feed is in;
                # enrichment takes the idle moments, in batches that amortise its
                # per-call set-up without holding the next feed back for long.
                batch = to_enrich[:ENRICH_BATCH]
                del to_enrich[:ENRICH_BATCH]
                submitted += len(batch)
                enrich(batch)
                continue
            if not pending and child is None:
                break
            if child is not None and not pending and tail > child_done + SUMMARY_MARGIN:
                try:
                    kind, payload = inbox.get_nowait()
                except queue.Empty:
                    # Every feed is in: this core makes summaries from the far end of
                    # the child's queue, which it then finds made (same summaries).
                    tail -= 1
                    ahead.add(queued[tail])
                    continue
            else:
                ahead.flush()
                kind, payload = inbox.get()
            if kind == "page":
                counts["pages"] += 1
                event("page")
            elif kind == "feed":
                assert isinstance(payload, _Outcome)
                result = _store(library, payload)
                results.append(result)
                to_enrich += [*result.new_ids, *result.updated_ids]
                pending -= 1
                counts["done"] += 1
                counts["new"] += result.new
                event("feed", result)
            elif kind == "enriched":
                assert child is not None
                done, errors = cast(tuple[int, list[str]], payload)
                child.done(done)
                child_done += done
                run_errors.extend(errors)
                counts["enriched"] += done
                event("enriched")
            elif kind in ("enrich-finished", "enrich-lost"):
                assert child is not None
                if child.outstanding:
                    run_errors.append(
                        f"summaries and topics not made for {child.outstanding} articles: {payload}"
                    )
                child.finish()
                child = None
                enrich_in = "thread"  # anything left is done here
            elif kind == "crash":  # the loop itself failed: every feed not done fails
                for job in jobs:
                    if all(r.feed_id != job.feed.id for r in results):
                        outcome = _Outcome(job, errors=[f"fetch stopped: {payload}"], fatal=True)
                        results.append(_store(library, outcome))
                pending = 0
    finally:
        if child is not None:
            child.stop()
        ahead.flush()
    worker.join()
    while to_enrich:
        enrich(to_enrich[:ENRICH_BATCH])
        del to_enrich[:ENRICH_BATCH]
    order = {feed.id: index for index, feed in enumerate(feeds)}
    results.sort(key=lambda r: order.get(r.feed_id, 0))
    event("done")
    return FetchReport(tuple(results), tuple(run_errors))


class _SummariesAhead:
    """Summaries this process makes for articles the child has yet to reach.

    They are written a few at a time and only when the write lock is free at
    once: waiting for the child's transactions would idle this core, which is
    the point of making them here. Failures are the child's to report (it
    makes the summary again).
    """

    #: Summaries kept before trying to write them.
    WRITE_EVERY = 16

    def __init__(self, library: Library, settings: Settings) -> None:
        self.library = library
        self.settings = settings
        self.made: list[tuple[int, str, int, str]] = []

    def add(self, article_id: int) -> None:
        """Make one article's summary (unless cached); write the ones made when the lock is free."""
        try:
            from newsreader.summaries import new_summary

            found = new_summary(self.library, article_id, self.settings)
        except Exception:
            return
        if found is not None:
            self.made.append((article_id, *found))
        if len(self.made) >= self.WRITE_EVERY:
            self._write(wait=False)

    def flush(self) -> None:
        """Write what is made, waiting for the lock if need be."""
        self._write(wait=True)

    def _write(self, wait: bool) -> None:
        if not self.made:
            return
        try:
            if not self.library.store_summaries(self.made, wait=wait):
                return
        except sqlite3.Error:
            pass  # the child makes them again
        self.made = []


# -- the network half (loop thread) -----------------------------------------------


def _loop_thread(jobs: list[_Job], settings: FeedSettings, inbox: queue.Queue) -> None:
    try:
        asyncio.run(_run(jobs, settings, inbox))
    except BaseException as exc:
        inbox.put(("crash", f"{type(exc).__name__}: {exc}"))


#: Threads parsing feeds and extracting pages. Both hold the GIL nearly all the
#: time, so more threads only contend with each other and with the storing thread:
#: ``bench/fetch.py --no-enrich`` took 34 s and 40 s of CPU with one, 44 s and
#: 51 s with asyncio's default pool (six here).
PARSE_THREADS = 1


async def _run(jobs: list[_Job], settings: FeedSettings, inbox: queue.Queue) -> None:
    asyncio.get_running_loop().set_default_executor(
        ThreadPoolExecutor(PARSE_THREADS, thread_name_prefix="newsreader-parse")
    )
    feeds_at_once = asyncio.Semaphore(settings.concurrency)
    # Requests wait here rather than in httpcore's pool, whose queue handling
    # grows with the number of waiting requests.
    gate = asyncio.Semaphore(settings.concurrency)
    async with make_client(settings) as client:

        async def one(job: _Job) -> None:
            async with feeds_at_once:
                try:
                    outcome = await _fetch_feed(client, gate, job, settings, inbox)
                except Exception as exc:
                    outcome = _Outcome(job, errors=[f"{type(exc).__name__}: {exc}"], fatal=True)
            inbox.put(("feed", outcome))

        await asyncio.gather(*(one(job) for job in jobs))


async def _fetch_feed(
    client: httpx.AsyncClient,
    gate: asyncio.Semaphore,
    job: _Job,
    settings: FeedSettings,
    inbox: queue.Queue,
) -> _Outcome:
    feed = job.feed
    outcome = _Outcome(job)
    try:
        async with gate:
            response = await fetch(
                client, feed.url, settings, etag=feed.etag, last_modified=feed.last_modified
            )
    except RetryLater as exc:
        outcome.errors.append(str(exc))
        outcome.retry_until = exc.until
        outcome.fatal = True
        return outcome
    except FetchError as exc:
        outcome.errors.append(str(exc))
        outcome.fatal = True
        return outcome
    outcome.etag, outcome.last_modified = response.etag, response.last_modified
    if response.not_modified:
        outcome.not_modified = True
        return outcome
    parsed = await asyncio.to_thread(parse_feed, response.body, response.url, response.content_type)
    if parsed.error:
        outcome.errors.append(parsed.error)
    if parsed.not_a_feed:
        outcome.fatal = True
        return outcome
    outcome.site_url = parsed.site_url
    pages: list[asyncio.Task[tuple[Entry, bool]]] = []
    for entry in parsed.entries:
        if entry.refused_link:
            outcome.errors.append(
                f"entry {entry.title or entry.guid!r}: refused link {entry.refused_link!r}"
                " (only http and https are fetched)"
            )
        teaser = wants_full_text(entry.text, feed.full_text, settings.teaser_words)
        if teaser and entry.link and entry.guid not in job.known:
            pages.append(
                asyncio.ensure_future(_full_text(client, gate, entry, settings, outcome, inbox))
            )
        else:
            # Known teasers with a page keep the full text stored before.
            outcome.entries.append((entry, teaser and entry.link is not None))
    for done in await asyncio.gather(*pages):
        outcome.entries.append(done)
    return outcome


async def _full_text(
    client: httpx.AsyncClient,
    gate: asyncio.Semaphore,
    entry: Entry,
    settings: FeedSettings,
    outcome: _Outcome,
    inbox: queue.Queue,
) -> tuple[Entry, bool]:
    """The entry with its page's text, or as it was (the failure recorded)."""
    assert entry.link is not None
    try:
        async with gate:
            response = await fetch(client, entry.link, settings, accept=PAGE_ACCEPT)
        kind = response.content_type.split(";")[0].strip().lower()
        if kind and "html" not in kind and "xml" not in kind:
            raise FetchError(f"not an HTML page ({kind})")
        found = await asyncio.to_thread(
            page_to_text, response.body, response.url, entry.title or None, entry.author
        )
        if not found.text:
            raise FetchError("no article text found")
    except FetchError as exc:
        outcome.errors.append(f"page {entry.link}: {exc}")
        return entry, True
    except Exception as exc:
        outcome.errors.append(f"page {entry.link}: {type(exc).__name__}: {exc}")
        return entry, True
    title, text = found.title, found.text
    outcome.pages += 1
    inbox.put(("page", None))
    if len(text) <= len(entry.text):
        return entry, False
    return _with_text(entry, text, title), False


def _with_text(entry: Entry, text: str, page_title: str) -> Entry:
    return replace(entry, text=text, title=entry.title or page_title)


# -- the storing half (caller's thread) --------------------------------------------


def _store(library: Library, outcome: _Outcome) -> FeedResult:
    feed = outcome.job.feed
    errors = list(outcome.errors)
    new_ids: list[int] = []
    changed: list[int] = []
    unchanged = 0
    articles: list[NewArticle] = []
    for entry, teaser in outcome.entries:
        if teaser and entry.guid in outcome.job.known:
            unchanged += 1  # keep the full text stored earlier
            continue
        article = _article(feed, entry)
        if article is not None:
            articles.append(article)
    try:
        stored = library.add_feed_articles(articles)
    except sqlite3.Error as exc:
        stored = [exc] * len(articles)
    for article, added in zip(articles, stored, strict=True):
        if isinstance(added, Exception):
            errors.append(f"entry {article.title!r} not stored: {added}")
            continue
        if added.status == "added":
            new_ids.append(added.article_id)
        elif added.status == "updated":
            changed.append(added.article_id)
        else:
            unchanged += 1
    message = _error_text(errors)
    try:
        library.update_fetch_state(
            feed.id,
            etag=outcome.etag,
            last_modified=outcome.last_modified,
            last_error=message,
            retry_after=outcome.retry_until,
            site_url=outcome.site_url,
            keep_validators=outcome.fatal or outcome.not_modified,
        )
    except sqlite3.Error as exc:
        errors.append(f"fetch state not saved: {exc}")
    status: FeedStatus = (
        "failed" if outcome.fatal else "not modified" if outcome.not_modified else "fetched"
    )
    return FeedResult(
        feed.id,
        feed.url,
        feed.title,
        status,
        new=len(new_ids),
        updated=len(changed),
        unchanged=unchanged,
        pages=outcome.pages,
        errors=tuple(errors),
        new_ids=tuple(new_ids),
        updated_ids=tuple(changed),
    )


def _article(feed: Feed, entry: Entry) -> NewArticle | None:
    title = one_line(entry.title)
    text = clean_body(entry.text, title, entry.author)
    if not text and not title:
        return None
    if not title:
        title = cut_title(text, 80)
    if not text:
        text = title
    return NewArticle(
        title=title,
        text=text,
        source_name=feed.title,
        source_kind="feed",
        url=entry.link,
        guid=entry.guid,
        author=entry.author,
        published=entry.published,
        topics=(*feed.topics, *entry.categories),
    )


def _error_text(errors: list[str]) -> str | None:
    if not errors:
        return None
    text = one_line(errors[0])
    if len(errors) > 1:
        text += f" (and {len(errors) - 1} more)"
    return text[:MAX_ERROR_CHARS]
