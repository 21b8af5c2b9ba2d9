"""Quitting the reader loads nothing it did not need while open (quit stays quick)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader_support import write_library

SCRIPT = """
import asyncio, sys
from tui.app import make_app

async def main() -> None:
    app = make_app(sys.argv[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        loaded_open = set(sys.modules)
        await pilot.press("q")
    assert app.return_code == 0
    print(" ".join(sorted(set(sys.modules) - loaded_open)))

asyncio.run(main())
"""


def test_quitting_loads_no_module_of_the_refresh_pipeline(isolated_home: Path) -> None:
    path = write_library(isolated_home / "library.sqlite")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    loaded_on_quit = done.stdout.split()
    assert not [name for name in loaded_on_quit if name.startswith("newsreader.ingest")]
