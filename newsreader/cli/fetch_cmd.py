"""``newsreader fetch [FEED...]``: refresh feeds, fetching full text and summarising ahead."""

from __future__ import annotations

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsreader.cli.context import AppContext, console, is_terminal, pass_app
from newsreader.safetext import one_line


@click.command("fetch")
@click.argument("feeds", nargs=-1)
@click.pass_context
@pass_app
def command(app: AppContext, ctx: click.Context, feeds: tuple[str, ...]) -> None:
    """Fetch new articles from every feed, or from the FEEDS named (id, URL or title).

    Exits with status 1 when some feed failed (see `newsreader feeds`). New articles
    are summarised and given topics in the same run, so reading them is offline.
    """
    from newsreader.feeds import UnknownFeedError, fetch_feeds

    settings = app.settings
    with app.open_library() as library:
        if not feeds and not library.list_feeds() and library.sync_account() is None:
            click.echo("No feeds yet: subscribe with `newsreader add URL`.")
            return
        try:
            if is_terminal():
                report = _with_progress(library, settings, list(feeds) or None)
            else:
                report = fetch_feeds(library, settings, list(feeds) or None, _plain_progress)
        except UnknownFeedError as exc:
            raise click.ClickException(str(exc)) from None
    print_report(report, lines_printed=not is_terminal())
    if not report.ok:
        ctx.exit(1)


def _plain_progress(event) -> None:
    if event.kind == "feed" and event.result is not None:
        result = event.result
        click.echo(
            f"[{event.feeds_done}/{event.feeds_total}] {one_line(result.title)}: {result.status},"
            f" {result.new} new, {result.updated} updated, {result.unchanged} unchanged,"
            f" {result.pages} pages, {len(result.errors)} errors"
        )
        for error in result.errors:
            click.echo(f"  error: {one_line(error)}")


def _with_progress(library, settings, feeds):
    from newsreader.feeds import fetch_feeds

    out = console()
    with Progress(
        TextColumn("Fetching"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("feeds"),
        TextColumn(
            "{task.fields[new]} new articles, {task.fields[pages]} pages extracted,"
            " {task.fields[enriched]} summarised"
        ),
        TimeElapsedColumn(),
        console=out,
        transient=True,
    ) as bar:
        task = bar.add_task("feeds", total=None, new=0, pages=0, enriched=0)

        def show(event) -> None:
            bar.update(
                task,
                total=event.feeds_total,
                completed=event.feeds_done,
                new=event.articles_new,
                pages=event.pages_extracted,
                enriched=event.articles_enriched,
            )

        return fetch_feeds(library, settings, feeds, show)


def print_report(report, lines_printed: bool = False) -> None:
    """The end of a fetch: a table per feed on a terminal, a summary line otherwise."""
    summary = (
        f"{len(report.feeds)} feeds: {report.new} new, {report.updated} updated,"
        f" {report.unchanged} unchanged, {report.pages} pages extracted,"
        f" {len(report.failed)} with errors"
    )
    if not is_terminal():
        if not lines_printed:
            for result in report.feeds:
                _plain_progress_line(result)
        for error in report.errors:
            click.echo(f"error: {one_line(error)}")
        click.echo(summary)
        return
    table = Table(box=None, pad_edge=False, show_edge=False)
    for name, justify in (
        ("feed", "left"),
        ("status", "left"),
        ("new", "right"),
        ("updated", "right"),
        ("unchanged", "right"),
        ("pages", "right"),
        ("errors", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for result in report.feeds:
        table.add_row(
            Text(one_line(result.title)),
            result.status,
            str(result.new),
            str(result.updated),
            str(result.unchanged),
            str(result.pages),
            Text(str(len(result.errors)), style="red" if result.errors else ""),
        )
    out = console()
    out.print(table)
    for result in report.failed:
        out.print(Text(f"{one_line(result.title)}: {one_line(result.errors[0])}", style="red"))
        if len(result.errors) > 1:
            out.print(Text(f"  and {len(result.errors) - 1} more errors", style="red"))
    for error in report.errors:
        out.print(Text(one_line(error), style="red"))
    out.print(Text(summary))


def _plain_progress_line(result) -> None:
    click.echo(
        f"{one_line(result.title)}: {result.status}, {result.new} new, {result.updated} updated,"
        f" {result.unchanged} unchanged, {result.pages} pages, {len(result.errors)} errors"
    )
    for error in result.errors:
        click.echo(f"  error: {one_line(error)}")
