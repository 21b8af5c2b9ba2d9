"""``newsreader summarize`` through click's CliRunner."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_http import FeedServer

from newsreader.cli.main import main

TEXT = (
    "The river burst its banks on Friday and flooded the lower town. "
    "Hundreds of residents spent the night in the school gym. "
    "The council said the flood defences had been due for repair since 2019. "
    "Volunteers brought blankets, food and dry clothes. "
    "The water is expected to fall by Monday."
)


def run(*args: str, stdin: str | bytes | None = None):
    return CliRunner().invoke(main, ["summarize", *args], input=stdin)


def test_file_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run(str(path), "-n", "2")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert all(line in TEXT for line in lines)


def test_stdin_json_has_spans_into_the_input() -> None:
    result = run("-", "--json", "-n", "3", "--algorithm", "lexrank", stdin=TEXT)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["algorithm"] == "lexrank"
    assert len(payload["sentences"]) == 3
    for s in payload["sentences"]:
        assert TEXT[s["start"] : s["end"]] == s["text"]


def test_control_characters_never_reach_the_terminal() -> None:
    text = "Evil \x1b]52;c;aGk=\x07 title here is long enough to be a sentence.\x1b[2J More text."
    result = run("-", "-n", "1", stdin=text)
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\x07" not in result.output
    as_json = run("-", "-n", "1", "--json", stdin="A \x9b31m sentence. Another \u202e one.")
    assert "\x9b" not in as_json.output and "\u202e" not in as_json.output
    assert json.loads(as_json.output)["sentences"]


def test_list_algorithms_marks_the_default() -> None:
    import summarize

    result = run("--list-algorithms")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"{summarize.DEFAULT_ALGORITHM} (default)"
    assert [line.split()[0] for line in lines] == summarize.available_algorithms()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("--algorithm", "bogus"), TEXT, "unknown summary algorithm 'bogus'"),
        (("--language", "klingon"), TEXT, "unsupported summary language 'klingon'"),
        ((), "   \n ", "nothing to summarise"),
        (("/no/such/file.txt",), None, "/no/such/file.txt: cannot read"),
        (("-n", "0"), TEXT, "0"),
    ],
)
def test_errors_are_one_line(args: tuple[str, ...], stdin: str | None, message: str) -> None:
    result = run(*args, stdin=stdin)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_binary_input_is_summarised_not_crashed() -> None:
    result = run("-", stdin=bytes(range(256)) * 40)
    assert result.exit_code == 0, result.output


def test_jsonl_summarises_each_line_and_reports_bad_ones() -> None:
    lines = [
        json.dumps({"id": 1, "text": TEXT}),
        "{not json",
        json.dumps({"id": "b", "text": "Short one. Two."}),
        json.dumps({"id": 3}),
        "",
        json.dumps(["a list"]),
    ]
    result = CliRunner().invoke(main, ["summarize", "--jsonl", "-n", "2"], input="\n".join(lines))
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, "b"]
    assert len(out[0]["sentences"]) == 2 and all(s in TEXT for s in out[0]["sentences"])
    assert out[1]["sentences"] == ["Short one.", "Two."]
    errors = result.stderr.splitlines()
    assert [e.split(":")[1].strip() for e in errors] == ["line 2", "line 4", "line 6"]


def test_jsonl_all_good_exits_zero() -> None:
    data = "\n".join(json.dumps({"id": i, "text": TEXT}) for i in range(3))
    result = CliRunner().invoke(main, ["summarize", "--jsonl"], input=data)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3


@pytest.fixture
def page_server() -> Iterator[FeedServer]:
    """A real HTTP server on 127.0.0.1 serving one article page."""
    server = FeedServer().start()
    page = (Path(__file__).parent / "fixtures" / "pages" / "article_full.html").read_text("utf-8")
    # a title with an escape sequence: it must reach the terminal as plain text
    page = page.replace(
        'content="Harbour dredging to start in spring, port authority says"',
        'content="Harbour dredging \x1b[31mto start in spring, port authority says"',
    )
    server.add("/story.html", page, content_type="text/html; charset=utf-8")
    yield server
    server.stop()


def test_url_is_fetched_and_summarised_without_its_title(page_server: FeedServer) -> None:
    result = run(page_server.url("/story.html"), "-n", "2")
    assert result.exit_code == 0, result.output
    assert [r.path for r in page_server.requests] == ["/story.html"]
    lines = result.output.splitlines()
    assert lines[0] == "Harbour dredging to start in spring, port authority says"
    summary = [line for line in lines[2:] if line]
    assert len(summary) == 2
    assert not any("port authority says" in line and "Harbour" in line for line in summary)
    assert not any("cookies" in line or "Sign up" in line for line in summary)


def test_url_that_fails_is_a_one_line_error(page_server: FeedServer) -> None:
    result = run(page_server.url("/missing.html"))
    assert result.exit_code == 1
    assert "missing.html: HTTP 404" in result.output
    assert "Traceback" not in result.output
