"""The topic bar: numbered topics for keys 1 to 9, the active ones marked.

Numbers belong to topics for the whole session: the first view's nine largest
topics get 1 to 9 and keep them while filters are toggled (counts change, places
do not). The bar shows the labels that fit and says how many do not.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual.strip import Strip

from newsreader.models import TopicCount
from newsreader.safetext import one_line
from tui.widgets.dress import text_line
from tui.widgets.kept import KeptLines

SLOTS = 9


class TopicBar(KeptLines):
    """Numbered topics; keys 1-9 toggle them as filters."""

    DEFAULT_CSS = "TopicBar { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The numbered topics, in number order (fixed once the first view has come).
        self.numbered: list[str] = []
        self.counts: dict[str, TopicCount] = {}
        self.active: tuple[str, ...] = ()
        #: False until the first counts come (the bar is blank, not "no topics", until then).
        self.counted = False

    @property
    def topics(self) -> list[TopicCount]:
        """The numbered topics with their counts in the current view."""
        return [self.counts.get(name.casefold(), TopicCount(name, 0, 0)) for name in self.numbered]

    def show(self, topics: list[TopicCount], active: tuple[str, ...]) -> None:
        """Show the counts of this view; the first call numbers the topics."""
        if not self.numbered:
            self.numbered = [t.name for t in topics[:SLOTS]]
        elif len(self.numbered) < SLOTS:  # a library that grew: free numbers for new topics
            known = {n.casefold() for n in self.numbered}
            for topic in topics:
                if len(self.numbered) >= SLOTS:
                    break
                if topic.name.casefold() not in known:
                    self.numbered.append(topic.name)
                    known.add(topic.name.casefold())
        self.counts = {t.name.casefold(): t for t in topics}
        self.active = active
        self.counted = True
        self.refresh()

    def lines_key(self) -> Hashable:
        """What the bar is drawn from: the numbered topics' counts, the active ones."""
        return (tuple(self.topics), self.active, self.counted)

    def name_at(self, number: int) -> str | None:
        """The topic numbered ``number`` (1-9), if there is one."""
        if 1 <= number <= len(self.numbered):
            return self.numbered[number - 1]
        return None

    def render_line(self, y: int) -> Strip:
        """The bar's line, made from :meth:`render` as one strip (not through Textual's
        visual of the text, which costs a millisecond or more a line)."""
        return text_line(self, self.render(), y)

    def render(self) -> Text:
        width = self.content_region.width or self.size.width
        line = Text(no_wrap=True, overflow="crop")
        if not self.numbered:
            if self.counted:
                line.append("No topics yet", style="italic")
            return line
        folded = {t.casefold() for t in self.active}
        labels: list[Text] = []
        for number, topic in enumerate(self.topics, start=1):
            is_active = topic.name.casefold() in folded
            label = Text(f" {number} {one_line(topic.name)}")
            if is_active:
                label = Text("✓" + label.plain + " ", style="reverse bold")
            elif topic.total:
                label.append(f" {topic.total:,} ")
            else:
                label.append(" ")
                label.stylize("dim")
            labels.append(label)
        for shown, label in enumerate(labels):
            left = len(labels) - shown - 1
            more = f" +{left} more (t)" if left else ""
            if line.cell_len + label.cell_len + 1 + len(more) > width and shown:
                line.append(f" +{len(labels) - shown} more (t)", style="italic")
                break
            line.append_text(label)
            line.append(" ")
        return line
