"""Benchmark a refresh: 200 feeds of 50 news-like entries from 127.0.0.1, beside newsboat.

The feeds are static files (RSS 2.0, ~300-word reports of fictional events told
by several outlets: see ``bench/prose.py``) served by nginx from a temporary
folder when nginx is installed (it answers conditional GETs with 304, as a
real site's server does), else by a Python server in another process that
does the same. Each of our runs is a fresh process (timed from its start,
its peak RSS read when it ends) refreshing a library prepared beforehand:

* cold: every entry is new: fetched, parsed, stored, enriched (summary,
  topics, story), stories summarised;
* warm: the same again, every feed answers 304;
* 10% new: a tenth of the feeds gained five entries (and dropped their five
  oldest);
* teaser-only (our row alone): every entry is a one-sentence teaser whose
  page is fetched and its text extracted with trafilatura;
* cold, no enrichment: stored only (``fetch --no-enrich``), once;
* with ``--second-process``: cold again, the enrichment in a second process
  (``fetch --no-enrich`` beside a process enriching what it stores, batch by
  batch, then the stories): whether a second process pays on this machine's
  cores, against the cold run with enrichment in the fetching process; and
  cold once more with the feeds parsed in the fetching process
  (``[library] worker_processes = 0``): whether the worker process pays.

Where ``newsboat`` is installed, its ``newsboat -x reload`` of the same feeds
(its own urls file, cache and config in the temporary folder, the same number
of connections) runs interleaved with ours, cold, warm and 10% new, and the
ratio is printed, of wall time and of CPU time (user + system, which a loaded
machine moves less). Medians of ``--repeat`` runs; the CPU seconds by stage
(threads added up) are printed for our cold, warm and 10% new runs, and for the
last cold run the same split by process (the fetching process and its worker
process, stages marked ``(worker)``), with the wall seconds the fetching process
waited for the worker. Goals:
cold <= 30 s, warm <= 2 s, 10% new <= newsboat's time, peak RSS <= 200 MB;
the stretch goal is cold within 2x of newsboat.

    python bench/fetch.py [--feeds 200] [--entries 50] [--repeat 3] [--teaser-feeds N]
                          [--server auto|nginx|python] [--no-newsboat] [--second-process]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import prose
from stages import by_process as stages_by_process

NEW_SHARE, NEW_ENTRIES = 0.1, 5
#: Our runs: plain output.
CLI_ENV = {**os.environ, "NO_COLOR": "1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def entry_xml(base: str, shape: str, f: int, e: int, report: tuple, when: datetime) -> str:
    headline, paragraphs, _event = report
    link = f"{base}/{shape}/page/{f}/{e}.html"
    if shape == "teaser":
        description = escape(paragraphs[0].split(". ")[0] + ".")
    else:
        description = escape("".join(f"<p>{escape(p)}</p>" for p in paragraphs))
    return (
        f"<item><title>{escape(headline)}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate>"
        f"<description>{description}</description></item>"
    )


def page_html(report: tuple) -> str:
    headline, paragraphs, _event = report
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{escape(headline)} | The Courier</title></head>"
        "<body><header><nav><a href='/'>Home</a> <a href='/news'>News</a>"
        " <a href='/sport'>Sport</a></nav></header><main><article>"
        f"<h1>{escape(headline)}</h1><p class='byline'>By Staff Reporter</p>{body}"
        "</article><aside><h2>Most read</h2><ul><li><a href='/a'>Another story</a></li></ul>"
        "</aside></main><footer>The Courier. Cookie settings. Contact us.</footer></body></html>"
    )


class Site:
    """The feed files in a folder: ``{shape}/feed/N.xml`` and teaser pages."""

    def __init__(self, root: Path, base: str, feeds: int, entries: int) -> None:
        self.root, self.base, self.feeds, self.entries = root, base, feeds, entries
        self.now = datetime.now(UTC).replace(microsecond=0)
        total = feeds * (entries + NEW_ENTRIES)
        self.reports = prose.reports(total)

    def report(self, f: int, e: int) -> tuple:
        return self.reports[f * (self.entries + NEW_ENTRIES) + e]

    def when(self, f: int, e: int) -> datetime:
        """A feed's newest first, one every six hours: 50 entries span twelve days."""
        return self.now - timedelta(hours=6 * e, minutes=f % 360)

    def write_feed(self, shape: str, f: int, new: int = 0) -> None:
        """Feed ``f`` with ``new`` entries newer than the first write (its oldest dropped)."""
        items = []
        for e in range(-new, self.entries - new):
            report = self.report(f, e + NEW_ENTRIES)
            items.append(entry_xml(self.base, shape, f, e + NEW_ENTRIES, report, self.when(f, e)))
            if shape == "teaser":
                page = self.root / shape / "page" / str(f) / f"{e + NEW_ENTRIES}.html"
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(page_html(report), encoding="utf-8")
        document = (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Courier {f}</title><link>{self.base}/</link>{''.join(items)}"
            "</channel></rss>"
        )
        path = self.root / shape / "feed" / f"{f}.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document, encoding="utf-8")
        stamp = time.time() + new  # a new Last-Modified and ETag each rewrite
        os.utime(path, (stamp, stamp))

    def url(self, shape: str, f: int) -> str:
        return f"{self.base}/{shape}/feed/{f}.xml"


