"""The network half of a refresh: feeds and their pages, fetched in an asyncio loop.

The loop runs in a thread of its own. For each feed it sends a conditional GET,
has the answer parsed and its new entries' articles made by a
:class:`~newsreader.ingest.worker.Worker` (a process beside this one),
plans its entries (:func:`newsreader.ingest.decide.plan_feed`), fetches the
pages the plan asks for (extracted by the worker too), and puts one
:class:`Fetched` on the inbox, which the storing thread reads. Messages are
typed dataclasses. The whole network half stops at the run's deadline (feeds
not done are reported so) and at once when the run is cancelled.
"""

from __future__ import annotations

import asyncio
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import httpx

from newsreader.config import FeedSettings
from newsreader.feeds.addresses import AddressPolicy
from newsreader.feeds.http import PAGE_ACCEPT, FetchError, RetryLater, fetch, make_client
from newsreader.ingest.cancel import Cancel
from newsreader.ingest.decide import FeedPlan, FeedRules, plan_feed, with_page_text
from newsreader.ingest.events import Timings
from newsreader.ingest.worker import Worker, extract_page, parse_document
from newsreader.limits import cut_text
from newsreader.models import NewArticle
from newsreader.store.feeds import Feed
from newsreader.store.ingest import StoredEntry

if TYPE_CHECKING:  # the parser and the text path load when a feed sends entries
    from newsreader.feeds.parse import Entry

#: Threads parsing feeds and extracting pages when the worker is no process: both
#: hold the GIL nearly all the time, so more threads would only contend with
#: each other and with storing.
PARSE_THREADS = 1


@dataclass(frozen=True)
class FeedJob:
    """A feed to fetch, with what the library holds of it."""

    feed: Feed
    stored: dict[str, StoredEntry]
    retired: frozenset[str]
    rules: FeedRules


@dataclass
class Fetched:
    """A feed's network half, handed to the storing thread."""

    job: FeedJob
    plan: FeedPlan | None = None
    #: The entries to store (with their pages' text), in document order.
    entries: list[Entry] = field(default_factory=list)
    #: The article of each of :attr:`entries` made by the worker (None: it makes none);
    #: entries missing here (those given their page's text) are made by the storing thread.
    articles: dict[int, NewArticle | None] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    #: What the parser found odd but harmless (recovered XML, refused links).
    notes: list[str] = field(default_factory=list)
    fatal: bool = False
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    retry_until: float | None = None
    site_url: str | None = None
    pages: int = 0


@dataclass(frozen=True)
class Begun:
    """A feed's request is about to be sent."""

    job: FeedJob


@dataclass(frozen=True)
class PageDone:
    """One article page fetched and extracted."""

    feed_id: int
    url: str


@dataclass(frozen=True)
class NetworkDone:
    """Every feed was handed over (or the loop stopped); nothing more comes."""

    #: Why the loop stopped early, if it did.
    error: str | None = None


@dataclass(frozen=True)
class Wake:
    """Not from the network: the storing thread may enrich again (what it waited for is done)."""


Message = Fetched | Begun | PageDone | NetworkDone | Wake


