"""No byte from a feed, a file or a server reaches the terminal as a control: every command checked.

One hostile world (a feed, a JSON Feed and a failing server on 127.0.0.1,
files with escapes in their names, contents and link targets, an OPML list)
goes through every command of the CLI as a real process, piped, plain and
``--json``. Every byte written to standard output and standard error must be
free of ESC, BEL, C1 controls, bidi controls and invisible characters. The
test fails when a command of ``newsreader --help`` is not exercised here (the
reader without a terminal prints the newest articles; its screen is the
reader's own tests' to check).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from local_http import FeedServer

from newsreader.cli.main import COMMANDS

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x1b]52;c;cHduZWQ=\x07\x1b]8;;http://evil/\x1b\\"
C1 = "\u009b31m\u009d0;t\u009c\u0085\u0090x\u009c"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE = "pay\u200bpal\u200c\u200d\u200e\u200f\u061c\ufeff\u2060"
HOSTILE = f"Evil {ESCAPES}{C1}{BIDI}{INVISIBLE} name"
TEXT = "The lamplighters of the fictional city of Osk lit the harbour lamps at dusk. " * 6
#: What no output may hold: C0 controls but tab and newline, DEL, C1, bidi, invisible.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff\u2060]"
)


def rss(server: FeedServer) -> str:
    items = "".join(
        f"<item><title>{HOSTILE} {n}</title><guid>{HOSTILE}-{n}</guid>"
        f"<link>{server.url('/page')}?{INVISIBLE}{n}</link><author>{HOSTILE}</author>"
        f"<category>{HOSTILE}</category><description>{TEXT} {HOSTILE} {n}</description></item>"
        for n in range(3)
    )
    return (
        (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>{HOSTILE}</title><link>http://127.0.0.1/{INVISIBLE}</link>{items}"
            "</channel></rss>"
        )
        .replace("\x1b", "&#27;")
        .replace("\x07", "&#7;")
    )  # XML 1.0 forbids them raw


def json_feed() -> str:
    item = {
        "id": HOSTILE,
        "url": f"https://osk.example/{ESCAPES}{INVISIBLE}",
        "title": HOSTILE,
        "content_text": f"{TEXT} {HOSTILE}",
        "authors": [{"name": HOSTILE}],
        "tags": [HOSTILE],
        "date_published": "2024-05-01T10:00:00Z",
    }
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": f"JSON {HOSTILE}",
            "home_page_url": f"https://osk.example/{BIDI}",
            "items": [item],
        }
    )


def hostile_reason(request: BaseHTTPRequestHandler) -> None:
    request.send_response(500, f"Broken {ESCAPES}{C1}")
    request.send_header("Content-Length", "0")
    request.end_headers()


@pytest.fixture
def world(tmp_path: Path) -> Iterator[dict[str, str]]:
    server = FeedServer()
    feed = server.add("/feed.xml", rss(server))
    server.add("/page", f"<html><body><p>{TEXT}</p></body></html>", content_type="text/html")
    jsonfeed = server.add("/feed.json", json_feed(), content_type="application/feed+json")
    broken = server.handle("/broken.xml", hostile_reason)
    server.start()
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "broken.txt").symlink_to(f"{ESCAPES}{C1}/x")
    (folder / f"name {INVISIBLE}{BIDI}.txt").write_text(f"{HOSTILE}\n\n{TEXT}")
    (folder / "notes.md").write_text(f"# {HOSTILE}\n\n{TEXT} {ESCAPES}")
    records = [
        {"title": HOSTILE, "text": f"{TEXT} {HOSTILE}", "url": f"https://osk.example/{ESCAPES}"},
        {"title": HOSTILE, "text": TEXT, "published": f"{ESCAPES} never"},
    ]
    (folder / "many.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n{bad")
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline text="{HOSTILE.replace(chr(27), "").replace(chr(7), "")}" '
        f'xmlUrl="https://osk.example/{INVISIBLE}" htmlUrl="https://osk.example/{BIDI}"/>'
        f'<outline text="x" xmlUrl="exec:{INVISIBLE}{BIDI}"/></body></opml>'
    )
    text = tmp_path / "hostile.txt"
    text.write_text(f"{HOSTILE}\n\n{TEXT} {HOSTILE}")
    lines = tmp_path / "hostile.jsonl"
    lines.write_text(json.dumps({"id": HOSTILE, "title": HOSTILE, "text": f"{TEXT} {HOSTILE}"}))
    yield {
        "feed": feed,
        "jsonfeed": jsonfeed,
        "broken": broken,
        "folder": str(folder),
        "opml": str(opml),
        "text": str(text),
        "lines": str(lines),
        "out": str(tmp_path / "out.opml"),
    }
    server.stop()


def run(*args: str) -> tuple[int, bytes]:
    """Run a command, piped; its exit status and everything it wrote."""
    done = subprocess.run(
        [NEWSREADER, *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
        env=os.environ,
    )
    return done.returncode, done.stdout + done.stderr


def test_no_command_writes_a_control_character(world: dict[str, str]) -> None:
    ran: list[tuple[str, ...]] = []
    outputs: dict[tuple[str, ...], bytes] = {}

    def check(*args: str) -> bytes:
        status, output = run(*args)
        assert b"Traceback" not in output, (args, output[-2000:])
        text = output.decode("utf-8")  # every command writes UTF-8
        bad = sorted({f"U+{ord(c):04X}" for c in FORBIDDEN.findall(text)})
        assert bad == [], (args, bad, text[:500])
        ran.append(args)
        outputs[args] = output
        return output

    check("add", world["feed"])
    check("add", world["jsonfeed"])
    check("add", world["broken"])
    check("opml", "import", world["opml"])
    check("fetch")
    check("fetch", "1")
    check("enrich")
    check("import", world["folder"])
    check("feeds")
    check("feeds", "--json")
    check("list")
    check("list", "--json")
    check("list", "--search", "lamplighters")
    check("list", "--stories")
    check("list", "--stories", "--json")
    rows = json.loads(outputs[("list", "--json")])
    assert len(rows) >= 5
    for row in rows:
        check("show", str(row["id"]))
        check("show", str(row["id"]), "--json")
    check("stats")
    check("topics")
    check("topics", "--json")
    check("topics", "classify", world["text"])
    check("topics", "classify", "--jsonl", world["lines"])
    check("summarize", world["text"])
    check("summarize", "--json", world["text"])
    check("summarize", "--jsonl", world["lines"])
    check("opml", "export")
    check("opml", "export", world["out"])
    check("account", "show")
    check("read")  # without a terminal: the newest articles, plainly
    check("samples", "add")
    check("samples", "remove")
    check("config")
    check("remove", "1")
    check("show", "99999999999999999999")
    exported = Path(world["out"]).read_text("utf-8")
    assert FORBIDDEN.search(exported) is None
    # Every command of the CLI went through this test.
    assert set(COMMANDS) <= {args[0] for args in ran}


def test_json_output_escapes_what_json_leaves_raw(world: dict[str, str]) -> None:
    run("add", world["jsonfeed"])
    status, output = run("list", "--json")
    assert status == 0
    (row,) = json.loads(output)
    # Cleaned on the way in: nothing hidden is left in the stored title and link.
    assert FORBIDDEN.search(row["title"]) is None
    assert "pay%E2%80%8Bpal" in row["url"] and "PWNED" not in row["url"]


def test_a_broken_link_target_is_shown_without_its_escapes(world: dict[str, str]) -> None:
    status, output = run("import", world["folder"])
    line = next(x for x in output.decode().splitlines() if "broken.txt" in x)
    assert "broken symbolic link (points to" in line and "PWNED" not in line