# -- servers ---------------------------------------------------------------------------


def start_nginx(root: Path, port: int, work: Path) -> subprocess.Popen:
    conf = work / "nginx.conf"
    conf.write_text(
        f"daemon off; worker_processes 1; pid {work}/nginx.pid; error_log {work}/error.log;\n"
        "user root;\n"
        "events { worker_connections 512; }\n"
        "http { access_log off; keepalive_requests 100000;\n"
        "  types { application/rss+xml xml; text/html html; }\n"
        f"  client_body_temp_path {work}/body; proxy_temp_path {work}/proxy;\n"
        f"  fastcgi_temp_path {work}/fastcgi; uwsgi_temp_path {work}/uwsgi;"
        f" scgi_temp_path {work}/scgi;\n"
        f"  server {{ listen 127.0.0.1:{port}; root {root}; }} }}\n"
    )
    return subprocess.Popen(["nginx", "-c", str(conf), "-p", str(work)])


PY_SERVER = r"""
import email.utils, os, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
root, port = sys.argv[1], int(sys.argv[2])
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        path = os.path.join(root, self.path.lstrip("/"))
        try:
            stat = os.stat(path)
        except OSError:
            self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers()
            return
        etag = f'"{int(stat.st_mtime):x}-{stat.st_size:x}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304); self.send_header("ETag", etag)
            self.send_header("Content-Length", "0"); self.end_headers(); return
        body = open(path, "rb").read()
        kind = "application/rss+xml" if path.endswith(".xml") else "text/html"
        self.send_response(200); self.send_header("Content-Type", kind)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
server = ThreadingHTTPServer(("127.0.0.1", port), H)
server.daemon_threads = True
server.request_queue_size = 256
server.serve_forever()
"""


def start_server(kind: str, root: Path, port: int, work: Path) -> tuple[str, subprocess.Popen]:
    if kind == "nginx" or (kind == "auto" and shutil.which("nginx")):
        process = start_nginx(root, port, work)
        name = "nginx"
    else:
        process = subprocess.Popen([sys.executable, "-c", PY_SERVER, str(root), str(port)])
        name = "python http.server"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return name, process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"{name} did not start (exit {process.returncode})") from None
            time.sleep(0.05)
    raise SystemExit(f"{name} did not answer on port {port}")


