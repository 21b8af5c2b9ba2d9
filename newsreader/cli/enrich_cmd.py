"""``newsreader enrich``: summaries, topics and stories for what is stored and not enriched."""

from __future__ import annotations

import sys

import click

from newsreader.cli.context import AppContext, pass_app
from newsreader.cli.run_output import timings_line, timings_option
from newsreader.safetext import one_line

#: Exit status after Ctrl-C (the shell convention: 128 + SIGINT).
EXIT_INTERRUPTED = 130


@click.command("enrich")
@timings_option
@pass_app
def command(app: AppContext, timings: bool) -> None:
    """Summarise and give topics and stories to stored articles that wait for it.

    They are left by `newsreader fetch --no-enrich`, or by a fetch or import that
    was killed before it finished. Exits with status 1 when some article could
    not be enriched.
    """
    from newsreader.ingest import BatchEnriched, FetchReport, RunFinished, RunStarted, enrich

    report = FetchReport()
    with app.open_library(writing=True) as library:
        try:
            for event in enrich(library, app.settings):
                if isinstance(event, RunStarted):
                    click.echo(f"{event.progress.enrich_waiting} articles to enrich")
                elif isinstance(event, BatchEnriched):
                    progress = event.progress
                    click.echo(
                        f"{progress.articles_enriched} enriched, {progress.enrich_waiting} waiting"
                    )
                elif isinstance(event, RunFinished):
                    report = event.report
        except KeyboardInterrupt:
            click.echo("interrupted: what was enriched is kept", err=True)
            sys.exit(EXIT_INTERRUPTED)
    for error in report.errors:
        click.echo(f"error: {one_line(error)}")
    click.echo(f"{report.enriched} articles enriched")
    if timings:
        click.echo(timings_line(report.seconds))
    if report.errors:
        sys.exit(1)
