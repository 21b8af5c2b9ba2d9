"""Turning a file's bytes into text: binary detection and encoding choice.

The order of guesses, first match wins:

1. a byte-order mark (UTF-8, UTF-16 or UTF-32) decides the encoding;
2. UTF-16 without a mark is recognised by its pattern of NUL bytes;
3. a NUL byte, or a high share of other control bytes, marks a binary file;
4. valid UTF-8 is UTF-8 (ASCII included);
5. otherwise, a file whose non-ASCII bytes are *mostly* valid UTF-8 is read as
   UTF-8 with the bad bytes replaced (``U+FFFD``), with a warning; a file with
   no valid UTF-8 sequence at all is read as Windows-1252 (Latin-1 where
   Windows-1252 has no character), with a warning.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

#: Bytes examined for binary detection and UTF-16 guessing.
SNIFF_BYTES = 8192
#: Share of control bytes (other than tab, newline, carriage return, form
#: feed and escape) above which a file is taken for binary.
MAX_CONTROL_SHARE = 0.05

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
# Every byte but the control bytes counted against a text (deleted before counting).
_NOT_COUNTED = bytes(byte for byte in range(256) if byte >= 0x20 or byte in _TEXT_CONTROLS)


class BinaryFile(ValueError):
    """The bytes are not text."""


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding used and a warning when the guess was lossy."""

    text: str
    encoding: str
    warning: str | None = None


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes as described in the module docstring.

    Raises :class:`BinaryFile` for data that is not text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_replacing(data[len(bom) :], encoding)
    utf16 = _guess_utf16(data[:SNIFF_BYTES])
    if utf16 is not None:
        return _decode_replacing(data, utf16)
    _check_not_binary(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lossy = data.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
    good = sum(1 for char in lossy if ord(char) > 0x7F and char != "\ufffd")
    if good >= bad:
        return Decoded(
            lossy, "utf-8", f"invalid UTF-8: {bad} bad byte sequence(s) replaced with '\ufffd'"
        )
    try:
        return Decoded(
            data.decode("cp1252"), "cp1252", "not valid UTF-8: read as Windows-1252 (Latin-1)"
        )
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1", "not valid UTF-8: read as Latin-1")


def _decode_replacing(data: bytes, encoding: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    warning = f"invalid {encoding.upper()}: {bad} bad sequence(s) replaced" if bad else None
    if "\x00" in text:
        raise BinaryFile(f"binary file (NUL characters in {encoding.upper()} text)")
    return Decoded(text, encoding, warning)


def _guess_utf16(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is mostly NUL (ASCII-heavy UTF-16)."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _check_not_binary(data: bytes) -> None:
    if b"\x00" in data:
        raise BinaryFile("binary file (contains NUL bytes)")
    head = data[:SNIFF_BYTES]
    if not head:
        return
    controls = len(head.translate(None, _NOT_COUNTED))
    if controls / len(head) > MAX_CONTROL_SHARE:
        raise BinaryFile(f"binary file ({controls} control bytes in the first {len(head)})")
