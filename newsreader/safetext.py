"""Making text taken from articles safe to print to a terminal.

Titles, texts, links and names come from feeds and files we do not control.
Before any of it reaches a terminal, control characters (escape sequences,
bells, OSC 52 clipboard writes, carriage returns), lone surrogates, bidi
controls (text shown in another order than it reads) and invisible
characters (``pay\u200bpal`` showing as "paypal") are removed. The two
joiners U+200C and U+200D stay between two non-ASCII characters, where
Persian words and emoji sequences need them. Rich or Textual markup is never
applied to it: callers print it as plain ``Text``. :func:`safe_url` keeps a
link's invisible characters visible instead (percent-encoded), and
:func:`json_text` escapes every character of these kinds in JSON output.
"""

from __future__ import annotations

import json
import re

# C0 controls except tab and newline, DEL, C1 controls, bidi marks and overrides
# that can make text display in a different order than it reads, and invisible
# characters: zero-width space, soft hyphen, word joiner and invisible operators,
# byte-order mark, Arabic letter mark, interlinear annotations, tag characters.
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f"
)
# Unicode's format characters (category Cf, Unicode 15): JSON output escapes them all.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
# The zero-width joiners, kept only between two non-ASCII characters.
_STRAY_JOINER = re.compile("(?<![^\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f])")
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
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}\u200c\u200d\ud800-\udfff]")
#: What JSON output escapes as \\uXXXX: everything above, joiners and line separators included.
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_FORMAT}\u2028\u2029\ud800-\udfff]")
#: What a link shows percent-encoded: white space, controls and invisible characters.
_HIDDEN_IN_URL = re.compile(f"[\\s\x00-\x1f\x7f-\x9f{_INVISIBLE}\u200c\u200d\u00ad]")


def plain_text(value: str) -> str:
    """``value`` with escape sequences, control characters and surrogates removed.

    Newlines and tabs are kept; a carriage return becomes nothing.
    """
    if _UNSAFE.search(value) is None:  # the usual case, found by one quick scan
        return value
    value = _ESCAPE_SEQUENCE.sub("", value)
    value = _CONTROL.sub("", value)
    value = _STRAY_JOINER.sub("", value)
    return _SURROGATE.sub("\ufffd", value)


def one_line(value: str) -> str:
    """``value`` made safe and folded onto one line (titles, names, links)."""
    return " ".join(plain_text(value).split())


def safe_url(value: str) -> str:
    """A link made safe to show and store: escapes removed, one line, hidden characters encoded.

    White space, controls and invisible characters inside a link are
    percent-encoded rather than dropped, so what is shown is what is fetched
    (``https://pay%E2%80%8Bpal.example/``, not a look-alike of paypal).
    """
    value = _ESCAPE_SEQUENCE.sub("", value).strip()
    value = _SURROGATE.sub("\ufffd", value)
    return _HIDDEN_IN_URL.sub(_percent_encoded, value)


def _percent_encoded(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


def json_text(data: object, *, indent: int | None = None) -> str:
    """``data`` as JSON with every terminal-unsafe character escaped.

    ``json`` escapes C0 controls (ESC as ``\\u001b``) but leaves DEL, C1
    controls, bidi controls, invisible characters and lone surrogates raw;
    here they are ``\\uXXXX`` too, so no tool printing the JSON acts on them
    and the text always encodes as UTF-8.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _UNSAFE_IN_JSON.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    """``\\uXXXX``, as a surrogate pair past the Basic Multilingual Plane."""
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
