"""The topic bar: the topics in view, numbered 1 to 9, the active ones marked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from newsreader.models import TopicCount
from newsreader.safetext import one_line


class TopicBar(Static):
    """Numbered topics; keys 1-9 toggle them as filters."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.topics: list[TopicCount] = []
        self.active: tuple[str, ...] = ()

    def show(self, topics: list[TopicCount], active: tuple[str, ...]) -> None:
        """Show ``topics`` in order, marking those in ``active``."""
        self.topics = topics[:9]
        self.active = active
        folded = {t.casefold() for t in active}
        line = Text(no_wrap=True, overflow="ellipsis")
        if not self.topics:
            line.append("No topics yet", style="italic")
        for number, topic in enumerate(self.topics, start=1):
            is_active = topic.name.casefold() in folded
            label = f" {number} {one_line(topic.name)}"
            if topic.total and not is_active:
                label += f" {topic.total:,}"
            label += " "
            style = "reverse bold" if is_active else ""
            line.append(("✓" if is_active else "") + label, style=style)
            line.append(" ")
        self.update(line)

    def name_at(self, number: int) -> str | None:
        """The topic numbered ``number`` (1-9), if there is one."""
        if 1 <= number <= len(self.topics):
            return self.topics[number - 1].name
        return None
