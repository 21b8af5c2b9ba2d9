"""Fail when a git-tracked Python module is longer than the house limit of 400 lines.

Prints one line per offender (path, its line count, the limit) and exits 1; exits 0
when every module fits. Run from anywhere inside the checkout.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LIMIT = 400


def tracked_python_files(root: Path) -> list[Path]:
    """The ``*.py`` files git tracks under ``root``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", "*.py"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [root / name for name in listed.split("\0") if name]


def line_count(path: Path) -> int:
    """Lines in ``path``, as ``wc -l`` counts them for a file ending in a newline."""
    with path.open("rb") as opened:
        return sum(1 for _ in opened)


def main() -> int:
    """Report every tracked module over :data:`LIMIT` lines; 1 if any, else 0."""
    root = Path(__file__).resolve().parents[1]
    offenders = [
        (path, count)
        for path in tracked_python_files(root)
        if path.is_file() and (count := line_count(path)) > LIMIT
    ]
    for path, count in offenders:
        print(
            f"{path.relative_to(root)}: {count} lines, over the {LIMIT}-line limit",
            file=sys.stderr,
        )
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main())
