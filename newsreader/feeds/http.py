"""HTTP for feeds and article pages: one bounded, polite, size-capped GET.

* one :class:`httpx.AsyncClient` per run (:func:`make_client`): connect and
  read timeouts, proxies from the environment, an honest User-Agent;
* redirects followed by hand, at most ``max_redirects``, http and https only,
  a loop refused as soon as an address comes round again;
* the body streamed and counted *after* decompression: gzip and deflate are
  decoded here, incrementally, with ``max_length``, so a gzip bomb stops at the
  cap instead of filling memory;
* conditional GET (``If-None-Match`` / ``If-Modified-Since``) and the
  ``Retry-After`` of a 429 or 503 answer reported to the caller, clamped;
* a deadline for the whole request (``request_seconds``): a server that
  trickles a byte a second cannot hold a refresh;
* pages and redirect targets on internal addresses refused unless the feed
  is on such an address too (:mod:`newsreader.feeds.addresses`).
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import ssl
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from newsreader import __version__
from newsreader.config import FeedSettings
from newsreader.feeds.addresses import AddressPolicy

DEFAULT_MAX_RETRY_AFTER = FeedSettings().max_retry_after

#: Names the client and what it is, so a site's operator can tell. (No project
#: address yet: add one as ``+URL`` when the project has a public home.)
USER_AGENT = f"newsreader/{__version__} (terminal news reader; httpx)"
FEED_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9,"
    " application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
_CHUNK = 64 * 1024
#: A Content-Length with more digits than this is over any cap (and too long for int()).
_MAX_LENGTH_DIGITS = 15
_REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(Exception):
    """A fetch that gave nothing usable; the message is one line for the user."""


class RetryLater(FetchError):
    """The server asked us to come back later (429 or 503 with ``Retry-After``).

    ``until`` is the epoch time to wait for, ``delay`` the seconds from the
    answer to then, both clamped to the ``max_retry_after`` setting.
    """

    def __init__(self, message: str, until: float, delay: int) -> None:
        super().__init__(message)
        self.until = until
        self.delay = delay


@dataclass(frozen=True)
class Response:
    """A fetched document (or a 304 with an empty body)."""

    url: str
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str]

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional GET."""
        return self.status == 304

    @property
    def etag(self) -> str | None:
        """The validator to send as ``If-None-Match`` next time (None if unusable)."""
        return _validator(self.headers.get("etag"))

    @property
    def last_modified(self) -> str | None:
        """The validator to send as ``If-Modified-Since`` next time (None if unusable)."""
        return _validator(self.headers.get("last-modified"))


def _validator(value: str | None) -> str | None:
    """A header value safe to send back: short printable ASCII, else None."""
    if not value or len(value) > 512 or not value.isascii() or not value.isprintable():
        return None
    return value


def is_web_url(url: str) -> bool:
    """True for an absolute http or https URL with a host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The certificate store every client of the process verifies servers with.

    Loaded once: reading the CA bundle is most of the cost of making a client,
    and a refresh makes several (a sync, its pages, the feeds).
    """
    return httpx.create_ssl_context()


def make_client(settings: FeedSettings) -> httpx.AsyncClient:
    """The client of one run: timeouts, pool, proxies from the environment."""
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=None,
    )
    limits = httpx.Limits(
        max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency
    )
    return httpx.AsyncClient(
        timeout=timeout,
        limits=limits,
        follow_redirects=False,
        trust_env=True,
        verify=tls_context(),
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
    )


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    settings: FeedSettings,
    *,
    accept: str = FEED_ACCEPT,
    etag: str | None = None,
    last_modified: str | None = None,
    policy: AddressPolicy | None = None,
) -> Response:
    """GET ``url`` politely; raises :class:`FetchError` with a one-line reason.

    The whole request (connecting, every redirect and the body) must end
    within ``settings.request_seconds``, however slowly the server sends it.
    ``policy`` says which addresses the request and its redirects may reach
    (:mod:`newsreader.feeds.addresses`): give an article page the policy of
    its feed. Without one, ``url`` is its own origin: its redirects may not
    lead to an internal address of another kind.
    """
    if policy is None:
        policy = await AddressPolicy.for_origin(url, settings.allow_internal_addresses)
    try:
        async with asyncio.timeout(settings.request_seconds):
            return await _fetch(client, url, settings, accept, etag, last_modified, policy)
    except TimeoutError:
        raise FetchError(
            f"{_host(url)}: no whole answer within {settings.request_seconds:g} s"
            " (setting feeds.request_seconds)"
        ) from None


async def _fetch(
    client: httpx.AsyncClient,
    url: str,
    settings: FeedSettings,
    accept: str,
    etag: str | None,
    last_modified: str | None,
    policy: AddressPolicy,
) -> Response:
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    seen = {url}
    current = url
    for _hop in range(settings.max_redirects + 1):
        if not is_web_url(current):
            raise FetchError(f"refused to fetch {current!r}: only http and https are fetched")
        refused = await policy.refusal(current)
        if refused:
            raise FetchError(refused)
        try:
            async with client.stream("GET", current, headers=headers) as answer:
                stream = answer.extensions.get("network_stream")
                peer = stream.get_extra_info("server_addr") if stream is not None else None
                refused = policy.refusal_for_peer(current, peer)
                if refused:
                    raise FetchError(refused)
                if answer.status_code in _REDIRECTS and "location" in answer.headers:
                    target = urljoin(current, answer.headers["location"])
                    if target in seen:
                        raise FetchError(f"redirect loop at {current} (back to {target})")
                    seen.add(target)
                    current = target
                    continue
                return await _answer(answer, current, settings)
        except httpx.ConnectTimeout:
            raise FetchError(f"timed out connecting to {_host(current)}") from None
        except httpx.TimeoutException:
            raise FetchError(f"timed out waiting for {_host(current)}") from None
        except httpx.ConnectError as exc:
            raise FetchError(f"cannot connect to {_host(current)}: {_reason(exc)}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{_host(current)}: {type(exc).__name__}: {_reason(exc)}") from None
    raise FetchError(f"more than {settings.max_redirects} redirects from {url}")


