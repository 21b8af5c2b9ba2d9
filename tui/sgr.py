"""Terminal styles as SGR sequences: the style a sequence leaves, and the shortest
sequence from one style to another (:mod:`tui.wire` follows and sends them)."""

from __future__ import annotations

#: SGR parameters that switch attributes off, and the attributes each switches off.
_SGR_OFF = {
    "22": {"1", "2"},
    "23": {"3"},
    "24": {"4", "21"},
    "25": {"5", "6"},
    "27": {"7"},
    "28": {"8"},
    "29": {"9"},
    "54": {"51", "52"},
    "55": {"53"},
}

#: A style: (attributes, text colour, background), colours as their SGR codes.
Pen = tuple[frozenset[str], str | None, str | None]
PLAIN: Pen = (frozenset(), None, None)


def apply_sgr(pen: Pen, parameters: str) -> Pen:
    """The style after ``ESC[{parameters}m`` is applied to ``pen``."""
    attributes, fg, bg = set(pen[0]), pen[1], pen[2]
    codes = parameters.split(";") if parameters else ["0"]
    index = 0
    while index < len(codes):
        code = codes[index] or "0"
        index += 1
        if code == "0":
            attributes, fg, bg = set(), None, None
        elif code in ("38", "48") and index < len(codes):
            length = 2 if codes[index] == "5" else 4 if codes[index] == "2" else 0
            colour = ";".join([code, *codes[index : index + length]])
            index += length
            if code == "38":
                fg = colour
            else:
                bg = colour
        elif code == "39":
            fg = None
        elif code == "49":
            bg = None
        elif code in _SGR_OFF:
            attributes -= _SGR_OFF[code]
        elif code.isdigit() and (30 <= int(code) <= 37 or 90 <= int(code) <= 97):
            fg = code
        elif code.isdigit() and (40 <= int(code) <= 47 or 100 <= int(code) <= 107):
            bg = code
        else:
            attributes.add(code)
    return (frozenset(attributes), fg, bg)


def sgr_between(old: Pen | None, new: Pen) -> str:
    """The shortest plain SGR sequence that turns style ``old`` (None: unknown) into ``new``."""
    if old == new:
        return ""
    if old is None or old[0] - new[0]:
        codes = ["0", *sorted(new[0])]
        fg, bg = (None, None)
    else:
        codes = sorted(new[0] - old[0])
        fg, bg = old[1], old[2]
    if new[1] != fg:
        codes.append(new[1] or "39")
    if new[2] != bg:
        codes.append(new[2] or "49")
    return f"\x1b[{';'.join(codes)}m"
