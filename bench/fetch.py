"""Benchmark a refresh: 200 feeds of 50 entries from 127.0.0.1, cold then warm.

A server in a separate process (so it does not share the fetcher's GIL)
serves ``--feeds`` synthetic RSS feeds of ``--entries`` entries each; half of
them carry only a one-sentence teaser per entry and link an article page
(synthetic HTML with navigation, the article and a footer), the other half
carry whole articles. Every feed answers with an ETag and a Last-Modified and
honours ``If-None-Match`` with a 304.

In one run it prints: the cold fetch (everything new: feeds, pages fetched
and extracted, articles stored and enriched: summary, topics, story), when
the last feed was stored and the last batch enriched, the CPU of the fetcher
and of its enrichment child process, the warm fetch (every feed answers 304),
and the peak RSS: the fetcher's plus the enrichment child's (an upper bound of
what both held at once). Goals on the shared 2-core machine: cold <= 60 s,
warm <= 3 s, peak RSS <= 300 MB.

    python bench/fetch.py [--feeds 200] [--entries 50] [--repeat 3] [--no-enrich]
                          [--enrich-in auto|process|thread]

The machine is shared and noisy (the same CPU-bound loop takes 0.5 to 1.1 s
from one minute to the next), so the cold and warm fetches run ``--repeat``
times, each into a fresh library, and the medians are printed with each run.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FILLER = ["the", "a", "of", "to", "and", "in", "on", "with", "for", "at", "by", "from", "as"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def vocabulary(size: int = 4000, seed: int = 11) -> tuple[list[str], list[float]]:
    """Pseudo-words with Zipf weights (rank r has weight 1/r), as in real text."""
    rng = random.Random(seed)
    words = ["".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 10))) for _ in range(size)]
    cumulative: list[float] = []
    total = 0.0
    for rank in range(1, size + 1):
        total += 1 / rank
        cumulative.append(total)
    return words, cumulative


WORDS, WEIGHTS = vocabulary()


def sentence(rng: random.Random, words: int) -> str:
    content = rng.choices(WORDS, cum_weights=WEIGHTS, k=words)
    chosen = [rng.choice(FILLER) if i % 3 == 0 else word for i, word in enumerate(content)]
    return " ".join(chosen).capitalize() + "."


def article_text(rng: random.Random) -> list[str]:
    """Five to seven paragraphs of three to five sentences (about 400 words)."""
    return [
        " ".join(sentence(rng, rng.randint(12, 22)) for _ in range(rng.randint(3, 5)))
        for _ in range(rng.randint(5, 7))
    ]


def published(now: datetime, feed: int, entry: int) -> datetime:
    """When an entry was published: a feed's newest first, one every six hours.

    A feed's 50 latest entries then span about twelve days before the run, as
    a real news feed's do; every entry of a cold fetch is new to the library.
    """
    return now - timedelta(hours=6 * entry, minutes=feed % 360)


def build_site(feeds: int, entries: int, port: int) -> dict[str, tuple[bytes, str]]:
    """Every path the server answers, with its body and content type."""
    site: dict[str, tuple[bytes, str]] = {}
    now = datetime.now(UTC).replace(microsecond=0)
    base = f"http://127.0.0.1:{port}"
    for f in range(feeds):
        teaser = f % 2 == 1
        items = []
        for e in range(entries):
            rng = random.Random(f * 100_003 + e)
            paragraphs = article_text(rng)
            title = f"{sentence(rng, 6)[:-1]} ({f}-{e})"
            link = f"{base}/page/{f}/{e}.html"
            if teaser:
                body = "".join(f"<p>{p}</p>" for p in paragraphs)
                page = (
                    f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
                    "<header><nav><a href='/'>Home</a> <a href='/news'>News</a>"
                    " <a href='/sport'>Sport</a></nav></header>"
                    f"<main><article><h1>{title}</h1><p class='byline'>By Staff</p>{body}"
                    "</article><aside>Most read: nothing today.</aside></main>"
                    "<footer>Synthetic Times. Cookie settings. Contact us.</footer></body></html>"
                )
                site[f"/page/{f}/{e}.html"] = (page.encode(), "text/html; charset=utf-8")
                description = paragraphs[0].split(".")[0] + "."
            else:
                description = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in paragraphs)
            items.append(
                f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
                f"<pubDate>{format_datetime(published(now, f, e), usegmt=True)}</pubDate>"
                f"<category>section{f % 7}</category>"
                f"<description>{description}</description></item>"
            )
        feed = (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Synthetic feed {f}</title><link>{base}/</link>{''.join(items)}"
            "</channel></rss>"
        )
        site[f"/feed/{f}.xml"] = (feed.encode(), "application/rss+xml")
    return site


def serve(feeds: int, entries: int, ready: multiprocessing.Queue) -> None:
    """The server process: answer until terminated."""
    site: dict[str, tuple[bytes, str]] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            found = site.get(self.path)
            if found is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = f'"{hash(self.path) & 0xFFFFFF:x}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body, kind = found
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", "Mon, 08 Apr 2024 10:00:00 GMT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.request_queue_size = 128
    site.update(build_site(feeds, entries, httpd.server_address[1]))
    ready.put(httpd.server_address[1])
    httpd.serve_forever()


def cpu_seconds() -> float:
    """User + system CPU time of this process so far (all its threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children() -> tuple[float, float]:
    """(CPU seconds, largest peak RSS in MB) of the child processes waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="Cold and warm fetches, each into a fresh library (medians printed).",
    )
    parser.add_argument(
        "--no-enrich",
        action="store_true",
        help="Skip summaries, topics and stories (to see their share).",
    )
    parser.add_argument(
        "--enrich-in",
        choices=("auto", "process", "thread"),
        default="auto",
        help="Where enrichment runs (the fetcher's default is auto).",
    )
    args = parser.parse_args()

    from newsreader.config import FeedSettings, Settings

    ready: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(
        target=serve, args=(args.feeds, args.entries, ready), daemon=True
    )
    server.start()
    port = ready.get(timeout=120)

    enrich_in = "off" if args.no_enrich else "thread"
    settings = replace(Settings(), feeds=FeedSettings(concurrency=args.concurrency))
    rss_before = peak_rss_mb()
    runs = []
    for _ in range(args.repeat):
        runs.append(one_run(port, args, settings, enrich_in))
    server.terminate()
    peak = peak_rss_mb()
    child_peak = children()[1]

    def median(key: str) -> float:
        return statistics.median(run[key] for run in runs)

    def each(key: str, digits: int = 1) -> str:
        if len(runs) == 1:
            return ""
        return "; runs " + ", ".join(f"{run[key]:.{digits}f}" for run in runs)

    last = runs[-1]
    expected = args.feeds * args.entries
    teaser_pages = (args.feeds // 2) * args.entries
    enrichment = (
        "skipped (--no-enrich)"
        if args.no_enrich
        else f"summary + topics + story for {last['enriched']} articles"
        f" ({last['topics']} topics in library)"
    )
    rows = [
        ("feeds x entries", f"{args.feeds} x {args.entries} ({args.feeds // 2} teaser-only)"),
        ("runs", f"{len(runs)} (each a fresh library; medians below)"),
        ("cold: time", f"{median('cold_s'):.1f} s (goal <= 60 s){each('cold_s')}"),
        (
            "cold: articles stored",
            f"{last['new']} new of {expected}; library holds {last['stored']}",
        ),
        ("cold: pages extracted", f"{last['pages']} of {teaser_pages}"),
        (
            "cold: articles/s",
            f"{expected / median('cold_s'):.0f} (incl. extraction and enrichment)",
        ),
        ("cold: enrichment", enrichment),
        (
            "cold: last feed stored at",
            f"{median('last_feed'):.1f} s (enrichment runs alongside){each('last_feed')}",
        ),
        (
            "cold: last batch enriched at",
            f"{median('last_enriched'):.1f} s (enrichment in {enrich_in})",
        ),
        ("cold: fetcher CPU", f"{median('cpu'):.1f} s user+sys, all threads{each('cpu')}"),
        ("cold: enrichment child CPU", f"{median('child_cpu'):.1f} s user+sys{each('child_cpu')}"),
        ("cold: feeds with errors", str(max(run["failed"] for run in runs))),
        ("warm: time", f"{median('warm_s'):.2f} s (goal <= 3 s){each('warm_s', 2)}"),
        ("warm: answered 304", f"{last['not_modified']} of {args.feeds}; {last['warm_new']} new"),
        (
            "peak RSS",
            f"{peak + child_peak:.0f} MB (goal <= 300 MB): fetcher {peak:.0f} MB"
            f" ({rss_before:.0f} MB before fetching) + enrichment child {child_peak:.0f} MB",
        ),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    for error in last["errors"]:
        print(f"error: {error}", file=sys.stderr)
    return 0


def one_run(port: int, args: argparse.Namespace, settings: object, enrich_in: str) -> dict:
    """One cold fetch into a fresh library, then a warm one; what they measured."""
    from newsreader.feeds import fetch_feeds
    from newsreader.models import ArticleQuery
    from newsreader.store import Library

    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder) / "library.sqlite")
        for f in range(args.feeds):
            library.add_feed(f"http://127.0.0.1:{port}/feed/{f}.xml", f"Synthetic feed {f}")
        started, cpu = time.perf_counter(), cpu_seconds()
        last_feed, last_enriched, enriched = [0.0], [0.0], [0]

        def progress(event) -> None:
            from newsreader.ingest import BatchEnriched, FeedStored

            if isinstance(event, FeedStored):
                last_feed[0] = time.perf_counter() - started
            elif isinstance(event, BatchEnriched):
                last_enriched[0] = time.perf_counter() - started
                enriched[0] = event.progress.articles_enriched

        child_cpu_before, _ = children()
        cold = fetch_feeds(library, settings, progress=progress, enrich=enrich_in != "off")
        cold_s, cold_cpu = time.perf_counter() - started, cpu_seconds() - cpu
        child_cpu = children()[0] - child_cpu_before
        started = time.perf_counter()
        warm = fetch_feeds(library, settings, enrich=enrich_in != "off")
        warm_s = time.perf_counter() - started
        stored = library.count_articles(ArticleQuery())
        topics = len(library.stats().topics)
        library.close()
    failed = cold.failed or warm.failed
    return {
        "cold_s": cold_s,
        "cpu": cold_cpu,
        "child_cpu": child_cpu,
        "warm_s": warm_s,
        "last_feed": last_feed[0],
        "last_enriched": last_enriched[0],
        "enriched": enriched[0],
        "new": cold.new,
        "pages": cold.pages,
        "stored": stored,
        "topics": topics,
        "failed": len(cold.failed),
        "warm_new": warm.new,
        "not_modified": sum(r.status == "not modified" for r in warm.feeds),
        "errors": [f"{r.title}: {r.errors[0]}" for r in failed[:5]],
    }


if __name__ == "__main__":
    sys.exit(main())
