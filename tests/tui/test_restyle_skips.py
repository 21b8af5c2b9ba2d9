"""Pilot tests of the restyles the reader leaves out: the help box taking the focus and
the story view shown again keep the styles a full restyle would give them, and a theme
changed while the story view was away reaches it when it comes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_support import build_app, open_story_view, press_settled, settle
from textual.dom import DOMNode

from tui.screens.stories import StoryScreen
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


async def test_the_story_view_shown_again_looks_as_restyled(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_story_view(pilot)
        await press_settled(pilot, "T", "T")
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        assert looks(screen) == await restyled(pilot, screen)


async def test_a_theme_changed_meanwhile_reaches_the_story_view(library_path: Path) -> None:
    app = build_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_story_view(pilot)
        before = looks(screen)
        await press_settled(pilot, "T")
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(pilot)
        await press_settled(pilot, "T")
        assert app.screen is screen
        shown = looks(screen)
        assert shown != before
        assert shown == await restyled(pilot, screen)
