"""Pilot tests of the restyles the reader leaves out: the help box taking the focus keeps
the styles a full restyle would give it."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_support import build_app, press_settled, settle
from textual.dom import DOMNode

from tui.widgets.help_overlay import HelpOverlay

pytestmark = pytest.mark.asyncio

WIDE = (120, 40)


def looks(root: DOMNode) -> list[tuple[object, ...]]:
    """What ``root`` and every node under it is drawn with."""
    return [
        (node, tuple(sorted(node.styles.get_render_rules().items())), node.rich_style)
        for node in [root, *root.walk_children()]
    ]


async def restyled(pilot, root: DOMNode) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    """How ``root`` looks once Textual has applied every style to it again."""
    root.update_node_styles(animate=False)
    await settle(pilot)
    return looks(root)


async def test_the_help_box_looks_as_restyled_when_it_takes_the_focus(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for _ in range(2):  # the first show mounts the box, the second only shows it
            await press_settled(pilot, "question_mark")
            box = app.screen.query_one(HelpOverlay)
            assert app.focused is box
            shown = looks(box)
            assert shown == await restyled(pilot, box)
            await press_settled(pilot, "escape")
            assert app.focused is None and looks(box) == await restyled(pilot, box)