class Network:
    """The loop thread of one refresh; read its messages from :attr:`inbox`."""

    def __init__(
        self,
        jobs: list[FeedJob],
        settings: FeedSettings,
        cancel: Cancel,
        *,
        pages_per_run: int,
        deadline: float,
        timings: Timings | None = None,
        worker: Worker | None = None,
    ) -> None:
        self.jobs = jobs
        self.settings = settings
        self.cancel = cancel
        self.pages_left = pages_per_run
        self.deadline = deadline
        self.timings = timings or Timings()
        self.worker = worker or Worker(0)
        self.inbox: queue.Queue[Message] = queue.Queue()
        self._thread = threading.Thread(target=self._main, name="newsreader-fetch", daemon=True)

    def start(self) -> Network:
        """Begin fetching."""
        self._thread.start()
        return self

    def join(self, timeout: float | None = None) -> None:
        """Wait for the loop thread to end (if it was started)."""
        if self._thread.ident is not None:
            self._thread.join(timeout)

    def _main(self) -> None:
        error = None
        try:
            with self.timings.measure("network"):
                asyncio.run(self._run())
        except BaseException as exc:  # the loop itself failed: every feed not done fails
            error = f"{type(exc).__name__}: {exc}"
        self.inbox.put(NetworkDone(error))

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        loop.set_default_executor(
            ThreadPoolExecutor(PARSE_THREADS, thread_name_prefix="newsreader-parse")
        )
        main = asyncio.current_task()
        assert main is not None

        def stop() -> None:
            loop.call_soon_threadsafe(main.cancel)

        forget = self.cancel.on_cancel(stop)
        try:
            async with make_client(self.settings) as client:
                await self._all(client)
        except asyncio.CancelledError:
            if not self.cancel.cancelled:
                raise
        finally:
            forget()

    async def _all(self, client: httpx.AsyncClient) -> None:
        feeds_at_once = asyncio.Semaphore(self.settings.concurrency)
        # Requests wait here rather than in httpcore's pool, whose queue handling
        # grows with the number of waiting requests.
        gate = asyncio.Semaphore(self.settings.concurrency)
        done: set[int] = set()

        async def one(job: FeedJob) -> None:
            async with feeds_at_once:
                self.inbox.put(Begun(job))
                try:
                    fetched = await self._feed(client, gate, job)
                except Exception as exc:
                    fetched = Fetched(job, errors=[f"{type(exc).__name__}: {exc}"], fatal=True)
            done.add(job.feed.id)
            self.inbox.put(fetched)

        remaining = self.deadline - time.monotonic()
        try:
            await asyncio.wait_for(
                asyncio.gather(*(one(job) for job in self.jobs)), max(0.0, remaining)
            )
        except TimeoutError:
            for job in self.jobs:
                if job.feed.id not in done:
                    message = "not fetched: the refresh ran out of time (`[feeds] run_seconds`)"
                    self.inbox.put(Fetched(job, errors=[message], fatal=True))

    async def _feed(
        self, client: httpx.AsyncClient, gate: asyncio.Semaphore, job: FeedJob
    ) -> Fetched:
        feed = job.feed
        fetched = Fetched(job)
        # The feed's time in all, its pages included (its own request has request_seconds),
        # not counting the wait for its parse (behind other feeds, or the worker starting).
        feed_deadline = time.monotonic() + self.settings.feed_seconds
        # The feed's own kind of address decides which addresses its pages may be on.
        policy = await AddressPolicy.for_origin(feed.url, self.settings.allow_internal_addresses)
        try:
            async with gate:
                response = await fetch(
                    client,
                    feed.url,
                    self.settings,
                    etag=feed.etag,
                    last_modified=feed.last_modified,
                    policy=policy,
                )
        except RetryLater as exc:
            fetched.errors.append(str(exc))
            fetched.retry_until, fetched.fatal = exc.until, True
            return fetched
        except FetchError as exc:
            fetched.errors.append(str(exc))
            fetched.fatal = True
            return fetched
        fetched.etag, fetched.last_modified = response.etag, response.last_modified
        if response.not_modified:
            fetched.not_modified = True
            return fetched
        known = {guid: stored.entry_hash for guid, stored in job.stored.items()}
        parse_began = time.monotonic()
        document = await self.worker.run(
            parse_document,
            response.body,
            response.url,
            response.content_type,
            job.rules.max_text_chars,
            known,
            feed.title,
            feed.topics,
            job.rules.full_text != "always",
        )
        feed_deadline += time.monotonic() - parse_began
        elsewhere = not self.worker.in_process
        self.timings.add("parse", document.parse_seconds, elsewhere)
        self.timings.add("clean", document.clean_seconds, elsewhere)
        parsed = document.parsed
        fetched.notes.extend(parsed.warnings)
        if parsed.not_a_feed:
            fetched.errors.append(parsed.error or "not a feed")
            fetched.fatal = True
            return fetched
        # Planned here, between two awaits, so the run's page allowance is taken at once.
        allowed = min(job.rules.pages_allowed, self.pages_left)
        plan = plan_feed(
            parsed.entries, job.stored, job.retired, replace(job.rules, pages_allowed=allowed)
        )
        fetched.site_url, fetched.plan = parsed.site_url, plan
        wanted = plan.with_action("fetch page")
        self.pages_left -= len(wanted)
        pages = [
            asyncio.create_task(self._page(client, gate, entry, fetched, policy))
            for entry in wanted
        ]
        with_pages = await self._pages_until(pages, wanted, feed_deadline, fetched)
        made = {id(parsed.entries[index]): made for index, made in document.articles.items()}
        for entry in plan.with_action("store", "fetch page"):
            stored = with_pages.get(id(entry), entry)
            if stored is entry and id(entry) in made:
                fetched.articles[len(fetched.entries)] = made[id(entry)]
            fetched.entries.append(stored)
        return fetched

    async def _pages_until(
        self,
        pages: list[asyncio.Task[Entry]],
        wanted: list[Entry],
        deadline: float,
        fetched: Fetched,
    ) -> dict[int, Entry]:
        """The entries with their pages fetched by ``deadline``; the others as they were."""
        late: set[asyncio.Task[Entry]] = set()
        try:
            if pages:
                left = max(0.0, deadline - time.monotonic())
                _done, late = await asyncio.wait(pages, timeout=left)
        finally:  # also when the run itself is cancelled or out of time
            for page in pages:
                page.cancel()
        await asyncio.gather(*late, return_exceptions=True)  # their requests closed
        if late:
            fetched.errors.append(
                f"{len(late)} pages not fetched within the feed's {self.settings.feed_seconds:g} s"
                " (setting feeds.feed_seconds): their entries keep the teaser"
            )
        return {
            id(entry): entry if page in late else page.result()
            for entry, page in zip(wanted, pages, strict=True)
        }

    async def _page(
        self,
        client: httpx.AsyncClient,
        gate: asyncio.Semaphore,
        entry: Entry,
        fetched: Fetched,
        policy: AddressPolicy,
    ) -> Entry:
        """The entry with its page's text, or as it was (the failure recorded)."""
        assert entry.link is not None
        found = await page_or_error(
            client,
            gate,
            entry.link,
            self.settings,
            policy,
            title=entry.title,
            author=entry.author,
            max_chars=fetched.job.rules.max_text_chars,
            timings=self.timings,
            worker=self.worker,
        )
        if isinstance(found, str):
            fetched.errors.append(found)
            return entry
        fetched.pages += 1
        self.inbox.put(PageDone(fetched.job.feed.id, entry.link))
        return with_page_text(entry, *found)


