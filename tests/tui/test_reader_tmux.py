"""End to end: the real ``newsreader`` command in tmux on the seed articles.

Imports ``../shared/data/seeds`` with ``newsreader import`` into a private
library, opens the reader in a 120x40 tmux pane, checks the titles and the
summary panel, presses a topic key whose topic is not on every article and
checks the list shrinks, then quits with ``q``. Skipped when tmux is absent
(``.ci/run`` installs it) or the seeds are.
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

TIMEOUT = 30.0


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

    exports = " ".join(
        f"{name}={shlex.quote(value)}"
        for name, value in (
            ("NEWSREADER_HOME", str(isolated_home)),
            ("NEWSREADER_CONFIG", str(isolated_home / "config.toml")),
            ("TERM", "xterm-256color"),
        )
    )
    # COLUMNS/LINES from the shell would pin the size; the reader reads the pane's own.
    command = (
        f"env -u COLUMNS -u LINES {exports} {shlex.quote(str(newsreader))};"
        " echo READER-EXITED:$?; sleep 60"
    )
    tmux = Tmux(command)
    try:
        screen = tmux.wait_for(
            lambda s: "Here's the summary" in s and "sentence" in s and "Summarising" not in s,
            "the list and the first summary",
        )
        for row in rows:
            assert row.title[:20] in screen, f"title {row.title[:20]!r} not on screen"
        assert _shown_count(screen) == len(rows)

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
