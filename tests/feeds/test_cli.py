"""The feed commands: add (with discovery), feeds, fetch, remove, opml import and export."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from feedtools import rss

from newsreader.cli.main import main
from newsreader.feeds.opml import OpmlError, read_opml
from newsreader.store import Library

TEXT = (
    "Volunteers in the fictional valley of Orrin counted two hundred otters this spring,"
    " the highest number since the survey began, and credited the cleaner river water. "
) * 4  # long enough not to be a teaser: no article page is fetched


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def serve_site(server) -> str:
    items = [
        {"title": f"Otters {n}", "guid": f"o{n}", "description": f"{TEXT} ({n})"} for n in range(3)
    ]
    server.add("/blog/feed.xml", rss("Orrin Valley News", items))
    page = (
        "<!DOCTYPE html><html><head><title>Orrin</title>"
        "<link rel='alternate' type='application/rss+xml' title='RSS' href='/blog/feed.xml'>"
        "</head><body><p>Welcome to the valley.</p></body></html>"
    )
    return server.add("/blog/", page, content_type="text/html")


def test_add_a_site_finds_its_feed_and_fetches_it(feed_server, isolated_home: Path) -> None:
    site = serve_site(feed_server)
    result = run("add", site, "--topic", "Nature")
    assert result.exit_code == 0, result.output
    assert "Orrin Valley News" in result.output
    with Library(isolated_home / "library.sqlite") as library:
        (feed,) = library.list_feeds()
        assert feed.url == feed_server.url("/blog/feed.xml")
        assert feed.topics == ("Nature",) and feed.articles == 3
        assert feed.site_url == "http://127.0.0.1/"


def test_add_refuses_what_is_not_a_feed(feed_server) -> None:
    page = feed_server.add(
        "/plain/", "<html><body>No feeds here</body></html>", content_type="text/html"
    )
    result = CliRunner().invoke(main, ["add", page])
    assert result.exit_code == 1 and "links no feed" in result.output
    result = CliRunner().invoke(main, ["add", "./feed.xml"])
    assert result.exit_code == 1 and "not an http(s) address" in result.output
    missing = CliRunner().invoke(main, ["add", feed_server.url("/nothing.xml")])
    assert missing.exit_code == 1 and "HTTP 404" in missing.output


def test_add_twice_is_refused(feed_server) -> None:
    url = feed_server.add("/f.xml", rss("F", [{"title": "a", "guid": "a", "description": TEXT}]))
    assert run("add", url, "--no-fetch").exit_code == 0
    again = CliRunner().invoke(main, ["add", url])
    assert again.exit_code == 1 and "already subscribed" in again.output


def test_feeds_lists_counts_and_errors(feed_server) -> None:
    good = feed_server.add(
        "/g.xml", rss("Good feed", [{"title": "a", "guid": "a", "description": TEXT}])
    )
    run("add", good)
    bad = feed_server.add("/b.xml", rss("Bad feed", []))
    run("add", bad)
    feed_server.add("/b.xml", "gone", status=410)
    fetch = run("fetch")
    assert fetch.exit_code == 1
    assert "HTTP 410" in fetch.output
    listing = run("feeds").output.splitlines()
    good_line = next(line for line in listing if "Good feed" in line).split("\t")
    bad_line = next(line for line in listing if "Bad feed" in line).split("\t")
    assert good_line[3:5] == ["1", "1"] and good_line[6] == ""
    assert "HTTP 410" in bad_line[6] and bad_line[5] != "never"


def test_fetch_exits_0_when_all_is_well(feed_server) -> None:
    run(
        "add",
        feed_server.add("/ok.xml", rss("Ok", [{"title": "a", "guid": "a", "description": TEXT}])),
        "--no-fetch",
    )
    result = run("fetch", "Ok")
    assert result.exit_code == 0
    assert "1 new" in result.output


def test_fetch_of_an_unknown_feed_is_a_one_line_error() -> None:
    result = CliRunner().invoke(main, ["fetch", "nothing-here"])
    assert result.exit_code == 1 and "no subscribed feed matches 'nothing-here'" in result.output


def test_remove_deletes_the_feed_and_its_articles(feed_server, isolated_home: Path) -> None:
    run("add", serve_site(feed_server))
    result = run("remove", "Orrin Valley News")
    assert result.exit_code == 0 and "3 articles deleted" in result.output
    with Library(isolated_home / "library.sqlite") as library:
        assert library.list_feeds() == [] and library.is_empty()
    assert CliRunner().invoke(main, ["remove", "Orrin Valley News"]).exit_code == 1


OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>mine</title></head><body>
  <outline text="Tech">
    <outline text="Linux">
      <outline type="rss" text="Kernel notes" xmlUrl="https://kernel.example/rss"
               htmlUrl="https://kernel.example/" category="/Systems,/Open source"/>
    </outline>
    <outline type="rss" text="Gadgets" xmlUrl="http://gadgets.example/feed"/>
  </outline>
  <outline text="Nowhere" xmlUrl="file:///etc/passwd"/>
  <outline text="Command" xmlUrl="exec:rm -rf ~"/>
  <outline type="rss" title="Loose" text="x" xmlUrl="https://loose.example/atom"/>
</body></opml>
"""


