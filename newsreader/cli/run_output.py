"""Lines shared by the commands that run the ingest pipeline (fetch, import, enrich)."""

from __future__ import annotations

import click

#: The ``--timings`` option of those commands.
timings_option = click.option(
    "--timings",
    is_flag=True,
    help="At the end, print the CPU seconds spent in each stage (to see where time goes).",
)


def timings_line(seconds: dict[str, float]) -> str:
    """``timings (CPU s): summary 3.2, topics 2.1, ...``, the largest first."""
    parts = [
        f"{stage} {spent:.2f}" for stage, spent in sorted(seconds.items(), key=lambda i: -i[1])
    ]
    return "timings (CPU s): " + (", ".join(parts) or "none")
