"""A client of the Google Reader API as FreshRSS and Miniflux serve it.

Every call is one bounded HTTP request; every failure becomes a
:class:`SyncError` whose message is one line for the user. The pitfalls of
the protocol, measured on a real FreshRSS, are handled here:

* ``stream/items/ids`` answers decimal ids, ``stream/items/contents`` the
  ``tag:google.com,2005:reader/item/<16 hex>`` form (:mod:`.ids` reads both);
* ``edit-tag`` applies only its last ``a=`` and last ``r=``: one tag per call;
* ``mark-all-as-read`` takes ``ts`` in microseconds;
* a failing ``quickadd`` answers 200 with ``numResults: 0``;
* the continuation token is opaque (an id on FreshRSS, an offset on Miniflux),
  so a listing stops when a page is empty or a token comes round again.

A 401 logs in again once (the password is asked for only then) and repeats
the call; the POST token is fetched on the first POST.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from newsreader import __version__
from newsreader.feeds.http import tls_context
from newsreader.sync.ids import item_to_decimal, parse_item_id

USER_AGENT = f"newsreader/{__version__} (terminal news reader; sync)"
READING_LIST = "user/-/state/com.google/reading-list"
STARRED = "user/-/state/com.google/starred"
READ = "user/-/state/com.google/read"
LABEL = "user/-/label/"
#: Ids asked for per page of a listing (FreshRSS gives them all; Miniflux and others cap).
PAGE_IDS = 10_000
#: Pages of one listing at most (ten million ids), against a server that never ends one.
MAX_PAGES = 10_000
#: The largest answer accepted, in bytes.
MAX_ANSWER = 64_000_000


class SyncError(Exception):
    """A sync call that failed; the message is one line for the user."""


class AuthError(SyncError):
    """The server refused the login, or no password could be had."""


@dataclass(frozen=True)
class Subscription:
    """A feed as ``subscription/list`` gives it."""

    stream: str
    url: str
    title: str
    site_url: str | None
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    """A whole answer of the server."""

    status_code: int
    content: bytes

    @property
    def text(self) -> str:
        """The body as text (UTF-8, bad bytes replaced)."""
        return self.content.decode("utf-8", "replace")


class GReaderClient:
    """One session with a Google Reader API server."""

    def __init__(
        self,
        url: str,
        username: str,
        password: Callable[[], str],
        *,
        auth: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        """``url`` is the API's root (FreshRSS: ``https://host/api/greader.php``).

        ``password`` is called only when a login is needed; ``auth`` is a login
        token kept from an earlier session, tried first.
        """
        self.base = url.rstrip("/")
        self.username = username
        self._password = password
        self.auth = auth
        self._token: str | None = None
        self._relogged = False
        #: Calls made to the server (logins included).
        self.calls = 0
        self.http = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": USER_AGENT},
            follow_redirects=True,
            max_redirects=3,
            verify=tls_context(),
        )

    def close(self) -> None:
        """Close the connections."""
        self.http.close()

    def __enter__(self) -> GReaderClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- session -----------------------------------------------------------

    def login(self) -> str:
        """Log in with the password; returns and keeps the ``Auth`` token."""
        password = self._password()
        answer = self._send(
            "POST",
            "/accounts/ClientLogin",
            data={"Email": self.username, "Passwd": password},
            signed=False,
        )
        if answer.status_code in (401, 403):
            raise AuthError(f"{self._host()}: the server refused the login of {self.username!r}")
        self._check(answer, "log in")
        for line in answer.text.splitlines():
            if line.startswith("Auth="):
                self.auth = line[len("Auth=") :].strip()
                self._token = None
                return self.auth
        raise SyncError(f"{self._host()}: the login answer has no Auth token")

    # -- reading -----------------------------------------------------------

    def subscriptions(self) -> list[Subscription]:
        """Every subscription of the account."""
        data = self._json("GET", "/reader/api/0/subscription/list", params={"output": "json"})
        found = data.get("subscriptions") if isinstance(data, dict) else None
        if not isinstance(found, list):
            raise SyncError(f"{self._host()}: the subscription list is not a list")
        subscriptions = []
        for entry in found:
            if not isinstance(entry, dict):
                continue
            stream, url = entry.get("id"), entry.get("url")
            if not isinstance(stream, str) or not isinstance(url, str) or not url:
                continue
            if not url.startswith(("http://", "https://")) and stream.startswith("feed/http"):
                url = stream[len("feed/") :]
            labels = tuple(
                str(c.get("label") or str(c.get("id", "")).removeprefix(LABEL))
                for c in entry.get("categories") or []
                if isinstance(c, dict) and (c.get("label") or c.get("id"))
            )
            title = entry.get("title")
            site = entry.get("htmlUrl")
            subscriptions.append(
                Subscription(
                    stream=stream,
                    url=url,
                    title=title if isinstance(title, str) and title.strip() else url,
                    site_url=site if isinstance(site, str) and site else None,
                    labels=tuple(label for label in labels if label.strip()),
                )
            )
        return subscriptions

    def item_ids(self, stream: str, *, exclude: str | None = None) -> list[int]:
        """Every item id of ``stream`` (less those in ``exclude``), newest first, all pages."""
        ids: list[int] = []
        seen_tokens: set[str] = set()
        token: str | None = None
        for _ in range(MAX_PAGES):
            params: dict[str, str | int] = {"s": stream, "n": PAGE_IDS, "output": "json"}
            if exclude:
                params["xt"] = exclude
            if token:
                params["c"] = token
            data = self._json("GET", "/reader/api/0/stream/items/ids", params=params)
            refs = data.get("itemRefs") if isinstance(data, dict) else None
            if refs is None:
                refs = []  # an empty stream may answer no itemRefs at all
            if not isinstance(refs, list):
                raise SyncError(f"{self._host()}: the id listing of {stream} is not a list")
            for ref in refs:
                value = ref.get("id") if isinstance(ref, dict) else None
                if value is None:
                    raise SyncError(f"{self._host()}: an id listing of {stream} has a bad entry")
                ids.append(parse_item_id(str(value), decimal=True))
            token = data.get("continuation") if isinstance(data, dict) else None
            if not refs or not token or str(token) in seen_tokens:
                return list(dict.fromkeys(ids))
            token = str(token)
            seen_tokens.add(token)
        raise SyncError(f"{self._host()}: the id listing of {stream} never ends")

    def contents(self, ids: Iterable[int]) -> list[dict[str, Any]]:
        """The items of these ids (those the server still has), as the server gives them."""
        chosen = [("i", item_to_decimal(item)) for item in ids]
        if not chosen:
            return []
        data = self._json("POST", "/reader/api/0/stream/items/contents", data=chosen)
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise SyncError(f"{self._host()}: the item contents are not a list")
        return [item for item in items if isinstance(item, dict)]

    # -- writing -----------------------------------------------------------

    def edit_tag(
        self, ids: Iterable[int], *, add: str | None = None, remove: str | None = None
    ) -> None:
        """Add or remove one tag (read, starred) on these items: one ``a=`` or ``r=`` only."""
        if (add is None) == (remove is None):
            raise ValueError("edit_tag takes exactly one of add and remove")
        form = [("i", item_to_decimal(item)) for item in ids]
        if not form:
            return
        form.append(("a", add) if add is not None else ("r", remove or ""))
        self._ok("POST", "/reader/api/0/edit-tag", form, "mark articles")

    def mark_all_as_read(self, stream: str, ts_usec: int) -> None:
        """Mark read what ``stream`` had up to ``ts_usec`` (microseconds)."""
        form = [("s", stream), ("ts", str(max(0, int(ts_usec))))]
        self._ok("POST", "/reader/api/0/mark-all-as-read", form, "mark a feed read")

    def quickadd(self, url: str) -> str | None:
        """Subscribe to ``url``; returns the new stream id, or None when the server could not."""
        data = self._json("POST", "/reader/api/0/subscription/quickadd", data={"quickadd": url})
        if not isinstance(data, dict) or not data.get("numResults"):
            return None
        stream = data.get("streamId")
        return stream if isinstance(stream, str) and stream else None

    def edit_subscription(
        self, stream: str, action: str, *, title: str | None = None, label: str | None = None
    ) -> bool:
        """``subscription/edit``: subscribe, unsubscribe or edit; False when the server said no."""
        form = [("ac", action), ("s", stream)]
        if title:
            form.append(("t", title))
        if label:
            form.append(("a", LABEL + label))
        answer = self._call("POST", "/reader/api/0/subscription/edit", data=form)
        if answer.status_code in (400, 404):
            return False
        self._check(answer, f"{action} {stream}")
        return True

    # -- plumbing ----------------------------------------------------------

    def _ok(self, method: str, path: str, form: list[tuple[str, str]], what: str) -> None:
        answer = self._call(method, path, data=form)
        self._check(answer, what)
        if answer.text.strip() != "OK":
            raise SyncError(f"{self._host()}: could not {what}: {_snippet(answer.text)}")

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        answer = self._call(method, path, **kwargs)
        self._check(answer, path.rsplit("/", 2)[-2] + "/" + path.rsplit("/", 1)[-1])
        try:
            return json.loads(answer.content)
        except ValueError:
            raise SyncError(
                f"{self._host()}: the answer to {path} was cut short or is not JSON"
            ) from None

    def _call(self, method: str, path: str, **kwargs: Any) -> Answer:
        """An authorised call; a 401 logs in again once and repeats it."""
        if self.auth is None:
            self.login()
        answer = self._send(method, path, **kwargs)
        if answer.status_code == 401 and not self._relogged:
            self._relogged = True
            self.login()
            answer = self._send(method, path, **kwargs)
        if answer.status_code == 401:
            raise AuthError(f"{self._host()}: the server refused the login (401)")
        return answer

    def _send(self, method: str, path: str, *, signed: bool = True, **kwargs: Any) -> Answer:
        headers = {}
        form = kwargs.pop("data", None)
        if isinstance(form, dict):
            form = list(form.items())
        if signed:
            headers["Authorization"] = f"GoogleLogin auth={self.auth}"
            if method == "POST":
                form = [*(form or []), ("T", self._post_token())]
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            kwargs["content"] = urlencode(form).encode("ascii")
        self.calls += 1
        try:
            with self.http.stream(method, self.base + path, headers=headers, **kwargs) as answer:
                body = bytearray()
                for chunk in answer.iter_bytes():
                    body += chunk
                    if len(body) > MAX_ANSWER:
                        raise SyncError(
                            f"{self._host()}: the answer to {path} is larger than"
                            f" {MAX_ANSWER:,} bytes"
                        )
                return Answer(answer.status_code, bytes(body))
        except httpx.TimeoutException:
            raise SyncError(f"{self._host()}: the server did not answer in time") from None
        except httpx.HTTPError as exc:
            raise SyncError(f"{self._host()}: {_reason(exc)}") from None

    def _post_token(self) -> str:
        if self._token is None:
            self.calls += 1
            try:
                answer = self.http.get(
                    self.base + "/reader/api/0/token",
                    headers={"Authorization": f"GoogleLogin auth={self.auth}"},
                )
            except httpx.TimeoutException:
                raise SyncError(f"{self._host()}: the server did not answer in time") from None
            except httpx.HTTPError as exc:
                raise SyncError(f"{self._host()}: {_reason(exc)}") from None
            if answer.status_code == 401:
                return ""  # the call itself answers 401, and the session is renewed
            self._check(answer, "get a token")
            self._token = answer.text.strip()
        return self._token

    def _check(self, answer: Answer | httpx.Response, what: str) -> None:
        if answer.status_code >= 400:
            raise SyncError(
                f"{self._host()}: could not {what}: HTTP {answer.status_code}"
                f" {_snippet(answer.text)}".rstrip()
            )

    def _host(self) -> str:
        return urlsplit(self.base).netloc or self.base


def _snippet(text: str, limit: int = 120) -> str:
    line = " ".join(text.split())
    return line[:limit]


def _reason(exc: Exception) -> str:
    if isinstance(exc, httpx.ConnectError):
        return "cannot connect to the server"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the server closed the connection in the middle of an answer"
    return f"{type(exc).__name__}: {exc}".strip()
