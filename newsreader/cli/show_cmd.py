"""``newsreader show``: print one article."""

from __future__ import annotations

import click

from newsreader.cli.context import AppContext, pass_app
from newsreader.cli.output import article_as_dict, print_article, print_json
from newsreader.store.feeds import MAX_ROW_ID


@click.command("show")
@click.argument("article_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@pass_app
def command(app: AppContext, article_id: int, as_json: bool) -> None:
    """Print one article: title, source, date, link, topics and text."""
    if not 0 < article_id <= MAX_ROW_ID:  # no row has it (and SQLite cannot take it)
        raise click.ClickException(f"no article with id {article_id}")
    with app.open_library() as library:
        article = library.get_article(article_id)
    if article is None:
        raise click.ClickException(f"no article with id {article_id}")
    if as_json:
        print_json(article_as_dict(article))
    else:
        print_article(article)
