"""Ctrl-Z where nothing could resume a stopped reader (``ssh -t host newsreader``).

The real ``newsreader`` runs on a pseudo-terminal as its session's leader, as sshd
starts a command given to ``ssh -t``: no shell with job control is there to ``fg``
it. Ctrl-Z must not stop it (the terminal would freeze for good); it opens the
user's ``$SHELL`` in the reader's terminal, and the reader comes back when that
shell exits. (With a job-control shell, Ctrl-Z stops the reader and ``fg`` brings
it back: ``test_reader_tmux.py``, and during the early paint ``test_early_paint.py``.)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from early_paint_support import NEWEST, Reader, colour_env  # skips the module without pyte

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

FAKE_SHELL = """#!/bin/sh
echo "FAKE-SHELL-UP"
read answer
echo "FAKE-SHELL-DONE"
"""


def test_ctrl_z_opens_a_shell_where_no_shell_could_resume_the_reader(
    library_path: Path, isolated_home: Path
) -> None:
    shell = isolated_home / "fake-shell"
    shell.write_text(FAKE_SHELL)
    shell.chmod(0o755)
    reader = Reader(library_path, (120, 40), {**colour_env("256"), "SHELL": str(shell)})
    try:
        shown = reader.frame_showing(0, NEWEST)
        os.write(reader.fd, b"\x1a")  # Ctrl-Z
        up = reader.read_until(b"FAKE-SHELL-UP", shown)  # a stopped reader: fails, not hangs
        assert os.waitpid(reader.process.pid, os.WNOHANG | os.WUNTRACED) == (0, 0)
        assert b"nothing here can resume" in reader.seen[shown:up]  # the user is told why
        os.write(reader.fd, b"\n")  # the shell exits
        done = reader.read_until(b"FAKE-SHELL-DONE", up)
        reader.frame_showing(reader.read_until(b"\x1b[?1049h", done), NEWEST)  # the reader back
        reader.quit()
        assert reader.process.returncode == 0
    finally:
        reader.close()
