"""Whether a shell could resume the reader if it stopped (Ctrl-Z).

A shell with job control runs each command as a job (a process group) of its
own and brings a stopped one back with ``fg``. Started as the session's own
command (``ssh -t host newsreader``, ``tmux new newsreader``, ``xterm -e
newsreader``) the reader is the session's leader, or in its leader's group:
stopped, it would leave a frozen terminal that nothing resumes. Loads nothing
but :mod:`os`: the early paint asks before Textual is loaded.
"""

from __future__ import annotations

import os


def shell_can_resume() -> bool:
    """True when a shell with job control started the reader: its process group is a
    job of its own, not the group of the session's leader (which nothing resumes)."""
    if not hasattr(os, "getsid"):
        return False
    try:
        return os.getpgrp() != os.getsid(0)
    except OSError:
        return False
