"""The reader bench's table: medians by key and size, newsreader beside newsboat, and
the goals met or not."""

from __future__ import annotations

import statistics

from reader_session import (
    KEYS,
    Figures,
)

GOAL_FIRST_WALL = 0.4
GOAL_FIRST_CPU = 0.25
GOAL_GOAL_SIZE = 100_000
GOAL_RATIO = 1.5
GOAL_KEY_CPU_MS = 16.0
GOAL_KEY_SETTLE_MS = 30.0
GOAL_QUIT_MS = 50.0
GOAL_BYTES = {"j": 2048, "Enter": 8192, "?": 16384}
GOAL_HELP_CPU_MS = 150.0


def _median(values: list[float] | list[int]) -> float | None:
    return statistics.median(values) if values else None


def _cell(value: float | None, scale: float = 1.0, digits: int = 1) -> str:
    return "—" if value is None else f"{value * scale:,.{digits}f}"


def _ratio(top: float | None, bottom: float | None) -> str:
    if top is None or bottom is None or bottom == 0:
        return "—"
    return f"{top / bottom:.2f}"


def _rows(figures: Figures) -> dict[str, float | None]:
    """Every figure of the table by row label (None when not measured)."""
    found: dict[str, float | None] = {
        "first frame, wall (s)": _median(figures.first_wall),
        "first frame, CPU (s)": _median(figures.first_cpu),
        "first article beside it, wall (s)": _median(figures.article_wall),
        "newsboat: Enter to its article list (s)": _median(figures.open_list),
        "quit, wall (ms)": None if not figures.quit_wall else _median(figures.quit_wall) * 1000,  # type: ignore[operator]
        "peak RSS (MB)": max(figures.rss_mb) if figures.rss_mb else None,
        "idle CPU (ms per s)": None if not figures.idle_cpu else _median(figures.idle_cpu) * 1000,  # type: ignore[operator]
        "idle bytes per s": _median(figures.idle_bytes),
    }
    for key in KEYS:
        settle, cpu = _median(figures.settle.get(key, [])), _median(figures.cpu.get(key, []))
        found[f"{key}: settled (ms)"] = None if settle is None else settle * 1000
        found[f"{key}: CPU (ms)"] = None if cpu is None else cpu * 1000
        found[f"{key}: bytes"] = _median(figures.bytes.get(key, []))
    return found


def _note(figures: Figures, label: str) -> str:
    key = label.split(":")[0]
    if key in figures.absent:
        return "no such key"
    if key in figures.unbound:
        return "not bound"
    return ""


def print_table(
    sizes: list[int],
    ours: dict[int, Figures],
    theirs: dict[int, Figures],
    help_figures: tuple[float, float],
) -> list[tuple[str, bool]]:
    """Print the table; return the goals with whether each was met."""
    small, large = min(sizes), max(sizes)
    rows = {size: _rows(ours[size]) for size in sizes}
    nb_rows = {size: _rows(theirs[size]) for size in theirs}
    header = ["measure"]
    for size in sizes:
        header.append(f"ours {size:,}")
        if size in theirs:
            header += [f"newsboat {size:,}", "ours/nb"]
    header.append(f"ours {large:,}/{small:,}")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    digits = {"bytes": 0, "RSS": 0}
    for label in rows[small]:
        cells = [label]
        places = next((d for word, d in digits.items() if word in label), 1 if "ms" in label else 3)
        for size in sizes:
            note = _note(ours[size], label)
            cells.append(note or _cell(rows[size][label], digits=places))
            if size in theirs:
                nb_note = _note(theirs[size], label)
                cells.append(nb_note or _cell(nb_rows[size][label], digits=places))
                cells.append(_ratio(rows[size][label], nb_rows[size][label]))
        cells.append(_ratio(rows[large][label], rows[small][label]))
        print("| " + " | ".join(cells) + " |")
    for size in sizes:
        for name, found in (("newsreader", ours.get(size)), ("newsboat", theirs.get(size))):
            for failure in found.failures if found else []:
                print(f"\n{name} at {size:,}: a session stopped: {failure}")
    wall, cpu = help_figures
    print(f"\n`newsreader --help`: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU (median)")
    return _goals(sizes, rows, nb_rows, ours, help_figures)


def _goals(sizes, rows, nb_rows, ours, help_figures) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    small, large = min(sizes), max(sizes)
    at = GOAL_GOAL_SIZE if GOAL_GOAL_SIZE in sizes else large
    goals: list[tuple[str, bool]] = []

    def check(label: str, value: float | None, limit: float | None) -> None:
        if value is not None and limit is not None:
            goals.append((f"{label}: {value:,.3g} <= {limit:,.3g}", value <= limit))

    check(f"first frame wall at {at:,} (s)", rows[at]["first frame, wall (s)"], GOAL_FIRST_WALL)
    check(f"first frame CPU at {at:,} (s)", rows[at]["first frame, CPU (s)"], GOAL_FIRST_CPU)
    if at in nb_rows:
        for label in ("first frame, wall (s)", "first frame, CPU (s)"):
            check(f"{label} at {at:,} vs newsboat", rows[at][label], nb_rows[at][label])
    if large != small:
        for label in ["first frame, wall (s)", "first frame, CPU (s)"] + [
            f"{key}: {what}" for key in KEYS for what in ("settled (ms)", "CPU (ms)")
        ]:
            top, bottom = rows[large][label], rows[small][label]
            if top is not None and bottom:
                check(f"{label} {large:,}/{small:,}", top / bottom, GOAL_RATIO)
    for size in sizes:
        for key in KEYS:
            check(f"{key} CPU at {size:,} (ms)", rows[size][f"{key}: CPU (ms)"], GOAL_KEY_CPU_MS)
            check(
                f"{key} settled at {size:,} (ms)",
                rows[size][f"{key}: settled (ms)"],
                GOAL_KEY_SETTLE_MS,
            )
            check(f"{key} bytes at {size:,}", rows[size][f"{key}: bytes"], GOAL_BYTES.get(key))
        check(f"quit at {size:,} (ms)", rows[size]["quit, wall (ms)"], GOAL_QUIT_MS)
    check("newsreader --help CPU (ms)", help_figures[1] * 1000, GOAL_HELP_CPU_MS)
    for size in sizes:
        for key in sorted(ours[size].unbound):
            goals.append((f"{key} at {size:,}: not bound", False))
    return goals
