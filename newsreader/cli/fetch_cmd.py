"""``newsreader fetch [FEED...]``: refresh feeds, fetching full text and enriching ahead."""

from __future__ import annotations

from collections.abc import Iterator

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsreader.cli.context import AppContext, console, is_terminal, pass_app
from newsreader.cli.run_output import timings_line, timings_option
from newsreader.ingest import (
    BatchEnriched,
    Event,
    FeedFailed,
    FeedResult,
    FeedStored,
    FetchReport,
    RetentionApplied,
    RunFinished,
)
from newsreader.safetext import one_line


@click.command("fetch")
@click.argument("feeds", nargs=-1)
@click.option(
    "--no-enrich",
    is_flag=True,
    help="Only store the new articles; `newsreader enrich` summarises them later.",
)
@timings_option
@click.pass_context
@pass_app
def command(
    app: AppContext, ctx: click.Context, feeds: tuple[str, ...], no_enrich: bool, timings: bool
) -> None:
    """Fetch new articles from every feed, or from the FEEDS named (id, URL or title).

    Exits with status 1 when some feed failed (see `newsreader feeds`). New articles
    are summarised and given topics and stories in the same run, so reading them is
    offline; with --no-enrich that is left to `newsreader enrich`.
    """
    from newsreader.feeds import UnknownFeedError, choose_feeds
    from newsreader.ingest import refresh

    settings = app.settings
    with app.open_library(writing=True) as library:
        if not feeds and not library.has_refresh_sources():
            click.echo("No feeds yet: subscribe with `newsreader add URL`.")
            return
        try:
            chosen = choose_feeds(library, list(feeds)) if feeds else None
        except UnknownFeedError as exc:
            raise click.ClickException(str(exc)) from None
        events = refresh(library, settings, chosen, enrich=not no_enrich)
        report = _with_bar(events) if is_terminal() else _with_lines(events)
    print_report(report, lines_printed=not is_terminal())
    if timings:
        click.echo(timings_line(report.seconds))
    if not report.ok:
        ctx.exit(1)


def _with_lines(events: Iterator[Event]) -> FetchReport:
    """Plain output: one line per feed as it is stored, then the report."""
    report = FetchReport()
    for event in events:
        if isinstance(event, FeedStored | FeedFailed):
            progress = event.progress
            click.echo(
                f"[{progress.feeds_done}/{progress.feeds_total}] {_result_line(event.result)}"
            )
            for error in event.result.errors:
                click.echo(f"  error: {one_line(error)}")
            for note in event.result.notes:
                click.echo(f"  note: {one_line(note)}")
        elif isinstance(event, RetentionApplied) and (event.deleted or event.kept_starred):
            click.echo(_retention_line(event))
        elif isinstance(event, RunFinished):
            report = event.report
    return report


def _with_bar(events: Iterator[Event]) -> FetchReport:
    """On a terminal: a progress bar while it runs."""
    report = FetchReport()
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
        console=console(),
        transient=True,
    ) as bar:
        task = bar.add_task("feeds", total=None, new=0, pages=0, enriched=0)
        for event in events:
            progress = event.progress
            bar.update(
                task,
                total=progress.feeds_total,
                completed=progress.feeds_done,
                new=progress.articles_new,
                pages=progress.pages_extracted,
                enriched=progress.articles_enriched,
            )
            if isinstance(event, BatchEnriched) and progress.feeds_done == progress.feeds_total:
                bar.update(task, description="Summarising")
            elif isinstance(event, RetentionApplied) and (event.deleted or event.kept_starred):
                bar.console.print(Text(_retention_line(event)))
            elif isinstance(event, RunFinished):
                report = event.report
    return report


def _retention_line(event: RetentionApplied) -> str:
    return (
        f"retention: {event.deleted} old articles deleted,"
        f" {event.kept_starred} starred ones kept ([library] keep_days, max_per_feed)"
    )


def _result_line(result: FeedResult) -> str:
    return (
        f"{one_line(result.title)}: {result.status}, {result.new} new, {result.updated} updated,"
        f" {result.unchanged} unchanged, {result.pages} pages, {len(result.errors)} errors"
    )


def print_report(report: FetchReport, lines_printed: bool = False) -> None:
    """The end of a fetch: a table per feed on a terminal, a summary line otherwise."""
    summary = (
        f"{len(report.feeds)} feeds: {report.new} new, {report.updated} updated,"
        f" {report.unchanged} unchanged, {report.pages} pages extracted,"
        f" {len(report.failed)} with errors"
    )
    if report.cancelled:
        summary += " (cancelled: what was fetched is kept)"
    if not is_terminal():
        if not lines_printed:
            for result in report.feeds:
                click.echo(_result_line(result))
                for error in result.errors:
                    click.echo(f"  error: {one_line(error)}")
                if result.notes:
                    click.echo(f"  note: {_notes_line(result.notes)}")
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
    for result in report.feeds:
        if result.notes:
            out.print(Text(f"{one_line(result.title)}: {_notes_line(result.notes)}", style="dim"))
    for error in report.errors:
        out.print(Text(one_line(error), style="red"))
    out.print(Text(summary))


def _notes_line(notes: tuple[str, ...]) -> str:
    """A feed's notes (warnings, not errors) as one line."""
    more = f" (and {len(notes) - 1} more)" if len(notes) > 1 else ""
    return one_line(notes[0]) + more
