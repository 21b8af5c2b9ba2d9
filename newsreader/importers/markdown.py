"""Reading Markdown files: the text without markup, the title from a leading ``# heading``.

A front matter block (``---`` lines around ``key: value`` lines, as Jekyll and
Hugo write) may give ``title``, ``date``/``published``, ``author``,
``source``, ``url`` and ``topics``/``tags``. Headings below the title, list
items (with a "•"), quotes and code are kept as paragraphs; images, HTML tags
and link targets are dropped (link text is kept).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from newsreader.importers.base import FileContext, Record
from newsreader.importers.dates import parse_date
from newsreader.importers.plaintext import article_from_paragraphs
from newsreader.text.boilerplate import remove_boilerplate
from newsreader.text.paragraphs import normalize
from newsreader.text.walker import html_paragraphs

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY_VALUE = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*)")
_PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def read(text: str, ctx: FileContext) -> list[Record]:
    """The article in a Markdown file."""
    meta, body = split_front_matter(text)
    tokens = _PARSER.parse(body)
    title = meta.get("title") or None
    blocks = _blocks(tokens)
    if blocks and blocks[0][0] == "h1":
        heading = blocks.pop(0)[1]
        title = title or heading
    paragraphs = remove_boilerplate(normalize(text) for _, text in blocks)
    published = parse_date(meta.get("date") or meta.get("published") or "")
    topics = _list_value(meta.get("topics") or meta.get("tags") or "")
    return [
        article_from_paragraphs(
            [p for p in paragraphs if p],
            ctx,
            title,
            published=published,
            author=meta.get("author") or None,
            url=meta.get("url") or None,
            source=meta.get("source") or None,
            topics=topics,
        )
    ]


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple ``key: value`` front matter (quotes removed) and the rest of the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        pair = _KEY_VALUE.fullmatch(line.strip())
        if pair:
            meta[pair.group(1).lower()] = pair.group(2).strip().strip("'\"")
    return meta, text[match.end() :]


def _list_value(value: str) -> list[str]:
    return [item.strip().strip("'\"") for item in value.strip("[]").split(",") if item.strip()]


def _blocks(tokens: list[Token]) -> list[tuple[str, str]]:
    """(kind, text) of each block: ``h1``..``h6``, ``p``, ``li``, ``code``, ``html``, ``table``."""
    blocks: list[tuple[str, str]] = []
    in_item = 0
    item_started = False
    row: list[str] = []
    context: list[str] = []
    for token in tokens:
        kind = token.type
        if kind == "list_item_open":
            in_item += 1
            item_started = False
        elif kind == "list_item_close":
            in_item -= 1
        elif kind == "heading_open":
            context.append(token.tag)
        elif kind in ("heading_close",):
            context.pop()
        elif kind in ("th_open", "td_open"):
            context.append("cell")
        elif kind in ("th_close", "td_close"):
            context.pop()
        elif kind == "tr_close":
            blocks.append(("table", " · ".join(cell for cell in row if cell)))
            row = []
        elif kind == "inline":
            text = _inline_text(token.children or [])
            if context and context[-1] == "cell":
                row.append(text)
            elif context:
                blocks.append((context[-1], text))
            elif in_item and not item_started:
                blocks.append(("li", "• " + text))
                item_started = True
            else:
                blocks.append(("p", text))
        elif kind in ("fence", "code_block"):
            blocks.append(("code", token.content.rstrip("\n")))
        elif kind == "html_block":
            blocks.extend(
                ("html", part) for part in html_paragraphs(token.content, furniture=False)
            )
    return [(kind, text) for kind, text in blocks if text.strip()]


def _inline_text(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        # images, inline HTML and link targets are left out; link text is a text token
    return "".join(parts).strip()
