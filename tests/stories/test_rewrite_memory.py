"""The rewrite check's memory of earlier reports: the same verdicts as reading their text,
kept for the text they were made from only, and bounded."""

from __future__ import annotations

from stories_support import EVENT, OTHER, add

from newsreader.store import Library
from newsreader.stories.grouping import place_article
from newsreader.stories.rewrites import RewriteMemory, kept_marks
from newsreader.stories.terms import rewrite_view, text_marks


def test_a_copy_is_found_the_same_with_the_memory_as_without(library: Library):
    """A copy placed with a memory of the report it copies is marked its rewrite, as it is
    when the report's text is read; a report that only tells the same event is not."""
    memory = RewriteMemory()
    first = add(library, *EVENT[0])
    place_article(library, first)
    memory.remember(first, *EVENT[0][1:], kept_marks(text_marks(*EVENT[0][1:])))
    copy = add(library, "Second feed", *EVENT[0][1:])
    other = add(library, *EVENT[1])
    placed_copy = place_article(library, copy, text_marks(*EVENT[0][1:]), memory)
    placed_other = place_article(library, other, text_marks(*EVENT[1][1:]), memory)
    assert placed_copy is not None and placed_copy.rewrite_of == first
    assert placed_other is not None and placed_other.rewrite_of is None
    assert placed_other.story_id == placed_copy.story_id


def test_marks_are_recalled_only_for_the_text_they_were_made_from():
    """A report whose title or text changed since its marks were kept is read anew."""
    memory = RewriteMemory()
    title, text = EVENT[0][1:]
    marks = kept_marks(rewrite_view(title, text))
    memory.remember(7, title, text, marks)
    assert memory.recall(7, title, text) == marks
    assert memory.recall(7, title, text + " Updated.") is None
    assert memory.recall(7, OTHER[1], text) is None
    assert memory.recall(8, title, text) is None


def test_the_memory_keeps_the_last_reports_remembered():
    memory = RewriteMemory(size=3)
    title, text = OTHER[1:]
    marks = kept_marks(rewrite_view(title, text))
    for article_id in range(1, 6):
        memory.remember(article_id, title, text, marks)
    memory.remember(3, title, text, marks)  # remembered again: the newest
    memory.remember(6, title, text, marks)
    kept = [a for a in range(1, 7) if memory.recall(a, title, text) is not None]
    assert kept == [3, 5, 6]


def test_kept_marks_weigh_a_report_as_its_text_does():
    """The compact marks kept of a report give the same term factors, runs and numbers as
    its rewrite view, so a report recalled is compared exactly as one read anew."""
    for title, text in (EVENT[0][1:], OTHER[1:]):
        view = rewrite_view(title, text)
        kept = kept_marks(view)
        assert kept.factors() == view.whole.term_factors()
        assert set(kept.runs) == view.runs and kept.numbers == view.numbers
