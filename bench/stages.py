"""The CPU seconds by stage a run prints (``--timings``), split by process."""

from __future__ import annotations

#: How the timings name a stage measured in the worker process, and the wall
#: seconds the enriching process waited for the worker.
WORKER = " (worker)"
WAITED = "waiting on worker (wall)"


def by_process(seconds: dict[str, float]) -> str:
    """``main 12.3 s CPU (story 7.0, ...); worker 9.1 s (...); main waited 0.4 s``."""
    main = {k: v for k, v in seconds.items() if not k.endswith(WORKER) and k != WAITED}
    worker = {k[: -len(WORKER)]: v for k, v in seconds.items() if k.endswith(WORKER)}

    def listed(stages: dict[str, float]) -> str:
        top = sorted(stages.items(), key=lambda item: -item[1])
        return ", ".join(f"{stage} {value:.1f}" for stage, value in top if value >= 0.05)

    return (
        f"main {sum(main.values()):.1f} s ({listed(main)}); worker {sum(worker.values()):.1f} s"
        f" ({listed(worker)}); main waited {seconds.get(WAITED, 0.0):.1f} s for the worker"
    )
