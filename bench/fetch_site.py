"""The fetch bench's site: news-like RSS feeds and teaser pages in a folder, and a server.

The files are served from 127.0.0.1 by nginx when it is installed (it answers
conditional GETs with 304, as a real site's server does), else by a Python
server in another process that does the same.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import prose

#: Entries a feed gains (its oldest dropped) in the "10% new" run.
NEW_ENTRIES = 5


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
