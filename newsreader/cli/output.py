"""Printing articles: rich tables on a terminal, plain lines or JSON otherwise."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from newsreader.cli.context import console, is_terminal
from newsreader.models import Article, ArticleRow
from newsreader.safetext import json_text, one_line, plain_text


def iso(moment: datetime | None) -> str | None:
    """An ISO 8601 UTC timestamp, or None."""
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else None


def short_date(moment: datetime) -> str:
    """``2022-07-29`` style date for lists."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d")


def row_as_dict(row: ArticleRow) -> dict[str, Any]:
    """An article list row as JSON-ready data."""
    return {
        "id": row.id,
        "title": row.title,
        "source": row.source,
        "url": row.url,
        "published": iso(row.published),
        "added": iso(row.added),
        "read": row.read,
        "starred": row.starred,
        "story_id": row.story_id,
    }


def article_as_dict(article: Article) -> dict[str, Any]:
    """A whole article as JSON-ready data."""
    data = row_as_dict(article)
    data.update(
        author=article.author,
        guid=article.guid,
        language=article.language,
        topics=list(article.topics),
        text=article.text,
    )
    return data


def print_json(data: Any) -> None:
    """JSON on standard output, every terminal-unsafe character escaped (C1, bidi, invisible)."""
    click.echo(json_text(data, indent=2))


def print_rows(rows: list[ArticleRow]) -> None:
    """A list of articles: a table on a terminal, tab-separated lines in a pipe."""
    if not is_terminal():
        for row in rows:
            flags = ("" if row.read else "N") + ("*" if row.starred else "")
            click.echo(
                f"{row.id}\t{short_date(row.when)}\t{flags}\t{one_line(row.source)}\t"
                f"{one_line(row.title)}"
            )
        return
    table = Table(box=None, pad_edge=False, show_edge=False)
    for name, justify in (
        ("id", "right"),
        ("date", "left"),
        ("", "left"),
        ("source", "left"),
        ("title", "left"),
    ):
        table.add_column(name, justify=justify, no_wrap=name != "title")  # type: ignore[arg-type]
    for row in rows:
        flags = ("•" if not row.read else " ") + ("★" if row.starred else " ")
        table.add_row(
            str(row.id),
            short_date(row.when),
            flags,
            Text(one_line(row.source)),
            Text(one_line(row.title), style="bold" if not row.read else ""),
        )
    console().print(table)


def print_article(article: Article) -> None:
    """One article as readable plain text."""
    out = console()
    out.print(Text(one_line(article.title), style="bold"))
    meta = [one_line(article.source), short_date(article.when)]
    if article.author:
        meta.append(one_line(article.author))
    out.print(Text(" · ".join(meta), style="dim"))
    if article.url:
        out.print(Text(one_line(article.url), style="dim"))
    if article.topics:
        out.print(Text("Topics: " + ", ".join(one_line(t) for t in article.topics), style="dim"))
    out.print()
    out.print(Text(plain_text(article.text)))
