"""``newsreader topics``, ``topics classify`` and ``topics apply``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsreader.cli import main
from newsreader.models import NewArticle
from newsreader.store import Library

SPORT_TEXT = (
    "Rovers reach the cup final\n"
    "The striker scored twice and the goalkeeper saved a penalty as Rovers reached the final. "
    "Coach Dana Pell praised the squad. Dana Pell said the fans were superb."
)


def test_classify_plain_text(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(SPORT_TEXT, "utf-8")
    result = CliRunner().invoke(main, ["topics", "classify", str(path)])
    assert result.exit_code == 0, result.output
    assert "section: sport" in result.output
    assert "Dana Pell" in result.output


def test_classify_stdin_jsonl():
    lines = [
        {"id": "a", "title": "Rovers reach the cup final", "text": SPORT_TEXT},
        {
            "id": 7,
            "title": "Shares slump as profits fall",
            "text": "The company's shares fell after profits and sales dropped, investors said.",
        },
    ]
    payload = "\n".join(json.dumps(line) for line in lines) + "\n\n"
    result = CliRunner().invoke(main, ["topics", "classify", "-", "--jsonl"], input=payload)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    assert [o["section"] for o in out] == ["sport", "business"]
    assert all(isinstance(o["tags"], list) for o in out)


def test_classify_bad_jsonl_names_the_line():
    payload = '{"id": 1, "title": "x", "text": "y"}\n{oops\n'
    result = CliRunner().invoke(main, ["topics", "classify", "--jsonl"], input=payload)
    assert result.exit_code != 0
    assert "-:2: not JSON" in result.output
    assert "Traceback" not in result.output


def test_classify_missing_file():
    result = CliRunner().invoke(main, ["topics", "classify", "/nonexistent/file.txt"])
    assert result.exit_code != 0
    assert "no such file" in result.output


def test_topics_lists_counts_and_applies_config_rules(isolated_home: Path):
    with Library(isolated_home / "library.sqlite") as library:
        library.add_article(
            NewArticle(
                title="Ferry strike",
                text="The ferry crews strike.",
                source_name="Courier",
                topics=("harbour",),
            )
        )
    (isolated_home / "config.toml").write_text(
        '[[topics.rules]]\nname = "Ferries"\nkeywords = ["ferry"]\n', "utf-8"
    )
    result = CliRunner().invoke(main, ["topics", "--json"])
    assert result.exit_code == 0, result.output
    counts = {row["topic"]: row["articles"] for row in json.loads(result.output)}
    assert counts == {"harbour": 1, "Ferries": 1}


def test_topics_apply_and_bad_rule(isolated_home: Path):
    with Library(isolated_home / "library.sqlite") as library:
        article = library.add_article(
            NewArticle(title="Rovers reach the cup final", text=SPORT_TEXT, source_name="Courier")
        ).article_id
    result = CliRunner().invoke(main, ["topics", "apply"])
    assert result.exit_code == 0, result.output
    with Library(isolated_home / "library.sqlite") as library:
        assert "sport" in library.article_topics(article)
    (isolated_home / "config.toml").write_text(
        '[[topics.rules]]\nname = "Broken"\nregex = "(x"\n', "utf-8"
    )
    result = CliRunner().invoke(main, ["topics", "apply"])
    assert result.exit_code != 0
    assert "topics.rules[0]" in result.output and "invalid regex" in result.output
