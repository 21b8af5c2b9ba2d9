"""``newsreader import``: add local files and folders to the library.

Each file gets one line of result, and the run ends with totals. On a
terminal, imports of more than :data:`PROGRESS_MIN_FILES` files show a
progress bar; piped output is plain lines. Exit status: 0 when everything
was imported (or already present), 1 when any file or record was skipped as
bad input, 2 for usage errors, 130 when interrupted (Ctrl-C): articles stored
before the interruption stay, the one being stored is rolled back. Articles go
through the ingest pipeline: stored in batches of files (each file whole or
not at all), enriched in batches (or later, by ``newsreader enrich``, with
``--no-enrich``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from newsreader.cli.context import AppContext, console, is_terminal, pass_app
from newsreader.cli.run_output import timings_line, timings_option
from newsreader.cli.samples_cmd import drop_samples
from newsreader.importers.files import Found, Ignored, Problem, walk
from newsreader.importers.readers import importable
from newsreader.importers.runner import Summary
from newsreader.ingest import Event, FetchReport, FileImported, RunFinished, import_files
from newsreader.safetext import one_line

#: Imports of more files than this show a progress bar on a terminal.
PROGRESS_MIN_FILES = 20
#: Exit status after Ctrl-C (the shell convention: 128 + SIGINT).
EXIT_INTERRUPTED = 130


@click.command("import")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--topic",
    "topics",
    multiple=True,
    metavar="NAME",
    help="Add this topic to every imported article (repeatable).",
)
@click.option(
    "--no-enrich",
    is_flag=True,
    help="Only store the articles; `newsreader enrich` summarises them later.",
)
@timings_option
@pass_app
def command(
    app: AppContext,
    paths: tuple[str, ...],
    topics: tuple[str, ...],
    no_enrich: bool,
    timings: bool,
) -> None:
    """Import articles from files and folders (folders recursively).

    Reads .txt, .md, .html/.htm, .json (an object or an array of objects) and
    .jsonl (one object per line; keys title, text, and optionally url,
    published, author, topics, source, language). Hidden files and folders
    are skipped; importing a file again adds nothing. Articles that do not
    name their outlet get their folder's name as source.

    Exit status: 0 when all went in (or was already there), 1 when a file or
    record was skipped, 130 when interrupted (what was stored stays).
    """
    cleaned = tuple(one_line(topic) for topic in topics)
    if any(not topic for topic in cleaned):
        raise click.BadParameter("a topic name cannot be empty", param_hint="--topic")
    summary = Summary()
    with app.open_library(writing=True) as library:
        try:
            entries: list[Found | Problem] = []
            for entry in walk(paths, importable):
                if isinstance(entry, Ignored):
                    summary.ignored += 1
                else:
                    entries.append(entry)
            report = _run(
                import_files(library, app.settings, entries, cleaned, enrich=not no_enrich),
                len(entries),
                summary,
            )
        except KeyboardInterrupt:
            click.echo(
                f"interrupted: {summary.added} added before Ctrl-C; the library is consistent",
                err=True,
            )
            sys.exit(EXIT_INTERRUPTED)
        drop_samples(library)
    for error in report.errors:
        click.echo(f"warning: {one_line(error)}")
    click.echo(summary.line())
    if timings:
        click.echo(timings_line(report.seconds))
    if summary.failed:
        sys.exit(1)


def _run(events: Iterator[Event], files: int, summary: Summary) -> FetchReport:
    """Draw the import's events; the run's report at the end."""
    if not (is_terminal() and files > PROGRESS_MIN_FILES):
        return _loop(events, summary, click.echo, lambda: None)
    out = console()
    with Progress(
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=out,
        transient=True,
    ) as progress:
        task = progress.add_task("import", total=files)
        return _loop(
            events,
            summary,
            lambda line: progress.console.print(Text(line)),
            lambda: progress.advance(task),
        )


def _loop(
    events: Iterator[Event],
    summary: Summary,
    say: Callable[[str], None],
    advance: Callable[[], None],
) -> FetchReport:
    report = FetchReport()
    for event in events:
        if isinstance(event, FileImported):
            summary.count(event.report)
            for line in event.report.lines():
                say(one_line(line))  # details quote file names, link targets, file text
            advance()
        elif isinstance(event, RunFinished):
            report = event.report
    return report
