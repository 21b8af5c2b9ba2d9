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
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostilelib import (
    ESCAPES,
    HOSTILE,
    SENTENCE,
    UNSAFE,
    Handler,
    Row,
    Server,
    answer,
    environment,
    item,
    normal_feed,
    print_cases,
    reads,
    rss,
    run,
    xml_safe,
)
from hostilereader import run_concurrency

PUBLIC = "http://news.test"
METADATA = "http://169.254.169.254/latest/meta-data/"

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


def run_case(case: Case, root: Path, scale: float, shows: int = 20) -> Row:
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
        row.failed_reads, read_outputs, row.normal = reads(env, shows)
        outputs += read_outputs
        row.note = case.note(server)
    finally:
        server.stop()
    everything = "\n".join(outputs)
    row.tracebacks = everything.count("Traceback")
    row.unsafe = len(UNSAFE.findall(everything))
    return row


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
    parser.add_argument(
        "--shows", type=int, default=20, help="articles of each case read with `show` after it"
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
            rows.append(run_case(case, root, args.scale, args.shows))
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
