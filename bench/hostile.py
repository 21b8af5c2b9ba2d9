"""Hostile feeds and files through the real `newsreader`, and a reader kept open while others write.

Cases: each one subscribes a fresh library to one normal feed (five full
articles) and to the hostile feed of the case, all served from 127.0.0.1 by
this script, then runs ``newsreader fetch`` as a real process (or ``import``
for the file cases) and the reading commands after it. Printed per case: the
wall time and the peak RSS of the hostile command (``wait4``: the process and
the children it waited for), its exit status, whether the normal feed was
still fetched, the tracebacks and the terminal-unsafe characters (ESC, BEL,
C1, bidi and invisible ones) in everything any command wrote. Goals: every
case <= 60 s and <= 300 MB, the normal feed always fetched, 0 tracebacks,
0 unsafe characters.

The feeds that stand for the internet (``http://news.test/``) are served by
the same server acting as an HTTP proxy: through a proxy, newsreader cannot
see where they are, as with any feed on the internet, so their links to
127.0.0.1 or 169.254.169.254 must not be fetched.

``--concurrency-minutes`` (default 2): the reader runs in a real pty while
``newsreader fetch`` and ``newsreader import`` run in loops; the bench stars
one article after another in the reader. Printed: stars sent and stored,
files imported and stored, lock errors seen. Goal: every star and every file
stored, 0 lock errors.

Usage: ``python bench/hostile.py [--scale 1] [--cases a,b] [--concurrency-minutes 2]``
(``--scale 0.01`` makes every hostile body a hundredth the size; everything is
written under ``--out`` or a temporary folder).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff\u2060]"
)
ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x1b]52;c;cHduZWQ=\x07"
HOSTILE = f"Evil {ESCAPES}\u009b31m\u009d0;t\u009c \u202eelif\u202c pay\u200bpal\u2066x\u2069"
SENTENCE = "The harbour master of the fictional port of Tarn counted the boats at dawn. "
PUBLIC = "http://news.test"
METADATA = "http://169.254.169.254/latest/meta-data/"
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


# -- the cases -----------------------------------------------------------------------------


@dataclass
class Case:
    """A hostile shape: what to serve (or write), and what to run."""

    name: str
    setup: Callable[[Server, Path, float], list[str]]
    #: "fetch" (the hostile feed fetched) or "import" (the hostile files imported).
    kind: str = "fetch"
    #: Exit statuses of the hostile command that are right for the case.
    expected: tuple[int, ...] = (0, 1)
    note: Callable[[Server], str] = lambda server: ""
    #: Config file lines for the case's library.
    config: str = ""


def normal_feed(server: Server) -> str:
    items = [
        item(f"normal-{n}", f"Boats counted {n}", SENTENCE * 12 + f" Day {n}.") for n in range(5)
    ]
    return server.add("/normal.xml", rss("Normal Tarn News", items))


def retry_after(server: Server, _dir: Path, _scale: float) -> list[str]:
    def busy(request: BaseHTTPRequestHandler) -> None:
        answer(request, b"busy", 503, "text/plain", {"Retry-After": "300000000000"})

    return [server.handle("/busy.xml", busy)]


def dates(server: Server, _dir: Path, _scale: float) -> list[str]:
    hostile = [
        "9999-12-31T23:59:59-12:00",
        "0001-01-01T00:00:00+14:00",
        "99999-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z",
    ]
    items = [
        {
            "id": f"d{n}",
            "title": f"Dated {n}",
            "content_text": SENTENCE * 8 + str(n),
            "date_published": d,
        }
        for n, d in enumerate(hostile)
    ]
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Dates", "items": items}
    rss_items = [
        f"<item><title>RSS dated {n}</title><guid>r{n}</guid><pubDate>{d}</pubDate>"
        f"<description>{SENTENCE * 8} {n}</description></item>"
        for n, d in enumerate(["Sat, 01 Jan 99999 00:00:00 GMT", "-0001-01-01T00:00:00Z"])
    ]
    return [
        server.add("/dates.json", json.dumps(feed), "application/feed+json"),
        server.add("/dates.xml", rss("RSS dates", rss_items)),
    ]


def title_9mb(server: Server, _dir: Path, scale: float) -> list[str]:
    title = "Boats " * int(1_500_000 * scale)
    return [server.add("/title.xml", rss("Titles", [item("t1", title, SENTENCE * 10)]))]


def text_9mb(server: Server, _dir: Path, scale: float) -> list[str]:
    text = SENTENCE * int(120_000 * scale)
    return [server.add("/text.xml", rss("Texts", [item("x1", "A long text", text)]))]


def entities(server: Server, _dir: Path, scale: float) -> list[str]:
    text = "&x;" * int(3_200_000 * scale)
    return [server.add("/entities.xml", rss("Entities", [item("e1", "References", text)]))]


def escapes(server: Server, _dir: Path, _scale: float) -> list[str]:
    items = [
        item(
            f"{xml_safe(HOSTILE)}-{n}",
            xml_safe(HOSTILE),
            xml_safe(f"{SENTENCE * 10} {HOSTILE}"),
            link=f"{server.base}/page?{n}\u200b",
            extra=f"<author>{xml_safe(HOSTILE)}</author><category>{xml_safe(HOSTILE)}</category>",
        )
        for n in range(3)
    ]

    def reason(request: BaseHTTPRequestHandler) -> None:
        request.send_response(500, f"Broken {ESCAPES}")
        request.send_header("Content-Length", "0")
        request.end_headers()

    return [
        server.add("/escapes.xml", rss(xml_safe(HOSTILE), items)),
        server.handle("/reason.xml", reason),
    ]


def trickle(server: Server, _dir: Path, _scale: float) -> list[str]:
    def slow(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Content-Length", "100000")
        request.end_headers()
        for _ in range(600):  # a byte a second, for ten minutes if the client waits
            request.wfile.write(b" ")
            request.wfile.flush()
            time.sleep(1.0)

    return [server.handle("/trickle.xml", slow)]


def many_guids(server: Server, _dir: Path, scale: float) -> list[str]:
    count = max(10, int(100_000 * scale))
    page = f"<html><body><article><p>{SENTENCE * 8}</p></article></body></html>".encode()
    server.routes.update(
        {f"/p/{n}": (lambda request: answer(request, page, 200, "text/html")) for n in range(count)}
    )
    items = [
        f"<item><title>{n}</title><guid>{server.base}/p/{n}</guid></item>" for n in range(count)
    ]
    return [server.add("/guids.xml", rss("Guids", items))]


def internal_links(server: Server, _dir: Path, _scale: float) -> list[str]:
    secret = server.add(
        "/internal-secret",
        f"<html><body><article><p>{'The internal secret. ' * 60}</p></article></body></html>",
        "text/html",
    )

    def redirect(request: BaseHTTPRequestHandler) -> None:
        answer(request, b"", 302, "text/plain", {"Location": secret})

    server.handle(f"{PUBLIC}/moved", redirect)
    items = [
        item("i1", "Secret page", "A teaser.", link=secret),
        item("i2", "Local page", "A teaser.", link=secret.replace("127.0.0.1", "localhost")),
        item("i3", "Metadata", "A teaser.", link=METADATA),
        item("i4", "Moved", "A teaser.", link=f"{PUBLIC}/moved"),
    ]
    return [server.add(f"{PUBLIC}/feed.xml", rss("News on the internet", items))]


def internal_note(server: Server) -> str:
    return f"internal page asked {server.hits.get('/internal-secret', 0)} times"


def gzip_bomb(server: Server, _dir: Path, scale: float) -> list[str]:
    bomb = gzip.compress(bytes(int(200_000_000 * scale)), 9)

    def send(request: BaseHTTPRequestHandler) -> None:
        answer(request, bomb, 200, "application/rss+xml", {"Content-Encoding": "gzip"})

    return [server.handle("/bomb.xml", send)]


def deep_json(server: Server, _dir: Path, scale: float) -> list[str]:
    depth = max(1000, int(100_000 * scale))
    body = (
        '{"version": "https://jsonfeed.org/version/1.1", "items": '
        + "[" * depth
        + "]" * depth
        + "}"
    )
    return [server.add("/deep.json", body, "application/feed+json")]


def laughs(server: Server, _dir: Path, _scale: float) -> list[str]:
    entities_ = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9)
    )
    body = (
        f"<!-- <a --><!DOCTYPE rss [{entities_}]><rss version='2.0'><channel><title>Laughs</title>"
        "<item><title>Joke &j;</title><guid>j</guid><description>Ha &j;</description></item>"
        "</channel></rss>"
    )
    return [server.add("/laughs.xml", body)]


def warnings(server: Server, _dir: Path, _scale: float) -> list[str]:
    items = [
        f"<item><title>Boat {n}</title><guid>urn:uuid:60a76c80-d399-11d9-b93c-00039{n:07d}</guid>"
        f"<description>{SENTENCE * 10}&nbsp;{n}</description></item>"
        for n in range(3)
    ]
    return [server.add("/warnings.xml", rss("Harmless oddities", items, before="\n  \n"))]


def endless(server: Server, _dir: Path, _scale: float) -> list[str]:
    def send(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Connection", "close")
        request.end_headers()
        chunk = b"<item>" + b"y" * 65530
        while True:
            request.wfile.write(chunk)

    return [server.handle("/endless.xml", send)]


def redirects(server: Server, _dir: Path, _scale: float) -> list[str]:
    def hop(target: str) -> Handler:
        return lambda request: answer(request, b"", 302, "text/plain", {"Location": target})

    server.handle("/loop-a", hop("/loop-b"))
    server.handle("/loop-b", hop("/loop-a"))
    for n in range(12):
        server.handle(f"/chain/{n}", hop(f"/chain/{n + 1}"))
    return [server.base + "/loop-a", server.base + "/chain/0"]


def one_line_file(_server: Server, folder: Path, scale: float) -> list[str]:
    path = folder / "files" / "one-line.txt"
    path.parent.mkdir()
    path.write_text("rope and cable " * int(300_000 * scale))  # 4.5 MB, one line
    return [str(path)]


def hostile_files(_server: Server, folder: Path, scale: float) -> list[str]:
    files = folder / "files"
    files.mkdir()
    (files / "broken.txt").symlink_to(f"{ESCAPES}/x")
    (files / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(files / "pipe.txt")
    (files / f"name {HOSTILE}.md").write_text(f"# {HOSTILE}\n\n{SENTENCE * 10}")
    depth = max(1000, int(100_000 * scale))
    lines = [json.dumps({"title": "Fine", "text": SENTENCE * 10}), "[" * depth + "]" * depth]
    lines.append(
        json.dumps({"title": "Far", "text": SENTENCE * 9, "published": "0001-01-01T00:00:00+14:00"})
    )
    (files / "records.jsonl").write_text("\n".join(lines))
    return [str(files)]


CASES = [
    Case("retry-after", retry_after),
    Case("dates", dates),
    Case("title-9mb", title_9mb),
    Case("text-9mb", text_9mb),
    Case("entities-3m", entities),
    Case("escapes", escapes),
    Case("trickle", trickle),
    Case("many-guids", many_guids),
    Case("internal-links", internal_links, note=internal_note),
    Case("gzip-bomb", gzip_bomb),
    Case("deep-json", deep_json),
    Case("laughs", laughs),
    Case("warnings", warnings, expected=(0,)),
    Case("endless", endless),
    Case("redirects", redirects),
    Case("import-one-line", one_line_file, kind="import", expected=(0,)),
    Case("import-hostile", hostile_files, kind="import", expected=(1,)),
]


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


def run_case(case: Case, root: Path, scale: float) -> Row:
    server = Server()
    folder = root / case.name
    home = folder / "home"
    home.mkdir(parents=True)
    (home / "config.toml").write_text(case.config)
    env = environment(home, server)
    row = Row(case.name)
    outputs: list[str] = []
    try:
        hostile = case.setup(server, folder, scale)
        feeds = [normal_feed(server)] + (hostile if case.kind == "fetch" else [])
        outline = "".join(
            f'<outline text="feed {n}" xmlUrl="{url}"/>' for n, url in enumerate(feeds)
        )
        (folder / "feeds.opml").write_text(f'<opml version="2.0"><body>{outline}</body></opml>')
        outputs.append(run(["opml", "import", str(folder / "feeds.opml")], env).output)
        if case.kind == "import":
            hostile_run = run(["import", *hostile], env)
            outputs.append(run(["fetch"], env).output)
        else:
            hostile_run = run(["fetch"], env)
        row.wall, row.rss_mb, row.status = hostile_run.wall, hostile_run.rss_mb, hostile_run.status
        row.expected = hostile_run.status in case.expected
        outputs.append(hostile_run.output)
        row.failed_reads, read_outputs, row.normal = reads(env)
        outputs += read_outputs
        row.note = case.note(server)
    finally:
        server.stop()
    everything = "\n".join(outputs)
    row.tracebacks = everything.count("Traceback")
    row.unsafe = len(UNSAFE.findall(everything))
    return row


def reads(env: dict[str, str]) -> tuple[list[str], list[str], bool]:
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
    for article_id in ids[:20]:
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


# -- the reader open while others write -----------------------------------------------------


def write_files(folder: Path, count: int, label: str, seed: int) -> list[str]:
    """``count`` text files of distinct articles; their titles."""
    import random

    rng = random.Random(seed)
    words = ["harbour", "boat", "tide", "net", "quay", "storm", "gull", "rope", "sail", "keel"]
    folder.mkdir(parents=True)
    titles = []
    for n in range(count):
        title = f"{label} story {n}"
        body = " ".join(rng.choice(words) for _ in range(300))
        (folder / f"{n:04d}.txt").write_text(f"{title}\n\n{body.capitalize()}. {label} {n}.\n")
        titles.append(title)
    return titles


@dataclass
class Loops:
    """What the fetch and import loops did."""

    fetches: int = 0
    files_sent: list[str] = field(default_factory=list)
    lock_errors: list[str] = field(default_factory=list)
    other_errors: list[str] = field(default_factory=list)


def _lock_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "locked" in line or "busy" in line]


def run_concurrency(root: Path, minutes: float, seed_articles: int = 400) -> bool:
    """The reader in a pty, starring, while fetch and import loop; prints what was stored."""
    from ptyterm import PtyProgram

    from newsreader.models import ArticleQuery
    from newsreader.store import Library

    server = Server()
    home = root / "home"
    home.mkdir(parents=True)
    env = environment(home, server)
    seeded = write_files(root / "seed", seed_articles, "Seed", 1)
    run(["import", str(root / "seed")], env)
    served = iter(range(1_000_000))

    def live(request: BaseHTTPRequestHandler) -> None:
        n = next(served)
        items = [
            item(f"live-{n}-{k}", f"Live {n}.{k}", SENTENCE * 12 + f" Report {n}.{k}.")
            for k in range(10)
        ]
        answer(request, rss("Live Tarn", items).encode())

    outline = "".join(
        f'<outline text="live {k}" xmlUrl="{server.handle(f"/live{k}.xml", live)}"/>'
        for k in range(3)
    )
    (root / "live.opml").write_text(f'<opml version="2.0"><body>{outline}</body></opml>')
    run(["opml", "import", str(root / "live.opml")], env)
    loops = Loops()
    deadline = time.monotonic() + minutes * 60

    def fetching() -> None:
        while time.monotonic() < deadline:
            done = run(["fetch"], env)
            loops.fetches += 1
            loops.lock_errors += _lock_lines(done.output)

    def importing() -> None:
        batch = 0
        while time.monotonic() < deadline:
            folder = root / f"batch-{batch}"
            titles = write_files(folder, 5, f"Batch {batch}", 100 + batch)
            done = run(["import", str(folder)], env)
            loops.files_sent += titles
            loops.lock_errors += _lock_lines(done.output)
            if done.status != 0:
                loops.other_errors.append(done.output.strip().splitlines()[-1])
            batch += 1

    program = PtyProgram([NEWSREADER], env, 120, 40)
    stars, screen_errors = 0, 0
    try:
        program.wait_for(lambda screen: "Seed story" in screen, 120)
        program.settle(0.5, 1.0)
        workers = [threading.Thread(target=fetching), threading.Thread(target=importing)]
        for worker in workers:
            worker.start()
        while time.monotonic() < deadline:
            program.key(b"s", 0.3, 2.0)
            stars += 1
            program.key(b"j", 0.3, 2.0)
            screen = program.text()
            screen_errors += screen.count("locked") + screen.count("busy")
        for worker in workers:
            worker.join()
        program.settle(2.0, 2.0)  # the last star's save
        program.quit(b"q", 120)
    finally:
        program.close()
        server.stop()
    with Library(home / "library.sqlite") as library:
        starred = library.count_articles(ArticleQuery(starred=True))
        stored = {row.title for row in library.list_articles(ArticleQuery(), limit=1_000_000)}
    files_stored = sum(title in stored for title in loops.files_sent)
    print(
        f"reader open for {minutes:g} min while fetch ({loops.fetches} runs) and import looped"
        f" (seed library: {len(seeded)} articles)"
    )
    print(f"{'stars sent':<22} {stars:>6}")
    print(f"{'stars stored':<22} {starred:>6}")
    print(f"{'files imported':<22} {len(loops.files_sent):>6}")
    print(f"{'files stored':<22} {files_stored:>6}")
    print(f"{'lock errors':<22} {len(loops.lock_errors) + screen_errors:>6}")
    for line in (loops.lock_errors + loops.other_errors)[:5]:
        print(f"  {UNSAFE.sub('?', line)[:160]}")
    met = (
        starred == stars
        and files_stored == len(loops.files_sent)
        and not loops.lock_errors
        and not screen_errors
    )
    print(f"goals: every star and every file stored, 0 lock errors: {'met' if met else 'NOT met'}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size of the hostile bodies")
    parser.add_argument("--cases", default="", help="comma-separated case names (default: all)")
    parser.add_argument(
        "--concurrency-minutes",
        type=float,
        default=2.0,
        help="minutes of the reader + fetch + import run (0: skip it)",
    )
    parser.add_argument(
        "--seed-articles",
        type=int,
        default=400,
        help="articles in the library the reader opens (more than stars can be sent)",
    )
    parser.add_argument("--out", type=Path, help="folder for the libraries (default: temporary)")
    args = parser.parse_args()
    wanted = [name for name in args.cases.split(",") if name]
    unknown = set(wanted) - {case.name for case in CASES}
    if unknown:
        parser.error(f"unknown cases: {', '.join(sorted(unknown))}")
    cases = [case for case in CASES if not wanted or case.name in wanted]
    root = Path(args.out or tempfile.mkdtemp(prefix="bench-hostile-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        rows: list[Row] = []
        for case in cases:
            rows.append(run_case(case, root, args.scale))
            print(f"  ... {case.name}: {rows[-1].wall:.1f} s", file=sys.stderr, flush=True)
        print(f"hostile cases (scale {args.scale:g}, one run each, `newsreader fetch`/`import`)")
        print_cases(rows)
        if args.concurrency_minutes > 0:
            run_concurrency(root / "concurrency", args.concurrency_minutes, args.seed_articles)
    finally:
        if args.out is None:
            shutil.rmtree(root, ignore_errors=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
