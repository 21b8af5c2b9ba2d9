"""Helpers of ``bench/hostile.py``: its HTTP server, running ``newsreader``, its table.

:class:`Server` serves the cases' feeds from 127.0.0.1 (and, as an HTTP proxy,
the feeds that stand for the internet); :func:`run` runs ``newsreader`` as a
real process and measures it; :func:`reads` runs the reading commands after a
case and :func:`print_cases` prints the table.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff\u2060]"
)
ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x1b]52;c;cHduZWQ=\x07"
HOSTILE = f"Evil {ESCAPES}\u009b31m\u009d0;t\u009c \u202eelif\u202c pay\u200bpal\u2066x\u2069"
SENTENCE = "The harbour master of the fictional port of Tarn counted the boats at dawn. "
GOAL_SECONDS, GOAL_MB = 60.0, 300.0

Handler = Callable[[BaseHTTPRequestHandler], None]


# -- the server ----------------------------------------------------------------------------


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up (what the cases are about) are no error worth a traceback."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class Server:
    """A threaded HTTP server on 127.0.0.1; routes by path, or by absolute URL as a proxy."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                with server.lock:
                    server.hits[path] = server.hits.get(path, 0) + 1
                route = server.routes.get(path)
                try:
                    if route is None:
                        answer(self, b"not found", 404, "text/plain")
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = _QuietServer(("127.0.0.1", 0), _Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def add(self, path: str, body: bytes | str, content_type: str = "application/rss+xml") -> str:
        """Serve a fixed body at ``path`` (a path here, or a news.test URL); its URL."""
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = lambda request: answer(request, data, 200, content_type)
        return path if path.startswith("http") else self.base + path

    def handle(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return path if path.startswith("http") else self.base + path

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def answer(
    request: BaseHTTPRequestHandler,
    body: bytes,
    status: int = 200,
    content_type: str = "application/rss+xml",
    headers: dict[str, str] | None = None,
) -> None:
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    for key, value in (headers or {}).items():
        request.send_header(key, value)
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


def rss(title: str, items: list[str], before: str = "") -> str:
    return (
        f"{before}<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0'><channel>"
        f"<title>{title}</title><link>http://127.0.0.1/</link>{''.join(items)}</channel></rss>"
    )


def item(guid: str, title: str, text: str, link: str = "", extra: str = "") -> str:
    link_element = f"<link>{link}</link>" if link else ""
    return (
        f"<item><title>{title}</title><guid isPermaLink='false'>{guid}</guid>{link_element}"
        f"<description>{text}</description>{extra}</item>"
    )


def xml_safe(text: str) -> str:
    """Text XML 1.0 can carry: C0 controls as character references feedparser reads."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda m: f"&#{ord(m.group())};", text)


# -- running -------------------------------------------------------------------------------


@dataclass
class Run:
    """One command's outcome."""

    status: int
    wall: float
    rss_mb: float
    output: str


@dataclass
class Row:
    """One case's line of the table."""

    name: str
    wall: float = 0.0
    rss_mb: float = 0.0
    status: int = 0
    expected: bool = True
    normal: bool = False
    tracebacks: int = 0
    unsafe: int = 0
    failed_reads: list[str] = field(default_factory=list)
    note: str = ""


def environment(home: Path, server: Server) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.lower().endswith("_proxy") and not key.startswith(("NEWSREADER_", "XDG_"))
    }
    env.update(
        NEWSREADER_HOME=str(home),
        NEWSREADER_CONFIG=str(home / "config.toml"),
        XDG_DATA_HOME=str(home / "xdg-data"),
        XDG_CONFIG_HOME=str(home / "xdg-config"),
        HTTP_PROXY=server.base,
        NO_PROXY="127.0.0.1,localhost",
    )
    return env


def run(args: list[str], env: dict[str, str], timeout: float = 900) -> Run:
    """Run newsreader; its status, wall time, peak RSS (wait4) and everything it wrote."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [NEWSREADER, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    collected: list[bytes] = []
    reader = threading.Thread(target=lambda: collected.append(process.stdout.read()))  # type: ignore[union-attr]
    reader.start()
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    _pid, status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    wall = time.perf_counter() - started
    reader.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    output = b"".join(collected).decode("utf-8", "replace")
    return Run(process.returncode, wall, usage.ru_maxrss / 1024, output)


def reads(env: dict[str, str], shows: int = 20) -> tuple[list[str], list[str], bool]:
    """Run the reading commands; (the ones that failed, their outputs, normal feed fetched)."""
    failed: list[str] = []
    outputs: list[str] = []

    def read(*args: str) -> Run:
        done = run(list(args), env)
        outputs.append(done.output)
        if done.status != 0:
            failed.append(" ".join(args))
        return done

    normal = False
    try:
        for feed in json.loads(read("feeds", "--json").output):
            if feed["url"].endswith("/normal.xml"):
                normal = feed["articles"] == 5 and not feed["last_error"]
    except (ValueError, KeyError):
        failed.append("feeds --json (not JSON)")
    for args in (["feeds"], ["list"], ["list", "--stories"], ["stats"], ["opml", "export"]):
        read(*args)
    listing = read("list", "--json", "--limit", "1000").output
    try:
        ids = [entry["id"] for entry in json.loads(listing)]
    except ValueError:
        ids = []
        failed.append("list --json (not JSON)")
    for article_id in ids[:shows]:
        read("show", str(article_id))
        read("show", str(article_id), "--json")
    named = run(["fetch", "1"], env)  # the normal feed, named: fetched whatever was deferred
    outputs.append(named.output)
    if named.status != 0:
        failed.append("fetch 1")
    return failed, outputs, normal


def print_cases(rows: list[Row]) -> bool:
    print(
        f"{'case':<16} {'wall s':>7} {'RSS MB':>7} {'exit':>4} {'normal':>6} "
        f"{'tb':>3} {'unsafe':>6}  notes"
    )
    for row in rows:
        notes = [row.note] if row.note else []
        if not row.expected:
            notes.append("unexpected exit")
        if row.failed_reads:
            notes.append("failed: " + ", ".join(row.failed_reads))
        print(
            f"{row.name:<16} {row.wall:>7.1f} {row.rss_mb:>7.0f} {row.status:>4} "
            f"{'yes' if row.normal else 'NO':>6} {row.tracebacks:>3} {row.unsafe:>6}  "
            + "; ".join(notes)
        )
    met = all(
        row.wall <= GOAL_SECONDS
        and row.rss_mb <= GOAL_MB
        and row.normal
        and not row.tracebacks
        and not row.unsafe
        and row.expected
        and not row.failed_reads
        for row in rows
    )
    worst_wall = max((row.wall for row in rows), default=0.0)
    worst_rss = max((row.rss_mb for row in rows), default=0.0)
    print(
        f"goals: every case <= {GOAL_SECONDS:.0f} s (worst {worst_wall:.1f})"
        f" and <= {GOAL_MB:.0f} MB (worst {worst_rss:.0f}), normal feed always fetched,"
        " 0 tracebacks, 0 unsafe characters:"
        f" {'met' if met else 'NOT met'}"
    )
    return met


def normal_feed(server: Server) -> str:
    items = [
        item(f"normal-{n}", f"Boats counted {n}", SENTENCE * 12 + f" Day {n}.") for n in range(5)
    ]
    return server.add("/normal.xml", rss("Normal Tarn News", items))