# -- the runs ------------------------------------------------------------------------------


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float, str]:
    """(wall seconds from process start, CPU seconds, peak RSS MB, stdout) of one process.

    CPU seconds are user + system time of the process and its threads (``wait4``):
    on a shared, loaded machine they move far less than wall time does.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    reader = threading.Thread(target=lambda: output.append(process.stdout.read()))  # type: ignore[union-attr]
    output: list[bytes] = []
    reader.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    reader.join()
    err = process.stderr.read() if process.stderr else b""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: some feed failed, reported in the table
        raise SystemExit(f"{command[0]} failed ({code}): {err.decode()[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, output[0].decode()


_SUMMARY = re.compile(
    r"^(\d+) feeds: (\d+) new, (\d+) updated, (\d+) unchanged, (\d+) pages extracted,"
    r" (\d+) with errors",
    re.MULTILINE,
)
_TIMINGS = re.compile(r"^timings \(CPU s\): (.*)$", re.MULTILINE)


def ours(library: Path, enrich: bool = True, config: Path | None = None) -> dict:
    """One ``newsreader fetch`` process on a prepared library (``config``: a settings file)."""
    command = [sys.executable, "-c", "from newsreader.cli import main; main()"]
    command += ["--library", str(library), "fetch", "--timings"]
    env = {**CLI_ENV, "NEWSREADER_CONFIG": str(config)} if config else CLI_ENV
    wall, cpu, rss, out = timed(command + ([] if enrich else ["--no-enrich"]), env)
    summary = _SUMMARY.search(out)
    if summary is None:
        raise SystemExit(f"newsreader fetch printed no summary:\n{out[-2000:]}")
    timings = _TIMINGS.search(out)
    seconds = {}
    for part in timings.group(1).split(", ") if timings else []:
        stage, _, value = part.rpartition(" ")
        seconds[stage] = float(value)
    from newsreader.store import Library

    with Library(library) as opened:
        pending = opened.count_pending_enrichment()
        enriched = opened.conn.execute(
            "SELECT count(*) FROM articles WHERE story_id IS NOT NULL"
        ).fetchone()[0]
    errors = [line.strip() for line in out.splitlines() if line.startswith(("  error:", "error:"))]
    return {
        "wall": wall,
        "cpu": cpu,
        "rss": rss,
        "new": int(summary.group(2)),
        "pages": int(summary.group(5)),
        "failed": errors[:3],
        "not_modified": out.count(": not modified,"),
        "enriched": enriched,
        "pending": pending,
        "seconds": seconds,
    }


ENRICHER = r"""
import sys, time
from pathlib import Path
from newsreader.config import load_settings
from newsreader.ingest.enrichment import Enricher
from newsreader.store import Library
library_path, done_flag = sys.argv[1], Path(sys.argv[2])
with Library(library_path) as library:
    enricher = Enricher(library, load_settings())
    while True:
        fetch_done = done_flag.exists()  # read before the queue: nothing stored after it is missed
        if enricher.next_batch() is None:
            if fetch_done:
                break
            time.sleep(0.05)  # waiting for the fetching process to store more
    enricher.summarise_stories()  # once, as a fetch does at its end
