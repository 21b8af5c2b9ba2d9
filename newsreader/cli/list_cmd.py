"""``newsreader list``: print matching articles, newest first."""

from __future__ import annotations

import click

from newsreader.cli.context import AppContext, pass_app
from newsreader.cli.output import print_json, print_rows, row_as_dict
from newsreader.models import ArticleQuery


@click.command("list")
@click.option(
    "--topic", "topics", multiple=True, metavar="T", help="Only this topic (repeat: all of them)."
)
@click.option("--search", metavar="Q", help="Full-text search over titles and texts.")
@click.option("--unread", is_flag=True, help="Only unread articles.")
@click.option("--starred", is_flag=True, help="Only starred articles.")
@click.option(
    "--limit",
    default=50,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="How many to print.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--stories", is_flag=True, help="One row per story, with its reports under it.")
@pass_app
def command(
    app: AppContext,
    topics: tuple[str, ...],
    search: str | None,
    unread: bool,
    starred: bool,
    limit: int,
    as_json: bool,
    stories: bool,
) -> None:
    """List articles, newest first."""
    if stories:
        from newsreader.cli.stories_output import print_stories
        from newsreader.stories.story_summary import load_story

        if topics or search or unread or starred:
            raise click.UsageError(
                "--stories lists every story: drop --topic, --search, --unread, --starred"
            )
        with app.open_library() as library:
            found = [
                load_story(library, row.id, app.settings)
                for row in library.list_stories(limit=limit)
            ]
        print_stories([story for story in found if story is not None], as_json)
        return
    query = ArticleQuery(topics=topics, search=search, unread=unread, starred=starred)
    with app.open_library() as library:
        rows = library.list_articles(query, limit=limit)
    if as_json:
        print_json([row_as_dict(row) for row in rows])
    else:
        print_rows(rows)
