"""`newsreader account`, and `fetch`, `feeds`, `stats`, `add`, `remove` with an account."""

from __future__ import annotations

import json
import sys

from click.testing import CliRunner

from newsreader.cli.main import main
from newsreader.store import Library


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_account_add_show_fetch_and_remove(greader, password, isolated_home):
    greader.add_feed("http://feeds.test/harbour", "Harbour News", 3)
    base = greader.url.removesuffix("/api/greader.php")  # FreshRSS's own address works too

    added = run("account", "add", "greader", base, "--user", greader.username)
    assert added.exit_code == 0, added.output
    assert greader.url in added.output
    fetched = run("fetch")
    assert fetched.exit_code == 0, fetched.output
    assert "3 new" in fetched.output
    feeds = json.loads(run("feeds", "--json").output)
    assert [(f["url"], f["synced"]) for f in feeds] == [("http://feeds.test/harbour", True)]
    assert run("feeds").output.rstrip().endswith("server")
    stats = run("stats").output
    assert f"sync: {greader.url} as reader" in stats and "0 actions waiting" in stats
    shown = run("account", "show").output
    assert "feeds from the server: 1" in shown and "last sync: never" not in shown

    removed = run("account", "remove")
    assert removed.exit_code == 0 and greader.url in removed.output
    with Library(isolated_home / "library.sqlite") as library:
        assert library.sync_account() is None and library.count_articles() == 3
    assert not list(isolated_home.glob("*.sync-session"))


def test_account_add_with_a_wrong_password_adds_nothing(greader, isolated_home, monkeypatch):
    monkeypatch.setenv("NEWSREADER_GREADER_PASSWORD", "wrong")
    result = CliRunner().invoke(
        main, ["account", "add", "greader", greader.url, "--user", greader.username]
    )
    assert result.exit_code == 1
    assert "refused the login" in result.output and len(result.output.splitlines()) == 1
    assert run("account", "show").output.startswith("No account")


def test_the_password_can_come_from_a_command(greader, isolated_home):
    script = isolated_home / "pass.py"
    script.write_text(f"print({greader.password!r})\n")
    (isolated_home / "config.toml").write_text(
        f'[sync]\npassword_command = "{sys.executable} {script}"\n'
    )
    result = run("account", "add", "greader", greader.url, "--user", greader.username)
    assert result.exit_code == 0, result.output


def test_a_failed_sync_is_one_line_and_exit_1(greader, password):
    greader.add_feed("http://feeds.test/harbour", "Harbour News", 1)
    assert run("account", "add", "greader", greader.url, "--user", greader.username).exit_code == 0
    greader.down = True
    result = CliRunner().invoke(main, ["fetch"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "sync with" in line]
    assert len(lines) == 1 and "nothing changed here" in lines[0]
    assert "last attempt" in run("account", "show").output


def test_remove_and_opml_import_reach_the_server(greader, password, tmp_path):
    greader.add_feed("http://feeds.test/harbour", "Harbour News", 1)
    greader.fetchable["http://feeds.test/science"] = ("Science Daily", [])
    assert run("account", "add", "greader", greader.url, "--user", greader.username).exit_code == 0
    assert run("fetch").exit_code == 0
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="Science" xmlUrl="http://feeds.test/science"/></body></opml>'
    )
    assert run("opml", "import", str(opml)).exit_code == 0
    assert run("remove", "Harbour News").exit_code == 0
    assert run("fetch").exit_code == 0
    assert [f.url for f in greader.feeds.values()] == ["http://feeds.test/science"]
    feeds = json.loads(run("feeds", "--json").output)
    assert [(f["url"], f["synced"]) for f in feeds] == [("http://feeds.test/science", True)]