"""


def two_processes(library: Path, work: Path) -> dict:
    """``fetch --no-enrich`` beside an enriching process: wall time until both end."""
    done_flag = work / "fetch-done"
    started = time.perf_counter()
    enricher = subprocess.Popen(
        [sys.executable, "-c", ENRICHER, str(library), str(done_flag)], env=CLI_ENV
    )
    fetched = ours(library, enrich=False)
    done_flag.touch()
    _, status, usage = os.wait4(enricher.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the enriching process failed ({status})")
    wall = time.perf_counter() - started
    from newsreader.store import Library

    with Library(library) as opened:
        pending = opened.count_pending_enrichment()
    cpu = fetched["cpu"] + usage.ru_utime + usage.ru_stime
    return {**fetched, "wall": wall, "cpu": cpu, "pending": pending}


def prepare_library(path: Path, urls: list[str]) -> None:
    from newsreader.store import Library

    with Library(path) as library:
        for n, url in enumerate(urls):
            library.add_feed(url, f"Courier {n}", full_text="auto")


def newsboat(work: Path, urls: list[str], concurrency: int) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    (work / "urls").write_text("".join(f"{u}\n" for u in urls))
    (work / "config").write_text(f"reload-threads {concurrency}\n")
    env = {**os.environ, "HOME": str(work)}
    command = ["newsboat", "-u", str(work / "urls"), "-c", str(work / "cache.db")]
    command += ["-C", str(work / "config"), "-x", "reload"]
    wall, cpu, rss, _ = timed(command, env)
    return {"wall": wall, "cpu": cpu, "rss": rss}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8, help="newsboat's reload-threads")
    parser.add_argument("--teaser-feeds", type=int, help="feeds in the teaser-only row")
    parser.add_argument("--server", choices=("auto", "nginx", "python"), default="auto")
    parser.add_argument("--no-newsboat", action="store_true")
    parser.add_argument(
        "--second-process", action="store_true", help="also: cold, enrichment in a second process"
    )
    args = parser.parse_args()
    with_newsboat = not args.no_newsboat and shutil.which("newsboat") is not None
    teaser_feeds = args.feeds if args.teaser_feeds is None else args.teaser_feeds
    with tempfile.TemporaryDirectory(prefix="bench-fetch-") as folder:
        work = Path(folder)
        os.chmod(work, 0o755)
        port = free_port()
        site = Site(work / "site", f"http://127.0.0.1:{port}", args.feeds, args.entries)
        for f in range(args.feeds):
            site.write_feed("full", f)
        for f in range(teaser_feeds):
            site.write_feed("teaser", f)
        server_name, server = start_server(args.server, work / "site", port, work)
        try:
            runs = [
                one_repeat(site, work / f"run{r}", args, teaser_feeds, with_newsboat)
                for r in range(args.repeat)
            ]
            bare = ours_cold_no_enrich(site, work / "bare", args.feeds)
            split = one_process = None
            if args.second_process:
                (work / "split").mkdir()
                library = work / "split" / "library.sqlite"
                prepare_library(library, [site.url("full", f) for f in range(args.feeds)])
                split = two_processes(library, work / "split")
                one_process = cold_in_one_process(site, work / "one-process", args.feeds)
        finally:
            server.terminate()
            server.wait(30)
    print_table(runs, bare, args, teaser_feeds, server_name, with_newsboat, split, one_process)
    return 0


def one_repeat(site: Site, work: Path, args: argparse.Namespace, teasers: int, nb: bool) -> dict:
    """Cold, warm, 10% new for us and newsboat (interleaved), then our teaser-only cold."""
    work.mkdir()
    urls = [site.url("full", f) for f in range(args.feeds)]
    library = work / "library.sqlite"
    prepare_library(library, urls)
    run: dict = {"cold": ours(library)}
    if nb:
        run["nb_cold"] = newsboat(work / "newsboat", urls, args.concurrency)
    run["warm"] = ours(library)
    if nb:
        run["nb_warm"] = newsboat(work / "newsboat", urls, args.concurrency)
    changed = range(0, args.feeds, max(1, round(1 / NEW_SHARE)))
    for f in changed:
        site.write_feed("full", f, new=NEW_ENTRIES)
    run["new"] = ours(library)
    if nb:
        run["nb_new"] = newsboat(work / "newsboat", urls, args.concurrency)
    for f in changed:
        site.write_feed("full", f)  # as before, for the next repeat
    if teasers:
        teaser_library = work / "teasers.sqlite"
        prepare_library(teaser_library, [site.url("teaser", f) for f in range(teasers)])
        run["teaser"] = ours(teaser_library)
    return run


def cold_in_one_process(site: Site, work: Path, feeds: int) -> dict:
    """Cold, with enrichment, all in the fetching process (no worker process)."""
    work.mkdir()
    library = work / "library.sqlite"
    prepare_library(library, [site.url("full", f) for f in range(feeds)])
    config = work / "config.toml"
    config.write_text("[library]\nworker_processes = 0\n", encoding="utf-8")
    return ours(library, config=config)


def ours_cold_no_enrich(site: Site, work: Path, feeds: int) -> dict:
    work.mkdir()
    library = work / "library.sqlite"
    prepare_library(library, [site.url("full", f) for f in range(feeds)])
    return ours(library, enrich=False)


def print_table(
    runs: list[dict],
    bare: dict,
    args: argparse.Namespace,
    teasers: int,
    server: str,
    nb: bool,
    split: dict | None = None,
    one_process: dict | None = None,
) -> None:
    def median(key: str, field: str = "wall") -> float:
        return statistics.median(run[key][field] for run in runs)

    def each(key: str, field: str = "wall") -> str:
        return ", ".join(f"{run[key][field]:.2f}" for run in runs)

    def beside(key: str) -> str:
        if not nb:
            return "newsboat not run"
        theirs = median(f"nb_{key}")
        ratio = median(key) / theirs
        cpu = median(f"nb_{key}", "cpu")
        cpu_ratio = median(key, "cpu") / cpu if cpu else float("inf")
        return (
            f"newsboat {theirs:.2f} s (runs {each(f'nb_{key}')}); ours/newsboat {ratio:.1f}x;"
            f" CPU {median(key, 'cpu'):.1f} / {cpu:.1f} s = {cpu_ratio:.1f}x"
        )

    last = runs[-1]
    total = args.feeds * args.entries
    rows = [
        (
            "feeds x entries",
            f"{args.feeds} x {args.entries}, ~300-word reports; served by {server}",
        ),
        ("runs", f"{len(runs)}, each a fresh process and library (medians; each run listed)"),
        ("cold: time", f"{median('cold'):.2f} s (goal <= 30 s; runs {each('cold')})"),
        ("cold: beside newsboat", beside("cold")),
        (
            "cold: stored, enriched",
            f"{last['cold']['new']} of {total} new, {last['cold']['enriched']} enriched,"
            f" {last['cold']['pending']} left waiting",
        ),
        ("cold: articles/s", f"{total / median('cold'):.0f}"),
        (
            "cold, no enrichment",
            f"{bare['wall']:.2f} s, CPU {bare['cpu']:.1f} s (one run; {bare['new']} stored)",
        ),
        *(
            [
                (
                    "cold, second process",
                    f"{split['wall']:.2f} s, CPU {split['cpu']:.1f} s (one run; {split['new']}"
                    f" stored, {split['pending']} left waiting); / cold in one process"
                    f" {split['wall'] / runs[-1]['cold']['wall']:.2f}x",
                )
            ]
            if split
            else []
        ),
        *(
            [
                (
                    "cold, one process",
                    f"{one_process['wall']:.2f} s, CPU {one_process['cpu']:.1f} s (one run; no"
                    " worker process, `[library] worker_processes = 0`); cold / this"
                    f" {runs[-1]['cold']['wall'] / one_process['wall']:.2f}x",
                )
            ]
            if one_process
            else []
        ),
        ("warm: time (all 304)", f"{median('warm'):.2f} s (goal <= 2 s; runs {each('warm')})"),
        ("warm: beside newsboat", beside("warm")),
        ("warm: answered 304", f"{last['warm']['not_modified']} of {args.feeds}"),
        (
            "10% new: time",
            f"{median('new'):.2f} s ({last['new']['new']} new; goal <= newsboat's; runs"
            f" {each('new')})",
        ),
        ("10% new: beside newsboat", beside("new")),
    ]
    if teasers:
        pages = last["teaser"]["pages"]
        rows.append(
            (
                "teaser-only: time",
                f"{median('teaser'):.2f} s ({teasers} feeds, {pages} pages extracted,"
                f" {last['teaser']['new']} stored; runs {each('teaser')})",
            )
        )
    peak = max(
        run[key]["rss"] for run in runs for key in ("cold", "warm", "new", "teaser") if key in run
    )
    rows.append(("peak RSS", f"{peak:.0f} MB (goal <= 200 MB; largest of our runs)"))
    if nb:
        rows.append(("newsboat peak RSS", f"{max(run['nb_cold']['rss'] for run in runs):.0f} MB"))
    for key, name in (("cold", "cold"), ("warm", "warm"), ("new", "10% new")):
        stages: dict[str, list[float]] = {}
        for run in runs:
            for stage, seconds in run[key]["seconds"].items():
                stages.setdefault(stage, []).append(seconds)
        split = ", ".join(
            f"{stage} {statistics.median(values):.1f}"
            for stage, values in sorted(
                stages.items(), key=lambda item: -statistics.median(item[1])
            )
        )
        rows.append((f"{name}: CPU s by stage", f"{split} (process {median(key, 'cpu'):.1f})"))
        if key == "cold":
            rows.append(("cold: by process", stages_by_process(last[key]["seconds"])))
    if teasers:
        teaser_split = ", ".join(
            f"{stage} {seconds:.1f}"
            for stage, seconds in sorted(last["teaser"]["seconds"].items(), key=lambda i: -i[1])
        )
        rows.append(("teaser-only: CPU s by stage", teaser_split))
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    for run in runs:
        for key, value in run.items():
            for problem in value.get("failed", []):
                print(f"error ({key}): {problem}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
