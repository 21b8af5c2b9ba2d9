"""A Google Reader API server on 127.0.0.1 that behaves as FreshRSS 1.25 does.

It reproduces the quirks measured on a real FreshRSS: ``items/ids`` answers
decimal ids and ``contents`` the long hex form; only the last ``a=`` and the
last ``r=`` of an ``edit-tag`` apply; ``kept-unread`` does nothing (unread is
``r=read``); listing ``state/com.google/read`` gives every id; ``mark-all-as-
read`` marks ids (microsecond times) up to ``ts``, so seconds do nothing and
nanoseconds mark everything; a failing ``quickadd`` answers 200 with
``numResults: 0``; unknown ids in ``edit-tag`` answer ``OK``; subscribing again
gives new feed and item ids; items carry no original guid; a continuation is
the last id sent (or, ``offset_continuation``, an offset as on Miniflux).

Tests make it fail on purpose: ``down`` (every connection closed unanswered),
``fail_after`` (answer that many calls, then close every connection),
``truncate`` (answer half of the page to paths ending so), ``expire_sessions``
(every login token refused with 401 until the next login).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import socket
import threading
from http.server import ThreadingHTTPServer

from greader_http import handler_for
from greader_model import (
    BASE,
    LABEL,
    LONG,
    READ,
    READING_LIST,
    STARRED,
    Call,
    Entry,
    ServerFeed,
    _content,
    _entry_id,
    _id,
)


class GReaderServer:
    """The server's state, its HTTP front and the failures tests ask of it."""

    def __init__(self, username: str = "reader", password: str = "secret-api-pass") -> None:
        self.username, self.password = username, password
        self.feeds: dict[int, ServerFeed] = {}
        self.entries: dict[int, Entry] = {}
        #: What ``quickadd`` can subscribe to: URL -> (title, [(title, link, content)]).
        self.fetchable: dict[str, tuple[str, list[tuple[str, str, str]]]] = {}
        self.sessions: set[str] = set()
        self.calls: list[Call] = []
        self.clock = 1_714_000_000_000_000  # ids are microsecond times, as on FreshRSS
        self.next_feed = 1
        self.max_page = 10_000  # ids a page at most; FreshRSS has no cap
        self.offset_continuation = False
        self.down = False
        self.fail_after: int | None = None
        self.truncate: str | None = None
        self.lock = threading.RLock()
        self._sockets: set[socket.socket] = set()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(self))
        self.httpd.daemon_threads = False  # server_close() waits for every handler
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # -- life ---------------------------------------------------------------

    @property
    def url(self) -> str:
        """The API root a client is given."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{BASE}"

    def start(self) -> GReaderServer:
        """Serve in a background thread."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close open connections and wait for every handler thread."""
        self.httpd.shutdown()
        with self.lock:
            for sock in list(self._sockets):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        self.httpd.server_close()
        self.thread.join()

    # -- state tests set up and change, as another client would ---------------

    def add_feed(
        self, url: str, title: str, articles: int = 0, label: str = "Uncategorized"
    ) -> ServerFeed:
        """A subscription with ``articles`` unread entries (also what quickadd finds)."""
        entries = [
            (f"{title} story {n}", f"{url}/story-{n}", _content(title, n)) for n in range(articles)
        ]
        self.fetchable[url] = (title, entries)
        return self._subscribe(url, label)

    def _subscribe(self, url: str, label: str = "Uncategorized") -> ServerFeed:
        with self.lock:
            title, entries = self.fetchable[url]
            feed = ServerFeed(self.next_feed, url, title, label)
            self.next_feed += 1
            self.feeds[feed.id] = feed
            for entry_title, link, content in entries:
                self.add_entry(feed.id, entry_title, link, content)
            return feed

    def add_entry(self, feed_id: int, title: str, link: str, content: str) -> Entry:
        """One new unread entry with the next id."""
        with self.lock:
            self.clock += 1000
            entry = Entry(self.clock, feed_id, title, link, content, self.clock // 1_000_000)
            self.entries[entry.id] = entry
            return entry

    def resubscribe(self, feed_id: int) -> ServerFeed:
        """Unsubscribe and subscribe again: a new feed id, new item ids, all unread."""
        with self.lock:
            url, label = self.feeds[feed_id].url, self.feeds[feed_id].label
            self._unsubscribe(feed_id)
            return self._subscribe(url, label)

    def _unsubscribe(self, feed_id: int) -> None:
        del self.feeds[feed_id]
        for entry_id in [e.id for e in self.entries.values() if e.feed_id == feed_id]:
            del self.entries[entry_id]

    def entries_of(self, feed_id: int) -> list[Entry]:
        """A feed's entries, oldest first."""
        with self.lock:
            return sorted((e for e in self.entries.values() if e.feed_id == feed_id), key=_id)

    def expire_sessions(self) -> None:
        """Refuse every login token given so far (the next login works)."""
        with self.lock:
            self.sessions.clear()

    def calls_to(self, suffix: str) -> list[Call]:
        """The calls whose path ends with ``suffix``."""
        with self.lock:
            return [c for c in self.calls if c.path.endswith(suffix)]

    # -- the API --------------------------------------------------------------

    def answer(self, method: str, path: str, form: list[tuple[str, str]], auth: str) -> tuple:
        """(status, content type, body) for one call."""
        with self.lock:
            self.calls.append(Call(method, path, form))
            if path == "/accounts/ClientLogin":
                return self._login(form)
            if auth not in self.sessions:
                return 401, "text/plain", "Unauthorized"
            values = dict(form)  # like PHP's $_POST: the last of a repeated key wins
            api = path.removeprefix("/reader/api/0/")
            writes = method == "POST" and api != "stream/items/contents"  # T on writes only
            if writes and values.get("T") != self._token():
                return 401, "text/plain", "Unauthorized"
            if api == "token":
                return 200, "text/plain", self._token() + "\n"
            if api == "subscription/list":
                return self._json({"subscriptions": [self._subscription(f) for f in self._feeds()]})
            if api == "stream/items/ids":
                return self._ids(values)
            if api == "stream/items/contents":
                return self._contents([v for k, v in form if k == "i"])
            if api == "edit-tag":
                return self._edit_tag([v for k, v in form if k == "i"], values)
            if api == "mark-all-as-read":
                return self._mark_all(values)
            if api == "subscription/quickadd":
                return self._quickadd(values.get("quickadd", ""))
            if api == "subscription/edit":
                return self._edit_subscription(values)
            return 400, "text/plain", "Bad Request"

    def _login(self, form: list[tuple[str, str]]) -> tuple:
        values = dict(form)
        if (values.get("Email"), values.get("Passwd")) != (self.username, self.password):
            return 401, "text/plain", "Unauthorized"
        auth = f"{self.username}/{secrets.token_hex(20)}"
        self.sessions.add(auth)
        return 200, "text/plain", f"SID={auth}\nLSID=null\nAuth={auth}\n"

    def _token(self) -> str:
        digest = hashlib.sha1(f"salt{self.username}{self.password}".encode()).hexdigest()
        return digest.ljust(57, "Z")

    def _feeds(self) -> list[ServerFeed]:
        return sorted(self.feeds.values(), key=lambda f: f.id)

    def _subscription(self, feed: ServerFeed) -> dict:
        return {
            "id": f"feed/{feed.id}",
            "title": feed.title,
            "categories": [{"id": LABEL + feed.label, "label": feed.label}],
            "url": feed.url,
            "htmlUrl": feed.url.rsplit("/", 1)[0],
            "iconUrl": "",
        }

    def _stream(self, stream: str) -> list[Entry]:
        entries = list(self.entries.values())
        if stream == STARRED:
            return [e for e in entries if e.starred]
        if stream.startswith("feed/"):
            return [e for e in entries if str(e.feed_id) == stream[5:]]
        if stream.startswith(LABEL):
            label = stream[len(LABEL) :]
            return [e for e in entries if self.feeds[e.feed_id].label == label]
        return entries  # the reading list, and any other stream (state/com.google/read too)

    def _ids(self, values: dict[str, str]) -> tuple:
        entries = self._stream(values.get("s", ""))
        exclude = values.get("xt", "")
        if exclude == READ:
            entries = [e for e in entries if not e.read]
        elif exclude == STARRED:
            entries = [e for e in entries if not e.starred]
        ids = sorted((e.id for e in entries), reverse=values.get("r", "d") != "o")
        count = min(int(values.get("n", "20") or 20), self.max_page)
        token = values.get("c", "")
        answer: dict = {}
        if self.offset_continuation:
            start = int(token) if token.isdigit() else 0
            page = ids[start : start + count]
            if len(page) == count:
                answer["continuation"] = str(start + count)
        else:
            if token.isdigit():  # FreshRSS: from the last id sent, which is dropped again
                ids = [i for i in ids if i <= int(token)][: count + 1][1:]
            page = ids[:count]
            if len(page) >= count and page:
                answer["continuation"] = str(page[-1])
        answer["itemRefs"] = [{"id": str(i)} for i in page]
        return self._json(answer)

    def _contents(self, raw_ids: list[str]) -> tuple:
        ids = {_entry_id(i) for i in raw_ids}
        found = sorted((self.entries[i] for i in ids if i in self.entries), key=_id, reverse=True)
        items = []
        for entry in found:
            feed = self.feeds[entry.feed_id]
            categories = [READING_LIST, LABEL + feed.label]
            if entry.read:
                categories.append(READ)
            if entry.starred:
                categories.append(STARRED)
            items.append(
                {
                    "id": LONG + format(entry.id, "016x"),
                    "crawlTimeMsec": str(entry.id // 1000),
                    "timestampUsec": str(entry.id),
                    "published": entry.published,
                    "title": entry.title,
                    "canonical": [{"href": entry.link}],
                    "alternate": [{"href": entry.link}],
                    "categories": categories,
                    "origin": {"streamId": f"feed/{feed.id}", "title": feed.title},
                    "summary": {"content": entry.content},
                }
            )
        return self._json({"id": READING_LIST, "updated": 0, "items": items})

    def _edit_tag(self, raw_ids: list[str], values: dict[str, str]) -> tuple:
        add, remove = values.get("a", ""), values.get("r", "")
        for entry_id in (_entry_id(i) for i in raw_ids):
            entry = self.entries.get(entry_id)
            if entry is None:
                continue  # unknown ids: still OK
            if add == READ:
                entry.read = True
            elif add == STARRED:
                entry.starred = True
            if remove == READ:
                entry.read = False
            elif remove == STARRED:
                entry.starred = False
        return 200, "text/plain", "OK"

    def _mark_all(self, values: dict[str, str]) -> tuple:
        stream, ts = values.get("s", ""), values.get("ts", "0")
        if not ts.isdigit():
            return 400, "text/plain", "Bad Request"
        if not (stream.startswith(("feed/", LABEL)) or stream == READING_LIST):
            return 400, "text/plain", "Bad Request"
        for entry in self._stream(stream):
            if entry.id <= int(ts):
                entry.read = True
        return 200, "text/plain", "OK"

    def _quickadd(self, url: str) -> tuple:
        url = url.removeprefix("feed/")
        if url not in self.fetchable or any(f.url == url for f in self.feeds.values()):
            return self._json({"numResults": 0, "error": f"cannot add {url}"})
        feed = self._subscribe(url)
        return self._json(
            {"numResults": 1, "query": url, "streamId": f"feed/{feed.id}", "streamName": feed.title}
        )

    def _edit_subscription(self, values: dict[str, str]) -> tuple:
        action, stream = values.get("ac", ""), values.get("s", "")
        feed_id = int(stream[5:]) if stream[5:].isdigit() else -1
        if action == "unsubscribe" and feed_id in self.feeds:
            self._unsubscribe(feed_id)
        elif action == "edit" and feed_id in self.feeds:
            if values.get("a", "").startswith(LABEL):
                self.feeds[feed_id].label = values["a"][len(LABEL) :]
            if values.get("t"):
                self.feeds[feed_id].title = values["t"]
        else:
            return 400, "text/plain", "Bad Request"
        return 200, "text/plain", "OK"

    def _json(self, data: dict) -> tuple:
        return 200, "application/json; charset=UTF-8", json.dumps(data)
