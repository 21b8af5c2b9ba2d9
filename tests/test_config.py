"""Settings: defaults, validation, and clear errors naming the bad key."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader.cli import main
from newsreader.config import ConfigError, Settings, load_settings


def write(home: Path, text: str) -> Path:
    path = home / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults(isolated_home: Path) -> None:
    assert load_settings() == Settings()
    assert Settings().library.max_import_bytes == 5_000_000
    assert Settings().feeds.concurrency == 8


def test_values_are_read(isolated_home: Path) -> None:
    write(
        isolated_home,
        """
[library]
max_import_bytes = 1000
[summary]
sentences = 5
[feeds]
read_timeout = 2
[[topics.rules]]
name = "harbour"
keywords = ["harbour", "port"]
[keys]
quit = "ctrl+q"
""",
    )
    settings = load_settings()
    assert settings.library.max_import_bytes == 1000
    assert settings.summary.sentences == 5
    assert settings.feeds.read_timeout == 2.0
    assert settings.topics.rules[0].name == "harbour"
    assert settings.topics.rules[0].keywords == ("harbour", "port")
    assert settings.keys == {"quit": "ctrl+q"}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("[library]\nmax_bytes = 3\n", "library: unknown setting 'max_bytes'"),
        ("[colours]\nx = 1\n", "unknown section 'colours'"),
        ("[summary]\nsentences = 'three'\n", "summary.sentences: expected a whole number"),
        ("[feeds]\nfull_text = 'sometimes'\n", "feeds.full_text"),
        ("[feeds]\nconcurrency = -2\n", "feeds.concurrency"),
        ("[topics]\nsections = 'world'\n", "topics.sections: expected a list"),
        ("[[topics.rules]]\nkeywords = ['x']\n", "topics.rules[0]"),
        ("[keys]\nquit = 3\n", "keys"),
        ("[library\n", "invalid TOML"),
    ],
)
def test_bad_config_names_what_is_wrong(isolated_home: Path, text: str, named: str) -> None:
    write(isolated_home, text)
    with pytest.raises(ConfigError, match=named.replace("[", r"\[").replace("]", r"\]")):
        load_settings()


def test_binary_config_is_a_clear_error(isolated_home: Path) -> None:
    (isolated_home / "config.toml").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings()


def test_config_command_prints_path_and_values(isolated_home: Path) -> None:
    write(isolated_home, "[summary]\nsentences = 4\n")
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 0
    assert str(isolated_home / "config.toml") in result.output
    assert "sentences = 4" in result.output
    assert "max_import_bytes = 5000000" in result.output


def test_config_command_bad_file_is_one_line_error(isolated_home: Path) -> None:
    write(isolated_home, "[summary]\nlength = 4\n")
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "summary: unknown setting 'length'" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_readme_example_config_is_valid() -> None:
    import re
    import tomllib

    from newsreader.config import parse_settings

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    settings = parse_settings(tomllib.loads(block.group(1)))
    assert settings.topics.rules[0].name == "harbour"
    assert settings.keys["quit"] == "q,ctrl+q"
