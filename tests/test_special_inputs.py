"""Commands that read a named file refuse FIFOs and devices, and read at most a cap.

Each command runs as a real process with its address space limited to 1 GB,
so a command that blocked on a FIFO or read ``/dev/zero`` without end fails
here (by the guard's timeout, or a MemoryError) instead of hanging the suite
or the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
COMMANDS = [
    ["opml", "import"],
    ["topics", "classify"],
    ["topics", "classify", "--jsonl"],
    ["summarize"],
]
#: Only a guard against a hang: a refused FIFO returns at once.
HANG_GUARD_SECONDS = 120


def limited_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NEWSREADER, *args],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        preexec_fn=limited_memory,
        stdin=subprocess.DEVNULL,
        env=os.environ,
    )


@pytest.fixture
def specials(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "subs.opml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    return {"fifo": fifo, "/dev/zero link": zero, "folder": folder}


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_fifos_and_devices_are_refused_with_one_line(command: list[str], specials) -> None:
    for kind, path in specials.items():
        result = run([*command, str(path)])
        assert result.returncode == 1, (kind, result.stderr)
        assert "Traceback" not in result.stderr
        (line,) = result.stderr.splitlines()
        assert str(path) in line, kind
        assert "not a regular file" in line or "a folder, not a file" in line, (kind, line)


def test_a_regular_file_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(
        "Ferry strike ends\nThe ferry crews of the fictional port of Ulm returned to work today."
        " The union said the new rota was fair. Passengers queued from dawn at the harbour."
    )
    result = run(["summarize", str(path)])
    assert result.returncode == 0, result.stderr
    assert "ferry" in result.stdout.lower()
