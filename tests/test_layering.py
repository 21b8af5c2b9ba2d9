"""Start-up stays cheap: importing the CLI or the summary engine loads no heavy module.

The import contracts themselves (tui -> newsreader -> summarize, no Textual in
the core) are checked by import-linter (``lint-imports``, run by CI); these
tests check what a fresh interpreter actually loads.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

HEAVY = ("textual", "nltk", "numpy", "sumy", "lxml", "trafilatura", "rich")


def _loaded_after(code: str, watch: tuple[str, ...]) -> list[str]:
    probe = (
        "import sys, json\n"
        f"{code}\n"
        f"print(json.dumps([m for m in {list(watch)!r} if m in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_cli_and_the_engine_loads_no_heavy_module() -> None:
    assert _loaded_after("import newsreader.cli, summarize", HEAVY) == []


def test_help_loads_neither_rich_nor_lxml_nor_markdown_nor_the_store() -> None:
    code = (
        "import contextlib, io\n"
        "from newsreader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass"
    )
    watch = (*HEAVY, "markdown_it", "newsreader.store", "sqlite3", "httpx", "feedparser")
    assert _loaded_after(code, watch) == []


@pytest.mark.parametrize("name", sorted(importlib.import_module("newsreader.cli.main").COMMANDS))
def test_help_line_of_each_command_is_its_own(name: str) -> None:
    table = importlib.import_module("newsreader.cli.main").COMMANDS
    module = importlib.import_module(table[name].module)
    assert module.command.name == name
    assert table[name].short_help == module.command.get_short_help_str(limit=200)
