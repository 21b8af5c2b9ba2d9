"""The ``newsreader`` console script (newsreader.launch): plain ``newsreader`` on a terminal
opens the reader without importing click or the command line's modules, and says what went
wrong (a bad config, a broken library, Ctrl-C) as the command line does; every other
command line is the click group's.

Each test runs the installed script on a pseudo-terminal: standard input and output, and
standard error too (Textual draws there) unless a test keeps it in a file of its own.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pyte
import pytest
from click.testing import CliRunner

from newsreader.cli.main import main as cli
from newsreader.config import ConfigError, load_settings
from newsreader.launch import reader_library
from newsreader.models import NewArticle
from newsreader.safetext import one_line
from newsreader.store import Library

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

#: A safety net only: a hang shows as a failure after this long, never as a pass.
PATIENCE = 120.0
TITLE = "Harbour bulletin"
#: How the reader (the early paint and Textual alike) takes the screen.
ALTERNATE_SCREEN = b"\x1b[?1049h"


def _script() -> str:
    return str(Path(sys.executable).with_name("newsreader"))


def _take_terminal() -> None:  # in the child: the pty becomes its controlling terminal
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class OnPty:
    """``argv`` with a pty (80x24) on standard input and output, standard error in ``errors``
    (None: on the pty too)."""

    def __init__(self, argv: list[str], errors: Path | None = None) -> None:
        self.fd, child = os.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.errors = errors
        with errors.open("wb") if errors else open(os.devnull, "wb") as err:
            self.process = subprocess.Popen(
                argv,
                stdin=child,
                stdout=child,
                stderr=err if errors else child,
                env={**os.environ, "TERM": "xterm-256color"},
                start_new_session=True,
                preexec_fn=_take_terminal,
            )
        os.close(child)
        self.seen = bytearray()
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)

    def _read(self, deadline: float) -> bool:
        """Read what is there (waiting until ``deadline``); False once the pty is closed."""
        left = deadline - time.monotonic()
        assert left > 0, f"nothing more came; got {bytes(self.seen[-300:])!r}"
        if not select.select([self.fd], [], [], left)[0]:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: every process on the other side has closed it
            return False
        self.seen.extend(chunk)
        self.stream.feed(chunk)
        return bool(chunk)

    def wait_for(self, text: str) -> None:
        """Read until the screen shows ``text``."""
        deadline = time.monotonic() + PATIENCE
        while not any(text in line for line in self.screen.display):
            assert self._read(deadline), f"ended before showing {text!r}"

    def end(self) -> int:
        """Read until the program has ended; its exit status."""
        deadline = time.monotonic() + PATIENCE
        while self._read(deadline) and self.process.poll() is None:
            pass
        status = self.process.wait(PATIENCE)
        os.close(self.fd)
        return status

    def stderr(self) -> str:
        assert self.errors is not None
        return self.errors.read_text("utf-8")


#: Runs the script named by ``argv[1]`` as its console script does, writing the name of
#: every module imported to the file ``argv[2]`` as it is imported (the reader ends its
#: process without the interpreter's shutdown, so nothing is left to a buffer).
WATCHING_IMPORTS = """
import runpy, sys
script, watched = sys.argv[1], open(sys.argv[2], "w", buffering=1)
sys.addaudithook(lambda event, args: event == "import" and watched.write(args[0] + "\\n"))
sys.argv = [script]
runpy.run_path(script, run_name="__main__")
"""


#: The click group run as the console script was before it had a way round it.
CLICK_GROUP = "import sys; from newsreader.cli import main; sys.argv[0] = 'newsreader'; main()"


@pytest.fixture
def stored(library: Library) -> Path:
    """A library of the user's own (three articles) in the test's home folder."""
    for n in range(3):
        library.add_article(
            NewArticle(title=f"{TITLE} {n}", text=f"Bulletin {n}.", source_name="Gazette"),
            now=1_700_000_000 + n,
        )
    return library.path


@pytest.mark.parametrize(
    ("args", "library"),
    [
        ([], ""),
        (["read"], ""),
        (["--library", "lib.sqlite"], "lib.sqlite"),
        (["--library", "lib.sqlite", "read"], "lib.sqlite"),
        (["--library=lib.sqlite"], "lib.sqlite"),
        (["--library=lib.sqlite", "read"], "lib.sqlite"),
        (["--help"], None),
        (["read", "--help"], None),
        (["--version"], None),
        (["list"], None),
        (["read", "read"], None),
        (["--library"], None),
        (["--library="], None),
        (["--library", "--help"], None),
        (["--library", "a", "--library", "b"], None),
        (["--library", "a", "list"], None),
        (["--libr", "a"], None),
    ],
)
def test_only_a_command_line_that_opens_the_reader_skips_click(
    args: list[str], library: str | None
) -> None:
    assert reader_library(args) == library


def test_the_reader_opens_without_click(stored: Path, tmp_path: Path) -> None:
    watched = tmp_path / "imports.txt"
    reader = OnPty([sys.executable, "-c", WATCHING_IMPORTS, _script(), str(watched)])
    reader.wait_for(f"{TITLE} 2")
    os.write(reader.fd, b"q")
    assert reader.end() == 0
    imported = set(watched.read_text().split())
    assert "newsreader.store" in imported and "textual" in imported  # the reader ran
    assert not {name for name in imported if name == "click" or name.startswith("click.")}
    assert not {name for name in imported if name.startswith("newsreader.cli")}


def test_a_bad_config_is_one_line_before_the_screen_changes(
    stored: Path, isolated_home: Path, tmp_path: Path
) -> None:
    config = Path(os.environ["NEWSREADER_CONFIG"])
    config.write_text("[reader]\nno_such_setting = 1\n")
    with pytest.raises(ConfigError) as error:
        load_settings()
    reader = OnPty([_script()], tmp_path / "errors.txt")
    assert reader.end() == 1
    assert reader.stderr() == f"Error: {one_line(str(error.value))}\n"
    assert str(config) in reader.stderr() and "no_such_setting" in reader.stderr()
    assert ALTERNATE_SCREEN not in reader.seen


def test_a_broken_library_is_reported_as_the_command_line_reports_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a library\n" * 100)
    reader = OnPty([_script(), "--library", str(broken)], tmp_path / "errors.txt")
    assert reader.end() == 1
    listed = CliRunner().invoke(cli, ["--library", str(broken), "list"])
    assert listed.exit_code == 1
    assert reader.stderr() == listed.stderr
    assert reader.stderr().count("\n") == 1 and str(broken) in reader.stderr()
    assert ALTERNATE_SCREEN not in reader.seen


@pytest.mark.parametrize("args", [["--help"], ["read", "--help"], ["--version"]])
def test_other_command_lines_are_the_click_groups(
    args: list[str], isolated_home: Path, tmp_path: Path
) -> None:
    program = OnPty([_script(), *args], tmp_path / "errors.txt")
    group = OnPty([sys.executable, "-c", CLICK_GROUP, *args], tmp_path / "group-errors.txt")
    assert program.end() == group.end() == 0
    assert program.seen == group.seen and b"newsreader" in program.seen
