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


def test_missing_file_gives_what_an_empty_file_gives(isolated_home: Path) -> None:
    missing = load_settings()
    write(isolated_home, "")
    assert missing == load_settings() == Settings()


def test_config_output_is_the_settings_in_effect_as_toml(isolated_home: Path) -> None:
    import tomllib

    from newsreader.config import parse_settings

    write(isolated_home, '[summary]\nsentences = 5\n[keys]\nquit = "ctrl+q"\n')
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 0
    assert parse_settings(tomllib.loads(result.output)) == load_settings()


def test_config_output_documents_every_setting(isolated_home: Path) -> None:
    import dataclasses

    from newsreader.config.settings import SECTIONS

    lines = CliRunner().invoke(main, ["config"]).output.splitlines()
    for section, cls in SECTIONS.items():
        start = lines.index(f"[{section}]")
        for item in dataclasses.fields(cls):
            doc = item.metadata["doc"]
            at = next(
                i
                for i, line in enumerate(lines)
                if i > start and line.startswith(f"{item.name} = ")
            )
            comment = []
            for line in reversed(lines[:at]):
                if not line.startswith("# "):
                    break
                comment.insert(0, line[2:])
            assert " ".join(comment) == doc, item.name


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
        ("[feeds]\nread_timeout = nan\n", "feeds.read_timeout: must be a finite number"),
        ("[feeds]\nconnect_timeout = inf\n", "feeds.connect_timeout: must be a finite number"),
        ("[feeds]\nread_timeout = 0\n", "feeds.read_timeout: must not be less than 0.1"),
        ("[summary]\nsentences = 0\n", "summary.sentences: must not be less than 1"),
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
