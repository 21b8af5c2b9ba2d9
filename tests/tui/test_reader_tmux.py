"""End to end: the real ``newsreader`` command in tmux.

- The reading loop on the bundled sample library (what a fresh clone has), with the
  real summariser: open, ``J`` to the next article, ``n`` to the next unread, ``esc``
  back, a longer summary made in the reader, the feed view, marking a feed read, ``o``
  with a fake console browser (the reader steps aside and comes back), ``ctrl+z`` and
  ``fg``, ``q``.
- On ``../shared/data/seeds`` imported with ``newsreader import``: the titles, the
  summary panel and a topic key that narrows the list.

Skipped when tmux is absent (``.ci/run`` installs it); the seeds test when the seeds are.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from newsreader.store import Library

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

#: The longest wait for a screen (reached only when it never comes; a loaded CI
#: machine takes seconds to start the reader and make its first summary).
TIMEOUT = 90.0


class Tmux:
    """One tmux server on a private socket, with one session running a command."""

    def __init__(self, command: str, width: int = 120, height: int = 40) -> None:
        self.socket = f"newsreader-test-{uuid.uuid4().hex[:8]}"
        self.session = "reader"
        self._tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            self.session,
            "-x",
            str(width),
            "-y",
            str(height),
            command,
        )

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=10,
        )
        return done.stdout

    def send(self, *keys: str) -> None:
        """Press keys in the pane (tmux key names)."""
        self._tmux("send-keys", "-t", self.session, *keys)

    def screen(self) -> str:
        """The pane's text now."""
        return self._tmux("capture-pane", "-p", "-t", self.session)

    def wait_for(self, check: Callable[[str], bool], what: str) -> str:
        """Poll the pane until ``check`` holds; fail naming ``what`` with the last screen."""
        deadline = time.monotonic() + TIMEOUT
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if check(text):
                return text
            time.sleep(0.1)
        size = self._tmux("display", "-p", "-t", self.session, "#{window_width}x#{window_height}")
        raise AssertionError(f"timed out waiting for {what}; {size.strip()} screen was:\n{text}")

    def kill(self) -> None:
        """Stop the private tmux server."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)


FAKE_BROWSER = """#!/bin/sh
printf '%s\\n' "$1" > "$(dirname "$0")/opened.txt"
echo "FAKE-BROWSER showing $1"
read answer
"""


def _exports(home: Path, **extra: str) -> str:
    values = {
        "NEWSREADER_HOME": str(home),
        "NEWSREADER_CONFIG": str(home / "config.toml"),
        "TERM": "xterm-256color",
        **extra,
    }
    return " ".join(f"{name}={shlex.quote(value)}" for name, value in values.items())


def test_the_reading_loop_in_tmux(isolated_home: Path) -> None:
    newsreader = Path(sys.executable).with_name("newsreader")
    browser = isolated_home / "fake-browser"
    browser.write_text(FAKE_BROWSER)
    browser.chmod(0o755)
    (isolated_home / "config.toml").write_text(
        f'[reader]\nbrowser = "{browser} {{url}}"\nconsole_browser = true\n'
    )
    # An interactive shell, so that ctrl+z stops the reader and fg brings it back.
    tmux = Tmux("env -u COLUMNS -u LINES PS1='$ ' bash --norc --noprofile -i")
    try:
        tmux.send(
            f"{_exports(isolated_home)} {shlex.quote(str(newsreader))}; echo EXIT:$?", "Enter"
        )
        screen = tmux.wait_for(lambda s: "sentences ─╯" in s, "the list and a stored summary")
        with Library(isolated_home / "library.sqlite") as library:
            rows = library.list_articles(limit=50)
        assert len(rows) == 24 and rows[0].title[:30] in screen

        tmux.send("Enter")  # open: the first article is read
        tmux.send("J")  # the next article, from the text
        tmux.wait_for(lambda s: rows[1].title[:30] in _pane(s), "J to show the second article")
        tmux.send("n")  # the next unread: the third (the first two were opened)
        tmux.wait_for(lambda s: rows[2].title[:30] in _pane(s), "n to show the third article")
        tmux.send("+")  # a longer summary: made here, by the real summariser
        tmux.wait_for(lambda s: "4 sentences ─╯" in s, "a four-sentence summary")
        with Library(isolated_home / "library.sqlite") as library:
            read = [library.get_article(row.id).read for row in rows[:4]]
        assert read == [True, True, True, False]

        tmux.send("Escape")  # back to the list (its key hints come back)
        tmux.wait_for(lambda s: " f  feeds" in s, "esc back to the list")
        tmux.send("f")  # the feed view
        tmux.wait_for(lambda s: "Feeds: unread / total" in s, "the feed view")
        tmux.send("A")  # the first (largest) feed marked read
        tmux.wait_for(lambda s: "U undoes it" in s, "the feed marked read")
        with Library(isolated_home / "library.sqlite") as library:
            largest = library.source_counts()[0]
        assert largest.total == 5 and largest.unread == 0
        tmux.send("Escape")
        tmux.wait_for(lambda s: "Articles 24" in s, "back to the articles")

        tmux.send("o")  # the console browser gets the terminal, then gives it back
        url = rows[2].url
        tmux.wait_for(lambda s: f"FAKE-BROWSER showing {url}" in s, "the fake browser")
        assert (isolated_home / "opened.txt").read_text() == f"{url}\n"
        tmux.send("Enter")
        tmux.wait_for(lambda s: "Articles 24" in s, "the reader back after the browser")

        tmux.send("C-z")
        tmux.wait_for(lambda s: "Stopped" in s, "ctrl+z to stop the reader")
        tmux.send("fg", "Enter")
        tmux.wait_for(lambda s: "Articles 24" in s, "fg to bring the reader back")
        tmux.send("q")
        tmux.wait_for(lambda s: "Articles 24" not in s, "the reader to quit")
        tmux.send("echo EXIT:$?", "Enter")  # the status of the job fg brought back
        tmux.wait_for(lambda s: "EXIT:0" in s, "the reader's exit status")
    finally:
        tmux.kill()


def _pane(screen: str) -> str:
    """The article pane's side of a 120-column screen."""
    return "\n".join(line[60:] for line in screen.splitlines())


