"""One GET: conditional requests, timeouts, errors, redirects, caps, gzip bombs, Retry-After."""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import tracemalloc
import zlib
from http.server import BaseHTTPRequestHandler

import pytest

from newsreader.config import FeedSettings
from newsreader.feeds.http import (
    USER_AGENT,
    FetchError,
    RetryLater,
    fetch,
    make_client,
    retry_after_time,
)


def get(url: str, settings: FeedSettings | None = None, **kwargs: str):
    settings = settings or FeedSettings()

    async def run():
        async with make_client(settings) as client:
            return await fetch(client, url, settings, **kwargs)

    return asyncio.run(run())


def test_sends_an_honest_user_agent_and_returns_the_body(feed_server) -> None:
    url = feed_server.add("/feed.xml", "<rss/>", headers={"ETag": '"v1"'})
    response = get(url)
    assert response.body == b"<rss/>"
    assert response.etag == '"v1"'
    sent = feed_server.hits("/feed.xml")[0].headers
    assert sent["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("newsreader/")


def test_conditional_get_sends_validators_and_handles_304(feed_server) -> None:
    def handler(request: BaseHTTPRequestHandler) -> None:
        if request.headers.get("If-None-Match") == '"v1"':
            request.send_response(304)
            request.send_header("Content-Length", "0")
            request.end_headers()
            return
        body = b"<rss version='2.0'><channel><title>t</title></channel></rss>"
        request.send_response(200)
        request.send_header("ETag", '"v1"')
        request.send_header("Last-Modified", "Mon, 03 Apr 2023 01:02:03 GMT")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    url = feed_server.handle("/cond", handler)
    first = get(url)
    assert first.status == 200 and not first.not_modified
    second = get(url, etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.body == b""
    sent = feed_server.hits("/cond")[1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Mon, 03 Apr 2023 01:02:03 GMT"


def test_slow_answer_times_out(feed_server) -> None:
    release = threading.Event()

    def slow(request: BaseHTTPRequestHandler) -> None:
        release.wait(60)  # answers only when the test is over (or a minute later)
        request.send_response(200)
        request.send_header("Content-Length", "0")
        request.end_headers()

    url = feed_server.handle("/slow", slow)
    try:
        # Only the answer is slow: connecting gets all the time a loaded machine needs.
        with pytest.raises(FetchError, match="timed out waiting for"):
            get(url, FeedSettings(read_timeout=0.3, connect_timeout=30))
    finally:
        release.set()


@pytest.mark.parametrize("status", [404, 500])
def test_error_status_is_a_fetch_error(feed_server, status: int) -> None:
    url = feed_server.add("/e", "nope", status=status)
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        get(url)


def test_connection_refused_is_a_fetch_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="cannot connect"):
        get(f"http://127.0.0.1:{port}/feed")


def test_redirect_loop_is_refused(feed_server) -> None:
    feed_server.add("/a", status=302, headers={"Location": "/b"})
    feed_server.add("/b", status=301, headers={"Location": feed_server.url("/a")})
    with pytest.raises(FetchError, match="redirect loop"):
        get(feed_server.url("/a"))


def test_redirects_are_followed_up_to_the_limit(feed_server) -> None:
    for hop in range(7):
        feed_server.add(f"/r{hop}", status=307, headers={"Location": f"/r{hop + 1}"})
    feed_server.add("/r7", "<rss/>")
    assert get(feed_server.url("/r2")).body == b"<rss/>"  # 5 redirects: fine
    assert get(feed_server.url("/r2")).url == feed_server.url("/r7")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        get(feed_server.url("/r0"))  # 7 redirects


def test_redirect_to_another_scheme_is_refused(feed_server) -> None:
    feed_server.add("/to-file", status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="only http and https"):
        get(feed_server.url("/to-file"))


def test_declared_50_mb_body_is_refused_before_reading(feed_server) -> None:
    def huge(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Length", str(50_000_000))
        request.end_headers()
        chunk = b"x" * 65536
        for _ in range(50_000_000 // 65536):
            request.wfile.write(chunk)

    url = feed_server.handle("/huge", huge)
    with pytest.raises(FetchError, match="over the 10,000,000-byte cap"):
        get(url)


def test_streamed_50_mb_body_stops_at_the_cap(feed_server) -> None:
    sent = []
    stopped = threading.Event()

    def endless(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Connection", "close")
        request.end_headers()
        chunk = b"<item>" + b"y" * 65530
        try:
            for _ in range(50_000_000 // 65536):
                request.wfile.write(chunk)
                sent.append(len(chunk))
        finally:
            stopped.set()  # the client hung up (a broken pipe), or all was sent

    url = feed_server.handle("/endless", endless)
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="over the 1,000,000-byte cap"):
            get(url, FeedSettings(max_bytes=1_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000
    assert stopped.wait(60)
    assert sum(sent) < 50_000_000  # the client hung up long before the end


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """200 MB of zeros, gzip-compressed to about 200 KB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    parts = [packer.compress(zeros) for _ in range(200)]
    parts.append(packer.flush())
    return b"".join(parts)


def test_gzip_bomb_is_refused_without_inflating_it(feed_server, gzip_bomb: bytes) -> None:
    assert len(gzip_bomb) < 1_000_000
    url = feed_server.add("/bomb", gzip_bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="gzip bomb"):
            get(url, FeedSettings(max_bytes=2_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30_000_000


def test_gzip_body_under_the_cap_is_decoded(feed_server) -> None:
    body = b"<rss version='2.0'><channel><title>zipped</title></channel></rss>" * 100
    url = feed_server.add("/gz", gzip.compress(body), headers={"Content-Encoding": "gzip"})
    assert get(url).body == body
    assert "gzip" in feed_server.hits("/gz")[0].headers["accept-encoding"]


def test_retry_after_is_reported(feed_server) -> None:
    url = feed_server.add("/busy", "busy", status=503, headers={"Retry-After": "120"})
    with pytest.raises(RetryLater) as caught:
        get(url)
    assert caught.value.delay == 120
    assert "retry after 120 s" in str(caught.value)


def test_retry_after_accepts_http_dates() -> None:
    now = 1_700_000_000.0
    assert retry_after_time("30", now) == now + 30
    assert retry_after_time("Tue, 14 Nov 2023 22:15:00 GMT", now) == now + 100
    assert retry_after_time("soon", now) is None


def test_only_http_and_https_are_fetched() -> None:
    for url in ("file:///etc/passwd", "javascript:alert(1)", "data:text/plain,hi", "ftp://x/"):
        with pytest.raises(FetchError, match="only http and https"):
            get(url)


def test_unusable_validators_are_not_kept(feed_server) -> None:
    url = feed_server.add("/v.xml", "<rss/>", headers={"ETag": "x" * 600, "Last-Modified": "é"})
    response = get(url)
    assert response.etag is None and response.last_modified is None


def test_dns_failure_is_a_fetch_error(monkeypatch) -> None:
    real = socket.getaddrinfo

    def no_such_host(host, *args, **kwargs):
        if host == "feeds.example.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(FetchError, match="cannot connect to feeds.example.invalid"):
        get("http://feeds.example.invalid/rss")
