"""Making text taken from articles safe to print to a terminal.

Titles, texts, links and names come from feeds and files we do not control.
Before any of it reaches a terminal, control characters (escape sequences,
bells, OSC 52 clipboard writes, carriage returns) and lone surrogates are
removed. Rich or Textual markup is never applied to it: callers print it as
plain ``Text``.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and bidi overrides
# that can make text display in a different order than it reads.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Whole escape sequences, so that their parameters do not stay behind as text:
# CSI (ESC [, or the 8-bit \x9b when a whole sequence follows),
# OSC (ESC ] or \x9d, ended by BEL or ST),
# DCS/SOS/PM/APC strings (ESC P X ^ _ or \x90 \x98 \x9e \x9f), and two-byte escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?|\x9b[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x1b.?",
    re.DOTALL,
)


#: Any character the passes below change: every escape sequence starts with ESC or a C1 control.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def plain_text(value: str) -> str:
    """``value`` with escape sequences, control characters and surrogates removed.

    Newlines and tabs are kept; a carriage return becomes nothing.
    """
    if _UNSAFE.search(value) is None:  # the usual case, found by one quick scan
        return value
    value = _ESCAPE_SEQUENCE.sub("", value)
    value = _CONTROL.sub("", value)
    return _SURROGATE.sub("\ufffd", value)


def one_line(value: str) -> str:
    """``value`` made safe and folded onto one line (titles, names, links)."""
    return " ".join(plain_text(value).split())