def test_opml_import_takes_folders_and_categories_as_topics(tmp_path, isolated_home) -> None:
    path = tmp_path / "subs.opml"
    path.write_text(OPML)
    result = run("opml", "import", str(path))
    assert result.exit_code == 0
    assert "Imported 3 feeds" in result.output and "2 skipped" in result.output
    with Library(isolated_home / "library.sqlite") as library:
        feeds = {f.title: f for f in library.list_feeds()}
    assert set(feeds) == {"Kernel notes", "Gadgets", "Loose"}
    assert feeds["Kernel notes"].topics == ("Tech", "Linux", "Systems", "Open source")
    assert feeds["Kernel notes"].site_url == "https://kernel.example/"
    assert feeds["Gadgets"].topics == ("Tech",) and feeds["Loose"].topics == ()
    again = run("opml", "import", str(path))
    assert "Imported 0 feeds (3 already subscribed" in again.output


def test_opml_export_round_trips(tmp_path, isolated_home, monkeypatch) -> None:
    source = tmp_path / "subs.opml"
    source.write_text(OPML)
    run("opml", "import", str(source))
    exported = tmp_path / "out.opml"
    assert run("opml", "export", str(exported)).exit_code == 0
    stdout = run("opml", "export").output
    assert stdout == exported.read_text()
    with Library(isolated_home / "library.sqlite") as library:
        before = {(f.url, f.title, f.topics, f.site_url) for f in library.list_feeds()}
    monkeypatch.setenv("NEWSREADER_HOME", str(tmp_path / "other"))
    assert run("opml", "import", str(exported)).exit_code == 0
    with Library(tmp_path / "other" / "library.sqlite") as library:
        after = {(f.url, f.title, f.topics, f.site_url) for f in library.list_feeds()}
    assert after == before


def test_opml_with_entities_or_garbage_is_refused(tmp_path) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<opml version="2.0"><body><outline text="&b;" xmlUrl="https://x.example/"/></body></opml>'
    )
    try:
        read_opml(laughs.encode())
    except OpmlError as exc:
        assert "entities" in str(exc)
    else:
        raise AssertionError("entity declarations were accepted")
    path = tmp_path / "bad.opml"
    path.write_text("<html><body>not opml</body></html>")
    result = CliRunner().invoke(main, ["opml", "import", str(path)])
    assert result.exit_code == 1 and "not an OPML file" in result.output
    assert CliRunner().invoke(main, ["opml", "import", str(tmp_path / "no.opml")]).exit_code != 0


def test_fetch_on_a_terminal_ends_with_a_table(feed_server, monkeypatch) -> None:
    run(
        "add",
        feed_server.add(
            "/t.xml", rss("Table feed", [{"title": "a", "guid": "a", "description": TEXT}])
        ),
        "--no-fetch",
    )
    feed_server.add("/gone.xml", rss("Gone feed", []))
    run("add", feed_server.url("/gone.xml"), "--no-fetch")
    feed_server.add("/gone.xml", "gone", status=404)
    monkeypatch.setattr("newsreader.cli.fetch_cmd.is_terminal", lambda: True)
    result = CliRunner().invoke(main, ["fetch"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    header = next(line for line in lines if "unchanged" in line)
    assert header.split() == ["feed", "status", "new", "updated", "unchanged", "pages", "errors"]
    row = next(line for line in lines if line.startswith("Table feed")).split()
    assert row[-6:] == ["fetched", "1", "0", "0", "0", "0"]
    assert any(line.startswith("Gone feed: HTTP 404") for line in lines)


def test_opml_entities_behind_a_comment_are_refused(tmp_path) -> None:
    laughs = (
        '<?xml version="1.0"?><!-- <opml --><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<opml version="2.0"><body><outline text="&b;" xmlUrl="https://x.example/"/></body></opml>'
    )
    path = tmp_path / "laughs.opml"
    path.write_text(laughs)
    result = CliRunner().invoke(main, ["opml", "import", str(path)])
    assert result.exit_code == 1 and "declares XML entities" in result.output
