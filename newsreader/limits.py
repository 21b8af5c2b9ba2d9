"""How long anything taken from outside may be: titles, names, links, ids and article text.

A feed entry under the size caps can still hold a 9 MB title; a file can be
one 4.5 MB line. Nothing downstream (storing, enriching, laying out a list)
should pay for that, so every field is cut on the way in: one-line fields at
a fixed length (with an ellipsis), ids past their length replaced by a hash
of themselves (still unique, still stable), links past theirs refused, and
article text at ``[library] max_text_chars`` with a note saying it was cut.
"""

from __future__ import annotations

#: Characters kept of an article's title.
MAX_TITLE_CHARS = 300
#: Characters kept of an author's name, a feed's or a source's name.
MAX_NAME_CHARS = 200
#: Characters kept of a topic (a feed category, a file's topic) and topics kept per article.
MAX_TOPIC_CHARS = 80
MAX_TOPICS = 12
#: A guid or id longer than this is replaced by a hash of it.
MAX_ID_CHARS = 1000
#: A link longer than this is not a link we keep (browsers and servers refuse them too).
MAX_URL_CHARS = 8000
#: Raw markup read for each character of text kept: markup is mostly tags.
MARKUP_PER_TEXT_CHAR = 8


def cut_line(value: str, limit: int) -> str:
    """``value`` cut to at most ``limit`` characters, at a space when one is near, with "…"."""
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 3 // 4:
        cut = cut[:space]
    return cut.rstrip() + "\u2026"


def bounded_id(value: str) -> str:
    """An id kept as it is when short enough, else ``sha1:`` and the hash of all of it."""
    if len(value) <= MAX_ID_CHARS:
        return value
    import hashlib  # OpenSSL's: loaded for the rare overlong id, not at every start

    digest = hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()
    return f"sha1:{digest}"


def truncation_note(limit: int) -> str:
    """The line that ends a text cut at ``limit`` characters."""
    return f"[Truncated: the text is longer than {limit:,} characters; the rest is not kept.]"


def cut_text(text: str, limit: int) -> str:
    """``text`` cut to about ``limit`` characters at a paragraph or sentence end, with a note.

    The note (:func:`truncation_note`) is its own last paragraph, so the
    reader and ``show`` say visibly that the text is not whole.
    """
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for mark in ("\n\n", "\n", ". ", " "):
        end = cut.rfind(mark)
        if end > limit * 9 // 10:
            cut = cut[: end + len(mark.rstrip(" "))]
            break
    return cut.rstrip() + "\n\n" + truncation_note(limit)


def raw_markup_limit(text_limit: int) -> int:
    """How much raw HTML is worth reading to make at most ``text_limit`` characters of text."""
    return text_limit * MARKUP_PER_TEXT_CHAR