async def page_or_error(
    client: httpx.AsyncClient,
    gate: asyncio.Semaphore,
    url: str,
    settings: FeedSettings,
    policy: AddressPolicy,
    *,
    title: str,
    author: str | None,
    max_chars: int,
    timings: Timings,
    worker: Worker | None = None,
) -> tuple[str, str] | str:
    """(title, text) of an article page, fetched and extracted; or the line saying why not.

    ``policy`` is the one of the feed the article came from; ``gate`` bounds the
    requests in flight; the text is cut at ``max_chars``; ``worker`` extracts it
    (a thread of this process when None).
    """
    try:
        async with gate:
            response = await fetch(client, url, settings, accept=PAGE_ACCEPT, policy=policy)
        kind = response.content_type.split(";")[0].strip().lower()
        if kind and "html" not in kind and "xml" not in kind:
            raise FetchError(f"not an HTML page ({kind})")
        work = (response.body, response.url, title or None, author)
        elsewhere = worker is not None and not worker.in_process
        if worker is None or not elsewhere:
            found, seconds = await asyncio.to_thread(extract_page, *work)
        else:
            found, seconds = await worker.run(extract_page, *work)
        timings.add("extract", seconds, elsewhere)
        if not found.text:
            raise FetchError("no article text found")
    except FetchError as exc:
        return f"page {url}: {exc}"
    except Exception as exc:
        return f"page {url}: {type(exc).__name__}: {exc}"
    return found.title, cut_text(found.text, max_chars)
