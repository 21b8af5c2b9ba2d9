"""Marking many articles read at once (``A``, ``C``) and undoing it (``U``)."""

from __future__ import annotations

from textual import on

from newsreader.models import ArticleQuery
from tui.messages import MarkedRead
from tui.workers import LibraryWork


class MarkingScreen(LibraryWork):
    """A screen that marks many articles read, with an undo of the last marking."""

    _undo: MarkedRead | None = None

    def mark_many_read(self, query: ArticleQuery, what: str) -> None:
        """Mark every unread article matching ``query`` read; ``what`` names them."""
        self.mark_read(query, what)

    def action_undo(self) -> None:
        """U: the articles last marked read many at once are unread again."""
        if self._undo is None or not self._undo.article_ids:
            self.notify("Nothing to undo.", markup=False, timeout=3)
            return
        marked, self._undo = self._undo, None
        self.mark_unread(marked.article_ids, marked.what)

    @on(MarkedRead)
    def _marked(self, message: MarkedRead) -> None:
        count = len(message.article_ids)
        if message.undo:
            self.notify(f"{count:,} articles unread again ({message.what}).", markup=False)
        elif count:
            self._undo = message
            self.notify(
                f"Marked {count:,} articles read ({message.what}); U undoes it.",
                markup=False,
                timeout=8,
            )
        else:
            self.notify(f"Nothing unread ({message.what}).", markup=False, timeout=3)
        self.after_marking()

    def after_marking(self) -> None:
        """Show the new flags (the screen reloads what it shows)."""
