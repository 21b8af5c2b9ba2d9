"""Handing the terminal over: to a console browser, or to a shell on Ctrl-Z.

Ctrl-Z stops the reader only where a shell can start it again
(:func:`tui.job_control.shell_can_resume`). Elsewhere (``ssh -t host
newsreader``), as vim and Emacs do, Ctrl-Z opens a shell in the reader's
terminal instead, and the reader comes back when that shell exits.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from textual.app import SuspendNotSupported
from textual.screen import Screen

from tui.job_control import shell_can_resume

#: Printed above the shell that Ctrl-Z opens where the reader cannot be stopped.
SHELL_NOTICE = "newsreader: a shell, as nothing here can resume a stopped reader; exit returns."


def run_handed_over(screen: Screen[object], argv: list[str], notice: str = "") -> int | None:
    """Run ``argv`` in this terminal with the reader stepped aside until it exits
    (``notice`` printed first): its exit status, or None when this terminal cannot be
    handed over (notified). Raises OSError when ``argv`` cannot be started."""
    try:
        with screen.app.suspend():
            if notice:
                print(notice, file=sys.__stdout__, flush=True)
            return subprocess.call(argv)
    except SuspendNotSupported:
        screen.notify("This terminal cannot be handed to another program.", severity="warning")
    return None


def suspend(screen: Screen[object]) -> None:
    """Ctrl-Z: stop the reader where a shell can resume it, else open a shell here.

    The stop goes to the whole process group, as the terminal's own Ctrl-Z would
    (the reader reads Ctrl-Z as a key): a wrapper script stops with the reader,
    and the shell's ``fg`` resumes both. Textual's driver restores the screen.
    """
    if screen.app.is_headless or not hasattr(signal, "SIGTSTP"):
        screen.app.action_suspend_process()
    elif shell_can_resume():
        os.kill(0, signal.SIGTSTP)
    else:
        shell = os.environ.get("SHELL") or "/bin/sh"
        try:
            run_handed_over(screen, [shell], SHELL_NOTICE)
        except OSError as error:
            screen.notify(
                f"Could not open the shell {shell!r}: {error.strerror or error}",
                severity="error",
                markup=False,
            )