async def _answer(answer: httpx.Response, url: str, settings: FeedSettings) -> Response:
    """The response to a request that was not redirected, or the error it amounts to."""
    if answer.status_code == 304:
        return Response(url, 304, b"", "", _headers(answer))
    if answer.status_code in (429, 503) and "retry-after" in answer.headers:
        now = time.time()
        until = retry_after_time(answer.headers["retry-after"], now, settings.max_retry_after)
        if until is not None:
            wait = max(0, round(until - now))
            raise RetryLater(
                f"HTTP {answer.status_code} {answer.reason_phrase}: "
                f"server asks to retry after {wait} s",
                until,
                wait,
            )
    if answer.status_code >= 400:
        raise FetchError(f"HTTP {answer.status_code} {answer.reason_phrase}")
    if answer.status_code >= 300:
        raise FetchError(f"HTTP {answer.status_code} without a usable Location")
    body = await _read_capped(answer, settings.max_bytes)
    return Response(
        url, answer.status_code, body, answer.headers.get("content-type", ""), _headers(answer)
    )


async def _read_capped(answer: httpx.Response, limit: int) -> bytes:
    """The decoded body, refused as soon as it grows past ``limit`` bytes."""
    length = answer.headers.get("content-length", "")
    encoding = answer.headers.get("content-encoding", "identity").strip().lower()
    if length.isascii() and length.isdigit() and encoding in ("", "identity"):
        if len(length) > _MAX_LENGTH_DIGITS:
            raise FetchError(
                f"declared body of {len(length)} digits is over the {limit:,}-byte cap"
            )
        if int(length) > limit:
            raise FetchError(f"body of {int(length):,} bytes is over the {limit:,}-byte cap")
    decoder = _Decoder(encoding, limit)
    parts: list[bytes] = []
    size = 0
    async for raw in answer.aiter_raw(_CHUNK):
        for piece in decoder.feed(raw):
            size += len(piece)
            if size > limit:
                raise FetchError(_over_cap(limit, encoding))
            parts.append(piece)
        await asyncio.sleep(0)
    for piece in decoder.flush():
        size += len(piece)
        if size > limit:
            raise FetchError(_over_cap(limit, encoding))
        parts.append(piece)
    return b"".join(parts)


def _over_cap(limit: int, encoding: str) -> str:
    if encoding in ("gzip", "x-gzip", "deflate"):
        return f"body decompresses past the {limit:,}-byte cap (refused: possible gzip bomb)"
    return f"body is over the {limit:,}-byte cap"


class _Decoder:
    """Incremental gzip/deflate decoding that never produces more than it is allowed."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.encoding = encoding
        self.produced = 0
        if encoding in ("", "identity"):
            self.inflater = None
        elif encoding in ("gzip", "x-gzip"):
            self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS)
            self.raw_deflate_tried = False
        else:
            raise FetchError(f"unsupported Content-Encoding {encoding!r}")

    def feed(self, data: bytes) -> list[bytes]:
        if self.inflater is None:
            return [data]
        out: list[bytes] = []
        try:
            while data:
                # Never inflate more than one byte past the cap, whatever the ratio.
                piece = self.inflater.decompress(data, self.limit + 1 - self.produced)
                self.produced += len(piece)
                out.append(piece)
                if self.produced > self.limit:
                    break
                data = self.inflater.unconsumed_tail
                if self.inflater.eof:
                    break
        except zlib.error as exc:
            if self.encoding == "deflate" and not self.raw_deflate_tried and not out:
                # Some servers send raw deflate without the zlib header.
                self.raw_deflate_tried = True
                self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                return self.feed(data)
            raise FetchError(f"corrupt {self.encoding} body: {exc}") from None
        return out

    def flush(self) -> list[bytes]:
        if self.inflater is None or self.produced > self.limit:
            return []
        return [self.inflater.flush(self.limit + 1 - self.produced)]


#: Digits past which a ``Retry-After`` number of seconds is longer than any maximum.
_MAX_DELAY_DIGITS = 12


def retry_after_time(
    value: str, now: float | None = None, maximum: float = DEFAULT_MAX_RETRY_AFTER
) -> float | None:
    """The epoch time a ``Retry-After`` value (seconds or an HTTP date) names.

    Never later than ``maximum`` seconds after ``now`` nor earlier than ``now``;
    None when the value is neither a number of seconds nor an HTTP date.
    """
    now = time.time() if now is None else now
    value = value.strip()
    if value.isascii() and value.isdigit():
        delay = maximum if len(value) > _MAX_DELAY_DIGITS else min(int(value), maximum)
        return now + delay
    try:
        moment = email.utils.parsedate_to_datetime(value)
        stamp = moment.timestamp()
    except (TypeError, ValueError, IndexError, OverflowError, OSError, AttributeError):
        return None
    return min(max(now, stamp), now + maximum)


def _headers(answer: httpx.Response) -> dict[str, str]:
    return {key.lower(): value for key, value in answer.headers.items()}


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc or url
    except ValueError:
        return url


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
