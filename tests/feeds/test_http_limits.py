"""A request has a deadline in all; pages and redirects reach no internal address of another kind.

The loopback test server stands for a feed on this machine (its pages may be
on 127.0.0.1 too). A feed on the internet is played by the same server used
as an HTTP proxy for ``http://news.test/``: the client sends it absolute
URLs, and cannot know (nor ask DNS) where news.test is, as through any proxy.
"""

from __future__ import annotations

import asyncio
import ipaddress
import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest
from click.testing import CliRunner
from feedtools import rss

from newsreader.cli.main import main
from newsreader.config import FeedSettings
from newsreader.feeds.addresses import AddressPolicy, address_kind
from newsreader.feeds.http import FetchError, fetch, make_client
from newsreader.models import ArticleQuery
from newsreader.store import Library

PUBLIC_FEED = "http://news.test/feed.xml"
METADATA = "http://169.254.169.254/latest/meta-data/"
TEASER = "A short teaser."


def get(url: str, settings: FeedSettings | None = None, origin: str | None = None):
    settings = settings or FeedSettings()

    async def run():
        policy = None
        if origin is not None:
            policy = await AddressPolicy.for_origin(origin, settings.allow_internal_addresses)
        async with make_client(settings) as client:
            return await fetch(client, url, settings, policy=policy)

    return asyncio.run(run())


@pytest.fixture
def through_proxy(feed_server, monkeypatch):
    """``http://news.test/...`` goes through the test server as a proxy; 127.0.0.1 direct."""
    monkeypatch.setenv("HTTP_PROXY", feed_server.url(""))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    return feed_server


def test_a_trickling_server_is_given_up_at_the_request_deadline(feed_server) -> None:
    stopped = threading.Event()

    def trickle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Content-Length", "400")
        request.end_headers()
        try:
            for _ in range(400):  # a byte every 50 ms: 20 s in all, never idle long
                request.wfile.write(b" ")
                request.wfile.flush()
                time.sleep(0.05)
        finally:
            stopped.set()

    url = feed_server.handle("/trickle", trickle)
    settings = FeedSettings(request_seconds=1.0, read_timeout=5.0)
    with pytest.raises(FetchError, match=r"no whole answer within 1 s \(setting feeds.request"):
        get(url, settings)
    assert stopped.wait(60)  # the client hung up: the server's writes failed


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("0.0.0.0", "loopback"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("100.64.0.1", "private"),
        ("fd00:ec2::254", "private"),
        ("93.184.216.34", "public"),
        ("2606:4700::1111", "public"),
    ],
)
def test_address_kinds(address: str, kind: str) -> None:
    assert address_kind(ipaddress.ip_address(address)) == kind


def test_a_loopback_feed_may_have_pages_on_loopback(feed_server) -> None:
    feed = feed_server.add("/feed.xml", "<rss/>")
    page = feed_server.add("/page.html", "<p>page</p>", content_type="text/html")
    assert get(page, origin=feed).body == b"<p>page</p>"
    local = page.replace("127.0.0.1", "localhost")
    assert get(local, origin=feed).body == b"<p>page</p>"


def test_a_loopback_feed_may_not_reach_the_metadata_address(feed_server) -> None:
    feed = feed_server.add("/feed.xml", "<rss/>")
    with pytest.raises(FetchError, match="169.254.169.254 is a link-local address"):
        get(METADATA, origin=feed)
    feed_server.add("/to-metadata", status=302, headers={"Location": METADATA})
    with pytest.raises(FetchError, match="169.254.169.254 is a link-local address"):
        get(feed_server.url("/to-metadata"))


def test_a_public_feed_may_not_reach_loopback_pages_or_redirect_there(through_proxy) -> None:
    server = through_proxy
    secret = server.add("/internal-secret", "the secret", content_type="text/plain")
    server.add(PUBLIC_FEED, "<rss/>")
    assert get(PUBLIC_FEED).body == b"<rss/>"  # the feed itself, through the proxy
    with pytest.raises(FetchError, match=r"127.0.0.1 is a loopback address and the feed is not"):
        get(secret, origin=PUBLIC_FEED)
    server.add("http://news.test/moved", status=302, headers={"Location": secret})
    with pytest.raises(FetchError, match="127.0.0.1 is a loopback address"):
        get("http://news.test/moved")
    server.add("http://news.test/meta", status=301, headers={"Location": METADATA})
    with pytest.raises(FetchError, match="169.254.169.254 is a link-local address"):
        get("http://news.test/meta")
    assert server.hits("/internal-secret") == []


def test_the_config_may_allow_internal_addresses(through_proxy) -> None:
    secret = through_proxy.add("/internal-secret", "the secret", content_type="text/plain")
    allowed = FeedSettings(allow_internal_addresses=True)
    assert get(secret, allowed, origin=PUBLIC_FEED).body == b"the secret"


def test_a_public_feed_s_teaser_never_stores_an_internal_page(through_proxy, isolated_home) -> None:
    server = through_proxy
    secret = server.add(
        "/internal-secret",
        "<html><body><article><p>" + "The internal secret. " * 80 + "</p></article></body></html>",
        content_type="text/html",
    )
    items = [
        {"title": "Teaser", "link": secret, "guid": "t1", "description": TEASER},
        {"title": "Metadata", "link": METADATA, "guid": "t2", "description": TEASER},
    ]
    server.add(PUBLIC_FEED, rss("News", items))
    result = CliRunner().invoke(main, ["add", PUBLIC_FEED], catch_exceptions=False)
    assert "is a loopback address and the feed is not" in result.output
    assert "is a link-local address and the feed is not" in result.output
    with Library(isolated_home / "library.sqlite") as library:
        texts = [library.get_article(r.id).text for r in library.list_articles(ArticleQuery())]
    assert sorted(texts) == [TEASER, TEASER]
    assert server.hits("/internal-secret") == []
