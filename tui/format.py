"""Turning articles into plain Rich ``Text``: never markup, never a control character.

Every string taken from an article goes through :func:`newsreader.safetext.plain_text`
or :func:`~newsreader.safetext.one_line` here, and is wrapped in ``Text`` (which
Rich and Textual never parse as markup).
"""

from __future__ import annotations

from datetime import UTC, datetime

from rich.style import Style
from rich.text import Text

from newsreader.models import Article, Story
from newsreader.safetext import one_line, plain_text
from summarize.types import Summary
from tui.row_cells import age


def date_line(article: Article) -> str:
    """``Source · 2024-05-01 14:03 UTC · by Author`` as one safe line."""
    parts = [one_line(article.source)]
    parts.append(article.when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    if article.author:
        parts.append(f"by {one_line(article.author)}")
    return " · ".join(p for p in parts if p)


#: The most of a title the header shows: every real title whole, a title of megabytes not.
TITLE_SHOWN = 2000


def _capped(line: str) -> str:
    """``line`` whole up to :data:`TITLE_SHOWN` characters, else cut there with an ellipsis."""
    return line if len(line) <= TITLE_SHOWN else line[:TITLE_SHOWN] + "…"


def header(article: Article) -> Text:
    """The article's header: title (whole, up to :data:`TITLE_SHOWN` characters), source
    and date, link, topics."""
    text = Text(no_wrap=False, overflow="fold")
    text.append(one_line(_capped(article.title)), style="bold")
    text.append("\n")
    text.append(date_line(article), style="italic")
    if article.url:
        text.append("\n")
        text.append(one_line(article.url[:TITLE_SHOWN]), style="underline")
    if article.topics:
        text.append("\n")
        text.append("Topics: " + ", ".join(one_line(t) for t in article.topics), style="dim")
    return text


def summary_text(summary: Summary) -> Text:
    """The summary's sentences, one bullet each."""
    text = Text(overflow="fold")
    for index, sentence in enumerate(summary.sentences):
        if index:
            text.append("\n")
        text.append("• ")
        text.append(one_line(_capped(sentence.text)))
    if not summary.sentences:
        text.append("(no sentence to pick: the text is too short)", style="italic")
    if summary.note:
        text.append("\n")
        text.append(one_line(summary.note), style="italic dim")
    return text


def body(article_text: str, summary: Summary | None, highlight: Style | str = "bold") -> Text:
    """The full text with the summary's sentences highlighted where they came from.

    Each piece between summary spans is made safe on its own, so removing a
    control character never shifts a highlight.
    """
    text = Text(overflow="fold")
    position = 0
    spans = sorted(
        (s.start, s.end)
        for s in (summary.sentences if summary else ())
        if 0 <= s.start < s.end <= len(article_text)
    )
    for start, end in spans:
        if start < position:
            continue
        text.append(_paragraphs(article_text[position:start]))
        text.append(_paragraphs(article_text[start:end]), style=highlight)
        position = end
    text.append(_paragraphs(article_text[position:]))
    return text


def _paragraphs(piece: str) -> str:
    return plain_text(piece).replace("\t", "    ")


def story_header(story: Story) -> Text:
    """A story's header: headline, number of reports, outlets, time span."""
    row = story.row
    text = Text(overflow="fold")
    text.append(one_line(row.title), style="bold")
    text.append("\n")
    span = f"{row.first_seen.astimezone(UTC):%Y-%m-%d} to {row.last_seen.astimezone(UTC):%Y-%m-%d}"
    text.append(f"Story · {row.size} report{'s' if row.size != 1 else ''} · {span}", style="italic")
    text.append("\n")
    text.append("Outlets: " + ", ".join(one_line(s) for s in row.sources), style="dim")
    return text


def story_summary(story: Story) -> Text:
    """The story's summary, each sentence attributed to its outlet."""
    text = Text(overflow="fold")
    for index, sentence in enumerate(story.summary):
        if index:
            text.append("\n")
        text.append("• " + one_line(_capped(sentence.text)))
        text.append(f" ({one_line(sentence.source)})", style="italic dim")
    if not story.summary:
        text.append("(no story summary yet)", style="italic")
    return text


def story_reports(story: Story, now: datetime) -> Text:
    """The story's reports, newest first; enter opens them as a list."""
    text = Text(overflow="fold")
    text.append("Reports (enter lists them to open):", style="bold")
    for number, report in enumerate(story.articles, start=1):
        text.append(f"\n{number}. ")
        text.append(one_line(report.title))
        text.append(f" · {one_line(report.source)} · {age(report.when, now)}", style="dim")
    return text
