"""Starting background work: every worker runs in a thread, owned by the app.

All workers are started on the app (not on widgets), so their failures reach
one handler, :meth:`tui.reader_app.ReaderApp.on_worker_state_changed`. A job gets its
own library connection (:func:`tui.loaders.open_library`) and reports back by
posting messages; it never touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.worker import Worker


def run_job(
    app: App, job: Callable[[], None], *, group: str, description: str, exclusive: bool = True
) -> Worker[None]:
    """Run ``job`` in a thread worker; ``exclusive`` cancels the group's older jobs.

    A cancelled thread still runs to its end, so every message carries what is
    needed to recognise and drop a stale answer.
    """
    return app.run_worker(
        job,
        name=description,
        group=group,
        exclusive=exclusive,
        thread=True,
        exit_on_error=False,
    )
