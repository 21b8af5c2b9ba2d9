"""The article pane: header, the summary panel, then the full text.

The summary panel ("No time to read? Here's the summary") stays above the
text, which scrolls on its own; the summary's sentences are highlighted in
the text. ``mode`` shows both, the summary only, or the text only.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from newsreader.models import Article, Story
from summarize.types import Summary
from tui import format
from tui.state import SummaryMode

SUMMARY_TITLE = "No time to read? Here's the summary"


class ArticleView(Vertical):
    """Shows one article; everything from the article is plain ``Text``."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.summary: Summary | None = None
        self.mode: SummaryMode = "both"
        #: True while an article or a story is shown.
        self.showing = False

    def compose(self) -> ComposeResult:
        yield Static(Text("Loading…"), id="article-header")
        summary = Static(Text(""), id="summary")
        summary.border_title = SUMMARY_TITLE
        yield summary
        with VerticalScroll(id="text-scroll"):
            yield Static(Text(""), id="article-text")

    @property
    def text_scroll(self) -> VerticalScroll:
        """The scrolling container of the full text."""
        return self.query_one("#text-scroll", VerticalScroll)

    def show_empty(self, message: str) -> None:
        """No article to show (empty view)."""
        self.article = None
        self.summary = None
        self.showing = False
        self.query_one("#article-header", Static).update(Text(message, style="italic"))
        self.query_one("#summary", Static).update(Text(""))
        self.query_one("#article-text", Static).update(Text(""))
        self.query_one("#summary").display = False

    def show_article(self, article: Article, summary: Summary | None, waiting_for: str) -> None:
        """Show ``article``; ``summary`` None means one is being made with ``waiting_for``."""
        changed = self.article is None or self.article.id != article.id
        self.article = article
        self.showing = True
        self.query_one("#article-header", Static).update(format.header(article))
        if summary is None:
            self.show_waiting(waiting_for)
        else:
            self.show_summary(summary)
        if changed:
            self.text_scroll.scroll_home(animate=False, immediate=True)
        self.set_mode(self.mode)

    def show_story(self, story: Story, now: datetime) -> None:
        """Show a story: its summary with attributed sentences, then its reports."""
        self.article = None
        self.summary = None
        self.showing = True
        self.query_one("#article-header", Static).update(format.story_header(story))
        panel = self.query_one("#summary", Static)
        panel.update(format.story_summary(story))
        panel.border_subtitle = Text(f"story · {len(story.summary)} sentences")
        self.query_one("#article-text", Static).update(format.story_reports(story, now))
        self.text_scroll.scroll_home(animate=False, immediate=True)
        self.set_mode(self.mode)

    def show_waiting(self, algorithm: str) -> None:
        """Say a summary is being made; the text is readable meanwhile."""
        self.summary = None
        panel = self.query_one("#summary", Static)
        panel.update(Text(f"Summarising with {algorithm}…", style="italic"))
        panel.border_subtitle = Text(algorithm)
        self._update_text()

    def show_summary(self, summary: Summary) -> None:
        """Show ``summary`` in the panel and highlight its sentences in the text."""
        self.summary = summary
        panel = self.query_one("#summary", Static)
        panel.update(format.summary_text(summary))
        count = len(summary.sentences)
        panel.border_subtitle = Text(
            f"{summary.algorithm} · {count} sentence{'s' if count != 1 else ''}"
        )
        self._update_text()

    def _update_text(self) -> None:
        if self.article is None:
            return
        self.query_one("#article-text", Static).update(
            format.body(self.article.text, self.summary, "bold underline")
        )

    def set_mode(self, mode: SummaryMode) -> None:
        """Show both, the summary only, or the text only."""
        self.mode = mode
        self.query_one("#summary").display = self.showing and mode != "text"
        self.text_scroll.display = mode != "summary"
        self.set_class(mode == "summary", "-summary-only")

    def page(self, pages: int) -> None:
        """Scroll the text by whole screens."""
        scroll = self.text_scroll
        if pages > 0:
            for _ in range(pages):
                scroll.scroll_page_down(animate=False)
        else:
            for _ in range(-pages):
                scroll.scroll_page_up(animate=False)

    def scroll_lines(self, lines: int) -> None:
        """Scroll the text by ``lines`` lines."""
        scroll = self.text_scroll
        scroll.scroll_to(y=scroll.scroll_y + lines, animate=False)
