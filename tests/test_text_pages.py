"""The one text path on page fixtures shaped like real news pages (tests/fixtures/pages).

Every page goes through :func:`newsreader.text.page_to_text`, ``newsreader
import`` and ``newsreader summarize``: the headline, byline and date lines are
not in the body, nor are cookie banners, newsletter boxes, share buttons,
related links, captions or paywall prompts, and the body is the same every way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader.cli.main import main
from newsreader.text import clean_body, cut_title, feed_html_to_text, page_to_text
from summarize.tokenizer import NewsTokenizer

PAGES = Path(__file__).parent / "fixtures" / "pages"

#: page -> (title, how the body starts, how it ends, what must be gone)
EXPECTED: dict[str, tuple[str, str, str, list[str]]] = {
    "article_full.html": (
        "Harbour dredging to start in spring, port authority says",
        "PORT OSTREL — Dredgers will begin deepening",
        "Work is expected to finish by the end of the summer.",
        [
            "We use cookies",
            "Accept all cookies",
            "Manage preferences",
            "By Mara Quill",
            "Transport correspondent",
            "Share on",
            "Copy link",
            "Cranes on the north quay",
            "Photograph:",
            "Read more",
            "Fishermen fear silt dumping",
            "morning briefing",
            "in your inbox",
            "privacy policy",
            "More from The Harbour Courier",
            "Ferry timetable",
            "All rights reserved",
        ],
    ),
    "liveblog.html": (
        "Valdera election results: live updates as counting continues",
        "Turnout highest since 1998",
        "the first results are expected within the hour.",
        [
            "We value your privacy",
            "Reject all",
            "By Northmark Wire staff",
            "Key events",
            "Show key events only",
            "Load more",
            "Who is standing",
            "Copyright",
        ],
    ),
    "teaser.html": (
        "Corvane Holdings weighs bid for rival grocer",
        "Corvane Holdings is considering an offer",
        "weeks after the group agreed to buy Fairweather Markets.",
        ["By Tomas Reill", "Subscribe", "subscribers only", "Sign in", "18 November 2026"],
    ),
    "amp.html": (
        "Stagegate fined $2m over ticket data breach",
        "The ticket platform Stagegate has been fined",
        "treats old systems as someone else's problem.\"",
        ["cookies", "Advertisement", "(Photo:", "Petra Lund |", "tech newsletter", "19 Nov 2026"],
    ),
    "repeat_title.html": (
        "Kesia Marlow to defend Amberlin Marathon title",
        "Kesia Marlow, who broke the Amberlin Marathon course record",
        'worth more than any new shoe," she said.',
        ["Share:", "Facebook"],
    ),
    "short_merged.html": (
        "Clinic closures",
        "Two out-of-hours clinics in Dunmere will close",
        "a drive of forty minutes.",
        ["Clinic closures", "Staff Reporter", "We use cookies", "newsletter", "Home"],
    ),
}


def _page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_body_has_no_headline_byline_or_furniture(name: str) -> None:
    title, start, end, gone = EXPECTED[name]
    page = page_to_text(_page(name), f"https://example.com/{name}")
    assert page.title == title
    assert page.text.startswith(start)
    assert page.text.endswith(end)
    for fragment in gone:
        assert fragment not in page.text, fragment
    assert not page.paragraphs[0].casefold().startswith(title.casefold() + " ")
    assert all(p and "\n" not in p for p in page.paragraphs)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_known_title_and_author_are_removed_from_the_body(name: str) -> None:
    """A feed entry's title and author (not the page's) are what is taken out."""
    title = EXPECTED[name][0]
    page = page_to_text(_page(name), None, title=f"Feed says: {title}", author="Nobody Known")
    assert page.title == f"Feed says: {title}"
    assert page.text.startswith(EXPECTED[name][1])


def _summary_and_import(tmp_path: Path, page: Path) -> tuple[dict, dict]:
    runner = CliRunner()
    summary = runner.invoke(main, ["summarize", str(page), "-n", "200", "--json"])
    assert summary.exit_code == 0, summary.output
    library = ["--library", str(tmp_path / "library.sqlite")]
    imported = runner.invoke(main, [*library, "import", str(page)])
    assert imported.exit_code == 0, imported.output
    listed = runner.invoke(main, [*library, "list", "--json"])
    (row,) = json.loads(listed.output)
    shown = runner.invoke(main, [*library, "show", str(row["id"]), "--json"])
    return json.loads(summary.output), json.loads(shown.output)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_summarize_and_import_give_the_same_body(tmp_path: Path, name: str) -> None:
    copy = tmp_path / name
    copy.write_bytes(_page(name))
    summary, article = _summary_and_import(tmp_path, copy)
    body = article["text"]
    assert article["title"] == summary["title"] == EXPECTED[name][0]
    # every sentence of the body, in order, and nothing else: the same text both ways
    sentences = [body[a:b] for a, b in NewsTokenizer().sentence_spans(body)]
    assert [s["text"] for s in summary["sentences"]] == sentences
    assert body == page_to_text(_page(name)).text


def test_summarize_file_spends_no_sentence_on_the_title(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Ferry fares to rise in January\n\n"
        "Ferry fares between Port Ostrel and Lisk will rise by 6% in January, the operator said."
        " Season tickets will rise by less. The operator blamed the price of fuel.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["summarize", str(path), "-n", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Ferry fares between Port Ostrel and Lisk will rise")
    assert "Ferry fares to rise in January" not in result.output


def test_clean_body_takes_out_a_repeated_headline_byline_and_date() -> None:
    text = (
        "Bridge to reopen on Monday | Lisk Observer\n"
        "By Ada Pell · Lisk Observer\n"
        "Updated 3 hours ago\n"
        "The Vesk bridge will reopen on Monday after repairs, the city said.\n"
        "We use cookies to give you the best experience. Accept cookies\n"
        "Share this article Facebook Twitter Email\n"
        "Repairs cost $4m."
    )
    body = clean_body(text, "Bridge to reopen on Monday")
    assert body == (
        "The Vesk bridge will reopen on Monday after repairs, the city said.\n\nRepairs cost $4m."
    )


def test_clean_body_cuts_a_title_run_into_the_first_paragraph() -> None:
    text = "Clinic closures Two out-of-hours clinics will close at the end of the month."
    assert clean_body(text, "Clinic closures") == (
        "Two out-of-hours clinics will close at the end of the month."
    )


def test_clean_body_keeps_a_lede_that_shares_words_with_the_title() -> None:
    lede = "Harbour dredging will start in spring, the port authority said on Friday in Lisk."
    assert clean_body(lede + "\nMore.", "Harbour dredging to start in spring") == (
        lede + "\n\nMore."
    )
    # and a body that is only the headline stays (nothing else would be left)
    assert clean_body("Harbour dredging to start", "Harbour dredging to start") != ""


def test_cut_title_uses_the_summaries_sentence_splitter() -> None:
    assert (
        cut_title("Dr. Vey met Ms. Dallet in Lisk. They signed.")
        == "Dr. Vey met Ms. Dallet in Lisk"
    )
    long = "The council of Lisk voted " + "again and " * 20 + "adjourned."
    cut = cut_title(long, 60)
    assert len(cut) <= 60 and cut.endswith("…") and long.startswith(cut[:-1])


def test_feed_html_drops_scripts_and_keeps_lines() -> None:
    html = "<div><p>One <b>two</b></p><script>x()</script><p>three<br>four</p></div>"
    assert feed_html_to_text(html) == "One two\n\nthree\nfour"


def test_a_page_in_another_encoding_is_read_by_its_meta_charset() -> None:
    page = (
        "<html><head><meta charset='windows-1252'><title>Café terrace plan</title></head>"
        "<body><article><p>The café on Quay Street may put twelve tables on the pavement from"
        " May, the council said on Monday, after traders asked for more outdoor seating.</p>"
        "</article></body></html>"
    ).encode("cp1252")
    found = page_to_text(page)
    assert found.title == "Café terrace plan"
    assert found.text.startswith("The café on Quay Street")
