"""The top-level ``newsreader`` group: global options and command registration."""

from __future__ import annotations

import click

from newsreader import __version__
from newsreader.cli.context import AppContext
from newsreader.cli.lazy import LazyCommand, LazyGroup

#: Every command, its module and the line ``newsreader --help`` lists for it
#: (a test checks each line against the command's own docstring).
COMMANDS = {
    "read": LazyCommand("newsreader.cli.read_cmd", "Open the reader (the default command)."),
    "import": LazyCommand(
        "newsreader.cli.import_cmd", "Import articles from files and folders (folders recursively)."
    ),
    "list": LazyCommand("newsreader.cli.list_cmd", "List articles, newest first."),
    "show": LazyCommand(
        "newsreader.cli.show_cmd", "Print one article: title, source, date, link, topics and text."
    ),
    "stats": LazyCommand(
        "newsreader.cli.stats_cmd", "Counts by source and topic, with the library's path and size."
    ),
    "config": LazyCommand(
        "newsreader.cli.config_cmd",
        "Print the config file's path and every setting in effect, each with its meaning.",
    ),
    "add": LazyCommand(
        "newsreader.cli.add_cmd",
        "Subscribe to the feed at URL; a site's address works too (its linked feed is used).",
    ),
    "feeds": LazyCommand(
        "newsreader.cli.feeds_cmd",
        "List subscribed feeds: title, url, articles, unread, last fetched, last error.",
    ),
    "remove": LazyCommand(
        "newsreader.cli.remove_cmd",
        "Unsubscribe from FEED (its id, URL or title) and delete its articles but the starred.",
    ),
    "fetch": LazyCommand(
        "newsreader.cli.fetch_cmd",
        "Fetch new articles from every feed, or from the FEEDS named (id, URL or title).",
    ),
    "enrich": LazyCommand(
        "newsreader.cli.enrich_cmd",
        "Summarise and give topics and stories to stored articles that wait for it.",
    ),
    "opml": LazyCommand("newsreader.cli.opml_cmd", "Import or export subscriptions as OPML."),
    "summarize": LazyCommand(
        "newsreader.cli.summarize_cmd",
        "Print the extractive summary of FILE, standard input (-) or a web page (URL).",
    ),
    "account": LazyCommand(
        "newsreader.cli.account_cmd",
        "Sync with a feed server (FreshRSS, Miniflux) through the Google Reader API.",
    ),
    "samples": LazyCommand(
        "newsreader.cli.samples_cmd", "Add or remove the bundled sample articles (a demo library)."
    ),
    "topics": LazyCommand(
        "newsreader.cli.topics_cmd", "List topics with their article and unread counts."
    ),
}


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--library",
    "library",
    metavar="PATH",
    envvar=None,
    help="Library file to use (default: $NEWSREADER_HOME/library.sqlite or the user data dir).",
)
@click.version_option(__version__, prog_name="newsreader")
@click.pass_context
def main(ctx: click.Context, library: str | None) -> None:
    """A terminal news reader with offline summaries, topics and stories.

    Run without a command to open the reader.
    """
    ctx.obj = AppContext(library_option=library)
    if ctx.invoked_subcommand is None:
        from newsreader.cli.read_cmd import read

        ctx.invoke(read)
