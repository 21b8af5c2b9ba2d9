"""Printing stories (``newsreader list --stories``): a story row, its reports under it."""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table
from rich.text import Text

from newsreader.cli.context import console, is_terminal
from newsreader.cli.output import iso, print_json, row_as_dict, short_date
from newsreader.models import Story
from newsreader.safetext import one_line


def story_as_dict(story: Story) -> dict[str, Any]:
    """A story as JSON-ready data: headline, size, outlets, span, reports, summary."""
    return {
        "id": story.row.id,
        "title": story.row.title,
        "reports": story.row.size,
        "sources": list(story.row.sources),
        "first_seen": iso(story.row.first_seen),
        "last_seen": iso(story.row.last_seen),
        "articles": [row_as_dict(row) for row in story.articles],
        "summary": [
            {"text": s.text, "article_id": s.article_id, "source": s.source} for s in story.summary
        ],
    }


def _reports(count: int) -> str:
    return f"{count} report" + ("" if count == 1 else "s")


def print_stories(stories: list[Story], as_json: bool = False) -> None:
    """Stories newest first: a table on a terminal, tab-separated lines in a pipe."""
    if as_json:
        print_json([story_as_dict(story) for story in stories])
        return
    if not is_terminal():
        for story in stories:
            row = story.row
            click.echo(
                f"{row.id}\t{short_date(row.last_seen)}\t{_reports(row.size)}\t"
                f"{', '.join(one_line(s) for s in row.sources)}\t{one_line(row.title)}"
            )
            for article in story.articles:
                click.echo(
                    f"\t{article.id}\t{short_date(article.when)}\t{one_line(article.source)}\t"
                    f"{one_line(article.title)}"
                )
        return
    table = Table(box=None, pad_edge=False, show_edge=False)
    for name, justify in (
        ("id", "right"),
        ("date", "left"),
        ("reports", "left"),
        ("outlets / source", "left"),
        ("headline", "left"),
    ):
        table.add_column(name, justify=justify, no_wrap=name != "headline")  # type: ignore[arg-type]
    for story in stories:
        row = story.row
        table.add_row(
            str(row.id),
            short_date(row.last_seen),
            _reports(row.size),
            Text(", ".join(one_line(s) for s in row.sources)),
            Text(one_line(row.title), style="bold"),
        )
        for article in story.articles:
            table.add_row(
                Text(f"  {article.id}", style="dim"),
                Text(short_date(article.when), style="dim"),
                "",
                Text(one_line(article.source), style="dim"),
                Text("  " + one_line(article.title)),
            )
    console().print(table)
