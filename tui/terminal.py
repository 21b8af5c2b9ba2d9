"""What the terminal can show, read from the environment and the terminfo database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

#: Terminals known to show no colour (their terminfo entries have no ``colors``).
MONOCHROME_TERMS = frozenset({"vt52", "vt100", "vt102", "vt220", "vt320", "vt420", "dumb"})


def monochrome_terminal(term: str | None = None) -> bool:
    """True when ``term`` (default ``$TERM``) shows fewer than eight colours.

    On such a terminal colour is no sign of anything: the reader marks the cursor
    and focus in reverse video, as it does with ``NO_COLOR``. Known names are
    answered directly; others are looked up in terminfo (once per process, as
    curses allows), and an unknown terminal is taken to have colour.
    """
    term = os.environ.get("TERM", "") if term is None else term
    base = term.split("-")[0]
    if base in MONOCHROME_TERMS or term.endswith("-mono"):
        return True
    if not term or "color" in term or base in ("xterm", "screen", "tmux", "linux", "rxvt"):
        return False
    try:
        import curses

        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            curses.setupterm(term, devnull)
            colours = curses.tigetnum("colors")
        finally:
            os.close(devnull)
    except Exception:  # no terminfo entry or no curses: assume colour
        return False
    return 0 <= colours < 8 or colours == -1


@contextmanager
def escape_delay(delay_ms: int) -> Iterator[None]:
    """``ESCDELAY`` set to ``delay_ms`` inside the block (where Textual is imported and reads
    it) unless the user set it; afterwards the environment is as it was, so programs the
    reader starts (a console browser) keep their own default.

    The delay is how long a lone Esc waits for the rest of an escape sequence: Esc is the
    reader's "back" key, and Textual's 100 ms wait would be felt on every press. A terminal
    writes a key's whole sequence at once and SSH sends what it read in one packet, so a
    short wait (``[reader] escape_delay_ms``) splits none on the usual link.
    """
    if "ESCDELAY" in os.environ:
        yield
        return
    os.environ["ESCDELAY"] = str(delay_ms)
    try:
        yield
    finally:
        os.environ.pop("ESCDELAY", None)
