"""Markdown, HTML, JSON and JSON Lines files become clean articles."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from newsreader.config import Settings
from newsreader.importers.runner import Importer
from newsreader.models import Article


def _import(library, path: Path, topics: tuple[str, ...] = ()) -> list[Article]:
    report = Importer(library, Settings(), topics).import_file(path)
    assert not report.skipped, report.lines()
    return [library.get_article(article_id) for article_id in report.article_ids]


BODY = (
    "The council of Exampleton voted on Tuesday to rebuild the old harbour wall,"
    " which was damaged in last winter's storms. "
    "Work is due to start in the spring and to last two years."
)


# -- Markdown ------------------------------------------------------------------


def test_markdown_heading_is_the_title_and_markup_is_gone(tmp_path: Path, library) -> None:
    path = tmp_path / "harbour.md"
    path.write_text(
        "# Harbour wall to be *rebuilt*\n\n"
        + BODY.replace(" which", "\nwhich", 1)
        + "\n\n![a photo of the wall](wall.jpg)\n\n"
        "## What happens next\n\n"
        "- **Spring**: the [contractor](https://example.com/c) starts\n"
        "- *Summer*: the road closes\n\n"
        "> “We have waited long enough,” said the mayor.\n\n"
        '<div class="ad">Inline <b>HTML</b> block</div>\n\n'
        "Advertisement\n",
        encoding="utf-8",
    )
    [article] = _import(library, path)
    assert article.title == "Harbour wall to be rebuilt"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == BODY  # a soft line break inside a paragraph is a space
    assert "What happens next" in paragraphs
    assert "• Spring: the contractor starts" in paragraphs
    assert "“We have waited long enough,” said the mayor." in paragraphs
    assert "Inline HTML block" in paragraphs
    for markup in ("#", "*", "[", "](", "![", "<", ">", "wall.jpg", "https://", "Advertisement"):
        assert markup not in article.text, markup


def test_markdown_front_matter_gives_title_date_author_topics(tmp_path: Path, library) -> None:
    path = tmp_path / "fm.md"
    path.write_text(
        '---\ntitle: "Wall vote passes"\ndate: 2024-03-01T09:30:00Z\nauthor: Jane Roe\n'
        "tags: [local, politics]\n---\n\n# Wall vote passes\n\n" + BODY + "\n",
        encoding="utf-8",
    )
    [article] = _import(library, path)
    assert article.title == "Wall vote passes"
    assert article.published == datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    assert article.author == "Jane Roe"
    assert {"local", "politics"} <= set(article.topics)  # enrichment may add sections
    assert article.text == BODY


def test_markdown_without_heading_infers_the_title(tmp_path: Path, library) -> None:
    path = tmp_path / "plain.md"
    path.write_text("Harbour wall vote\n\n" + BODY + "\n", encoding="utf-8")
    [article] = _import(library, path)
    assert article.title == "Harbour wall vote"
    assert article.text == BODY


# -- HTML ----------------------------------------------------------------------

PAGE = """<!doctype html>
<html><head>
<title>Harbour wall to be rebuilt | The Exampleton Echo</title>
<meta property="og:title" content="Harbour wall to be rebuilt">
<meta property="og:site_name" content="The Exampleton Echo">
<meta property="article:published_time" content="2023-05-06T07:08:09+02:00">
<meta name="author" content="Jane Roe">
<style>p { color: red } .secret-style {}</style>
<script>var secretScript = "do not import me";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News menu</a></nav>
<article>
<h1>Harbour wall to be rebuilt</h1>
<p>The council of Exampleton voted on Tuesday to rebuild the old harbour wall, which was
damaged in last winter's storms, after a long debate in the town hall.</p>
<p>Work is due to start in the <em>spring</em> and to last two years, the council's
<a href="/engineer">chief engineer</a> told reporters after the vote.</p>
<p>Advertisement</p>
<p>Residents have campaigned for the repairs since the storms flooded the lower town and
closed the fish market for three weeks in January.</p>
</article>
<footer>Footer: about us, contact, privacy policy</footer>
</body></html>
"""


def test_html_page_text_without_scripts_styles_navigation(tmp_path: Path, library) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = _import(library, path)
    assert article.title == "Harbour wall to be rebuilt"
    assert article.source == "The Exampleton Echo"
    assert article.published == datetime(2023, 5, 6, 5, 8, 9, tzinfo=UTC)
    assert article.author == "Jane Roe"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("The council of Exampleton voted on Tuesday")
    assert "spring and to last two years, the council's chief engineer told" in paragraphs[1]
    assert paragraphs[2].endswith("closed the fish market for three weeks in January.")
    for junk in ("secretScript", "color: red", "News menu", "Footer", "<", "Advertisement"):
        assert junk not in article.text, junk


def test_html_fragment_falls_back_to_lxml(tmp_path: Path, library) -> None:
    path = tmp_path / "fragment.htm"
    path.write_text(
        "<h1>Wall vote</h1><p>Short fragment. It has <b>bold</b> words.</p>"
        "<script>alert('x')</script><style>p{}</style><nav>Menu</nav><p>Second one.</p>",
        encoding="utf-8",
    )
    [article] = _import(library, path)
    assert article.title == "Wall vote"
    assert article.text == "Short fragment. It has bold words.\n\nSecond one."
    assert article.source == tmp_path.name


def test_xhtml_with_an_xml_declaration(tmp_path: Path, library) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>Declared</title></head><body><p>Body text here.</p></body></html>",
        encoding="utf-8",
    )
    [article] = _import(library, path)
    assert article.title == "Declared"
    assert article.text == "Body text here."


# -- JSON and JSON Lines ----------------------------------------------------------


def _record(n: int, **extra: object) -> dict[str, object]:
    return {
        "title": f"Story {n}",
        "text": f"Paragraph one of story {n}.\n\nParagraph two.",
        **extra,
    }


def test_json_single_object_with_every_field(tmp_path: Path, library) -> None:
    path = tmp_path / "one.json"
    path.write_text(
        json.dumps(
            _record(
                1,
                url="https://example.com/1",
                published="2024-02-03T04:05:06+01:00",
                author="A. Writer",
                topics=["science", "Space"],
                source="Example Wire",
                language="French",
            )
        ),
        encoding="utf-8",
    )
    [article] = _import(library, path, topics=("mine",))
    assert article.title == "Story 1"
    assert article.text == "Paragraph one of story 1.\n\nParagraph two."
    assert article.url == "https://example.com/1"
    assert article.published == datetime(2024, 2, 3, 3, 5, 6, tzinfo=UTC)
    assert article.author == "A. Writer"
    assert {"science", "Space", "mine"} <= set(article.topics)  # enrichment may add more
    assert article.source == "Example Wire"
    assert article.language == "french"
    assert article.source_kind == "import"


def test_json_array_and_defaults(tmp_path: Path, library) -> None:
    path = tmp_path / "many.json"
    path.write_text(json.dumps([_record(1), _record(2, published=1700000000)]), encoding="utf-8")
    first, second = _import(library, path)
    assert (first.title, second.title) == ("Story 1", "Story 2")
    assert first.source == tmp_path.name  # no "source": the folder's name
    assert first.published is None
    assert second.published == datetime.fromtimestamp(1700000000, tz=UTC)
    assert first.language == "english"


def test_jsonl_lines_and_blank_lines(tmp_path: Path, library) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps(_record(n, source="Wire")) for n in range(1, 4)]
    # A raw U+2028 inside a JSON string is legal and must not split the line.
    lines.insert(1, "")
    lines.append(
        json.dumps({"title": "Sep\u2028arated", "text": "Line\u2028text here."}, ensure_ascii=False)
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles = _import(library, path)
    assert [a.title for a in articles] == ["Story 1", "Story 2", "Story 3", "Sep arated"]
    assert articles[3].text == "Line\n\ntext here."


def test_json_text_is_cleaned_like_plain_text(tmp_path: Path, library) -> None:
    path = tmp_path / "dirty.json"
    path.write_text(
        json.dumps(
            {
                "title": "Bell\x07 and \x1b[31mred\x1b[0m title",
                "text": "Advertisement The first paragraph.\r\nRead more\r\n"
                "Second \x1b]52;c;ZXZpbA==\x07paragraph.\r\n\r\nThe AP contributed.",
            }
        ),
        encoding="utf-8",
    )
    [article] = _import(library, path)
    assert article.title == "Bell and red title"
    assert article.text == "The first paragraph.\n\nSecond paragraph."


def test_a_long_page_keeps_the_article_and_drops_sidebars_and_comments(
    tmp_path: Path, library
) -> None:
    paragraphs = [
        f"Paragraph {n} of the harbour story explains, in some detail, what the council"
        f" decided about the wall and why residents of the lower town care about step {n}."
        for n in range(1, 9)
    ]
    page = (
        "<html><head><title>Harbour wall vote | Echo</title></head><body>"
        '<div class="sidebar"><ul><li><a href="/a">Most read: Ferry fares rise</a></li>'
        '<li><a href="/b">Most read: School opens</a></li></ul></div>'
        '<div class="article-body"><h1>Harbour wall vote</h1>'
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + '</div><div id="comments" class="comments"><h3>Comments</h3>'
        '<div class="comment"><p>Commenter42 says: first!</p></div></div>'
        '<div class="related-stories"><h3>Related</h3><a href="/c">Bridge closes</a></div>'
        "</body></html>"
    )
    path = tmp_path / "long.html"
    path.write_text(page, encoding="utf-8")
    [article] = _import(library, path)
    assert article.title == "Harbour wall vote"
    assert article.text.split("\n\n") == paragraphs