def _shown_count(screen: str) -> int | None:
    found = re.search(r"Articles (\d[\d,]*)", screen)
    return int(found.group(1).replace(",", "")) if found else None


def test_reader_in_tmux(shared_data: Path, isolated_home: Path) -> None:
    newsreader = Path(sys.executable).with_name("newsreader")
    assert newsreader.exists(), "the newsreader command is not installed in this environment"
    seeds = shared_data / "seeds"
    env = {**os.environ, "NEWSREADER_HOME": str(isolated_home)}
    subprocess.run(
        [str(newsreader), "import", str(seeds)],
        check=True,
        env=env,
        capture_output=True,
        timeout=300,
    )
    with Library(isolated_home / "library.sqlite") as library:
        rows = library.list_articles(limit=50)
    assert len(rows) == len(list(seeds.glob("*.txt")))

    exports = _exports(isolated_home)
    # COLUMNS/LINES from the shell would pin the size; the reader reads the pane's own.
    command = (
        f"env -u COLUMNS -u LINES {exports} {shlex.quote(str(newsreader))};"
        " echo READER-EXITED:$?; sleep 60"
    )
    tmux = Tmux(command)
    try:
        # The list, the first article and the topic bar each come in their own message.
        screen = tmux.wait_for(
            lambda s: (
                "Here's the summary" in s
                and "sentence" in s
                and "Summarising" not in s
                and all(row.title[:20] in s for row in rows)
                and _shown_count(s) == len(rows)
                and re.search(r"(?<!\S)1 \S", s.splitlines()[0]) is not None
            ),
            "the list with every title, the first summary and the topic bar",
        )

        bar = screen.splitlines()[0]
        topics = [
            (int(n), int(count.replace(",", "")))
            for n, count in re.findall(r"(?<!\S)([1-9]) .+? (\d[\d,]*)(?=\s{2}|\s*$)", bar)
        ]
        narrower = [(n, count) for n, count in topics if count < len(rows)]
        assert narrower, f"no topic narrows the list in the bar: {bar!r}"
        number, count = narrower[0]
        tmux.send(str(number))
        screen = tmux.wait_for(lambda s: _shown_count(s) == count, f"topic {number} filter")
        assert "Articles" in screen and "·" in screen.splitlines()[1]  # filter in the title

        tmux.send("q")
        tmux.wait_for(lambda s: "READER-EXITED:0" in s, "the reader to quit")
    finally:
        tmux.kill()
