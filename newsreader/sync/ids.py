"""Item ids of the Google Reader API: three spellings of one 64-bit number.

``stream/items/ids`` gives decimal (``"1714000000123456"``), ``contents`` the
long form ``tag:google.com,2005:reader/item/000617a1c3e2b440`` (16 hex digits),
and some servers the bare hex. The library keeps them as signed 64-bit
integers (SQLite's); the server is always sent the unsigned decimal.
"""

from __future__ import annotations

LONG_PREFIX = "tag:google.com,2005:reader/item/"
_HEX = frozenset("0123456789abcdefABCDEF")


def parse_item_id(value: str, *, decimal: bool = False) -> int:
    """The id in any spelling as a signed 64-bit integer; ValueError when it is none.

    ``decimal`` says a bare run of digits is decimal (as ``items/ids`` gives it);
    otherwise a bare 16-digit id is hex, as in the long form.
    """
    text = value.strip()
    if text.startswith(LONG_PREFIX):
        number = _hex(text[len(LONG_PREFIX) :], value)
    elif text.isascii() and text.isdigit() and (decimal or len(text) != 16):
        number = int(text)
    else:
        number = _hex(text, value)
    if number >= 1 << 64:
        raise ValueError(f"not an item id (over 64 bits): {value!r}")
    return number - (1 << 64) if number >= 1 << 63 else number


def item_to_decimal(item: int) -> str:
    """The unsigned decimal spelling the server takes."""
    return str(item % (1 << 64))


def _hex(digits: str, value: str) -> int:
    if not digits or len(digits) > 16 or not set(digits) <= _HEX:
        raise ValueError(f"not an item id: {value!r}")
    return int(digits, 16)
