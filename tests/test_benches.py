"""Every benchmark in ``bench/`` runs at a tiny size, so none can rot unnoticed.

Each entry runs one script as a user would (a fresh interpreter, from another
folder), at a size that takes seconds, and checks that it exits 0, prints its
table and writes nothing into the checkout. Benches that read the evaluation
data take it with ``--data`` and are skipped with a reason when it is absent.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"

#: Modules of ``bench/`` that are helpers of the scripts, not benchmarks.
HELPERS = {
    *("__init__.py", "batches.py", "ptyterm.py", "readerlib.py", "tagset.py", "prose.py"),
    *("hostilelib.py", "hostilereader.py", "revisions.py", "stages.py"),
    *("fetch_site.py", "fetch_runs.py", "stories_accuracy.py", "stories_speed.py"),
    *("reader_session.py", "reader_programs.py", "reader_table.py"),
}

#: (script, its arguments at a tiny size, a line fragment its table prints,
#: whether it needs ../shared/data). ``{data}`` and ``{tmp}`` are filled in.
TINY = [
    ("library.py", ["--sizes", "100", "200", "--repeat", "1", "--keep", "{tmp}"], "count", False),
    (
        "fetch.py",
        ["--feeds", "2", "--entries", "3", "--repeat", "1", "--second-process"],
        "cold, second process",
        False,
    ),
    ("ingest.py", ["--sizes", "20", "40"], "per article (goal", False),
    ("enrich_outputs.py", ["both", "--feeds", "2", "--entries", "5"], "output lines", False),
    ("sentences.py", ["--data", "{data}"], "goals:", True),
    (
        "stories.py",
        ["--data", "{data}", "--size", "300", "--placements", "5"]
        + ["--bbc-limit", "20", "--no-sensitivity"],
        "goal:",
        False,
    ),
    (
        "summary_quality.py",
        ["--data", "{data}", "--bbc-limit", "5", "--algorithms", "newsrank"],
        "newsrank",
        True,
    ),
    (
        "summary_cost.py",
        ["--data", "{data}", "--articles", "5", "--rounds", "1"],
        "summary per article",
        False,
    ),
    (
        "summary_speed.py",
        ["--data", "{data}", "--runs", "1", "--sizes", "30,50"],
        "same picks",
        True,
    ),
    ("topics.py", ["--data", "{data}", "--limit", "10", "--articles", "200"], "precision", False),
    (
        "sync.py",
        ["--feeds", "2", "--articles", "5", "--marks", "10", "--repeat", "1"],
        "sync with nothing new",
        False,
    ),
    (
        "hostile.py",
        ["--scale", "0.01", "--cases", "dates,escapes,internal-links", "--seed-articles", "30"]
        + ["--concurrency-minutes", "0.1", "--shows", "2", "--out", "{tmp}"],
        "stars stored",
        False,
    ),
    (
        "reader.py",
        ["--sizes", "200", "--repeat", "1", "--presses", "1", "--no-newsboat"]
        + ["--first-byte", "1", "--keep", "{tmp}"],
        "first frame, wall",
        False,
    ),
]


def _files_in_checkout() -> set[str]:
    skip = {".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}
    found = set()
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [s for s in subfolders if s not in skip and not s.endswith(".egg-info")]
        found.update(os.path.relpath(os.path.join(folder, f), ROOT) for f in files)
    return found


def test_every_bench_script_has_a_tiny_run() -> None:
    scripts = {p.name for p in BENCH.glob("*.py")} - HELPERS
    covered = {script for script, *_ in TINY}
    assert scripts == covered


@pytest.mark.parametrize(
    ("script", "args", "expect", "needs_data"), TINY, ids=[entry[0] for entry in TINY]
)
def test_bench_runs_at_a_tiny_size(
    script: str,
    args: list[str],
    expect: str,
    needs_data: bool,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    # without the evaluation data, the shared_data fixture skips with its reason
    data = request.getfixturevalue("shared_data") if needs_data else ROOT.parent / "shared" / "data"
    filled = [a.format(data=data, tmp=tmp_path / "out") for a in args]
    before = _files_in_checkout()
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *filled],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert expect in done.stdout
    assert _files_in_checkout() == before, "the bench wrote into the checkout"
