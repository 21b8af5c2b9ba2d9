"""The reader bench's measured session: what it records, the screen it waits for after
each key, and one run of a program in a pty (start-up, idle, keys, quit)."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

IDLE_SECONDS = 1.0
ESC = b"\x1b"
DOWN = b"\x1b[B"
#: The keys measured, in the order of the table.
KEYS = ["j", "Enter", "J", "n", "back", "T", "topic 1", "search", "?"]


@dataclass
class Figures:
    """Everything measured for one program at one size (all sessions pooled)."""

    first_wall: list[float] = field(default_factory=list)
    first_cpu: list[float] = field(default_factory=list)
    article_wall: list[float] = field(default_factory=list)
    quit_wall: list[float] = field(default_factory=list)
    idle_cpu: list[float] = field(default_factory=list)
    idle_bytes: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    settle: dict[str, list[float]] = field(default_factory=dict)
    bytes: dict[str, list[int]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)
    unbound: set[str] = field(default_factory=set)
    open_list: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    absent: set[str] = field(default_factory=set)

    def add(self, key: str, result) -> None:  # type: ignore[no-untyped-def]
        """Record one press (``result`` is a :class:`ptyterm.KeyResult`)."""
        if result.settle is None:
            self.unbound.add(key)
            return
        self.settle.setdefault(key, []).append(result.settle)
        self.bytes.setdefault(key, []).append(result.bytes)
        self.cpu.setdefault(key, []).append(result.cpu)


def _env(home: Path, cache: Path | None = None) -> dict[str, str]:
    """The environment of a session in ``home``; ``cache``: the user cache folder (the
    reader's style cache for its early paint), kept from one session to the next."""
    env = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "NEWSREADER_HOME": str(home / "newsreader"),
        "NEWSREADER_CONFIG": str(home / "config.toml"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(cache or home / "cache"),
    }
    if "VIRTUAL_ENV" in os.environ:
        env["VIRTUAL_ENV"] = os.environ["VIRTUAL_ENV"]
    return env


def _peak_rss_mb(pid: int) -> float | None:
    """The process's own peak RSS (``VmHWM``), None where /proc does not say.

    Not its rusage: a child's ``ru_maxrss`` starts at its parent's RSS when it is
    forked and is kept through ``exec``, so it would show this bench's own size (a
    million-article library built in it) rather than the program's.
    """
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def _newsreader() -> str:
    found = Path(sys.executable).with_name("newsreader")
    return str(found) if found.exists() else "newsreader"


def _title_check(titles: list[str]) -> Callable[[str], bool]:
    """True once the screen shows the beginnings of all ``titles``."""
    prefixes = [title[:14] for title in titles]
    return lambda screen: all(prefix in screen for prefix in prefixes)


# What the screen shows in each place: every key waits for the screen it leads to
# (see PtyProgram.key), so a key is never written before the last one was handled.
LIST_HINT = "u  unread only"
ARTICLE_HINT = "esc  list"
HELP_TITLE = "Keys (remap"
SEARCH_TITLE = "Search (all words"
ALL_ARTICLES = re.compile(r"╭─ Articles [\d,]+ ─")
ONE_TOPIC = re.compile(r"╭─ Articles [\d,]+ · topic")


def _pane(screen: str) -> str:
    """The first lines of newsreader's article pane (right of its left edge, ``▊``)."""
    lines = screen.splitlines()[1:4]
    return "\n".join(line.partition("▊")[2] for line in lines)


def _pane_shows(title: str) -> Callable[[str], bool]:
    return lambda screen: title[:14] in _pane(screen)


def _changed(before: str, part: Callable[[str], str]) -> Callable[[str], bool]:
    """True once ``part`` of the screen differs from what it was in ``before``."""
    was = part(before)
    return lambda screen: part(screen) != was


def _has(*texts: str) -> Callable[[str], bool]:
    return lambda screen: all(text in screen for text in texts)


def _lacks(text: str) -> Callable[[str], bool]:
    return lambda screen: text not in screen


def _matches(pattern: re.Pattern[str], *texts: str) -> Callable[[str], bool]:
    return lambda screen: bool(pattern.search(screen)) and all(t in screen for t in texts)


def _typed(title: str, word: str) -> Callable[[str], bool]:
    """True once ``word`` shows after the prompt titled ``title`` (on its line or below)."""

    def check(screen: str) -> bool:
        lines = screen.splitlines()
        at = next((i for i, line in enumerate(lines) if title in line), None)
        if at is None:
            return False
        after = [lines[at].partition(title)[2], *lines[at + 1 : at + 4]]
        return any(word in line for line in after)

    return check


def _first_line(screen: str) -> str:
    return screen.partition("\n")[0]


class Session:
    """One measured run of one program; subclasses say which keys do what."""

    name = ""
    quit_key = b"q"

    def __init__(self, args: argparse.Namespace, home: Path, cache: Path | None = None) -> None:
        self.args, self.home, self.cache = args, home, cache

    def argv(self) -> list[str]:
        raise NotImplementedError

    def first_frame(self) -> Callable[[str], bool]:
        raise NotImplementedError

    def first_article(self) -> Callable[[str], bool] | None:
        """What the screen shows once the first article is shown beside the list (None:
        the program shows none at start)."""
        return None

    def run(self, figures: Figures) -> None:
        """One session; a step that times out ends it and is reported under the table."""
        from ptyterm import ProgramExited, PtyProgram

        columns, lines = self.args.size
        program = PtyProgram(self.argv(), _env(self.home, self.cache), columns, lines)
        try:
            self.measure(program, figures)
        except (TimeoutError, ProgramExited) as exc:
            figures.failures.append(str(exc).splitlines()[0])
        finally:
            program.close()

    def measure(self, program, figures: Figures) -> None:  # type: ignore[no-untyped-def]
        """Start-up, idle, every key, quit."""
        figures.first_wall.append(program.wait_for(self.first_frame(), self.args.timeout))
        figures.first_cpu.append(program.cpu())
        article = self.first_article()
        if article is not None:
            figures.article_wall.append(program.wait_for(article, self.args.timeout))
        program.settle(self.args.quiet, self.args.quiet)  # the rest of the start-up
        before = program.cpu()
        written = program.read_for(IDLE_SECONDS)  # nothing pressed: what waiting costs
        figures.idle_cpu.append((program.cpu() - before) / IDLE_SECONDS)
        figures.idle_bytes.append(written / IDLE_SECONDS)
        self.keys(program, figures)
        peak = _peak_rss_mb(program.pid)
        wall, _cpu = program.quit(self.quit_key, self.args.timeout)
        figures.quit_wall.append(wall)
        assert program.rusage is not None
        figures.rss_mb.append(peak if peak is not None else program.rusage.ru_maxrss / 1024)

    def press(
        self,
        program,  # type: ignore[no-untyped-def]
        figures: Figures | None,
        key: str,
        data: bytes,
        until: Callable[[str], bool] | None = None,
    ) -> bool:
        """Press a key, measured under ``key`` unless ``figures`` is None; False if unbound."""
        if figures is not None and key in figures.unbound:
            return False
        result = program.key(data, self.args.quiet, self.args.first_byte, until, self.args.timeout)
        if figures is not None:
            figures.add(key, result)
        return result.settle is not None

    def keys(self, program, figures: Figures) -> None:  # type: ignore[no-untyped-def]
        raise NotImplementedError
