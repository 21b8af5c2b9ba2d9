"""The user folders: newsreader.paths names them as platformdirs does, without loading it
on the reader's way to its first frame."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from newsreader.paths import APP_NAME, user_dir

ENVIRONMENTS = [
    {},
    {"XDG_DATA_HOME": "/x/data", "XDG_CONFIG_HOME": "/x/config", "XDG_CACHE_HOME": "/x/cache"},
    {"XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "  ", "XDG_CACHE_HOME": "relative/cache"},
    {"XDG_DATA_HOME": "~/data", "XDG_CONFIG_HOME": "/x/config/", "XDG_CACHE_HOME": "/"},
    {"HOME": "relative/home"},
    {"HOME": "/home/with space/"},
]


@pytest.mark.parametrize("environment", ENVIRONMENTS)
@pytest.mark.parametrize("kind", ["data", "config", "cache"])
def test_each_user_folder_is_the_one_platformdirs_names(
    kind: str, environment: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    named = getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False)
    assert user_dir(kind) == Path(named)


def test_the_user_folders_are_named_without_loading_platformdirs() -> None:
    probe = (
        "import sys\n"
        "from newsreader.paths import config_path, library_path\n"
        "from tui.paint_cache import cache_file\n"
        "config_path(), library_path(), cache_file()\n"
        "print('platformdirs' in sys.modules, 'tempfile' in sys.modules)"
    )
    if sys.platform != "linux":
        pytest.skip("only Linux's folders are named without platformdirs")
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["False", "False"]
