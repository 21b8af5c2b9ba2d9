"""The story fixture sets of ``bench/fixtures`` keep the promises of their README."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from stories_support import (
    ROOT,
)

HELDOUT = ROOT / "bench" / "fixtures" / "story-heldout.jsonl"
OUTLETS = ROOT / "bench" / "fixtures" / "story-outlets.jsonl"
SAGAS = ROOT / "bench" / "fixtures" / "story-sagas.jsonl"


def _fixture_events(path: Path) -> tuple[list[dict], dict[str, list[dict]]]:
    """A story fixture set's rows, and its rows by event."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    events: dict[str, list[dict]] = {}
    for row in rows:
        events.setdefault(row["group"], []).append(row)
    return rows, events


def test_held_out_set_is_independent_reports_of_many_events():
    """story-heldout.jsonl keeps the promises of bench/fixtures/README.md: 60+ events,
    250+ reports over about three weeks from several outlets each, and no sentence of one
    report found in another (each was written on its own)."""
    rows, events = _fixture_events(HELDOUT)
    assert len({row["id"] for row in rows}) == len(rows) >= 250
    assert len(events) >= 60
    assert sum(len({r["source"] for r in rs}) >= 3 for rs in events.values()) >= 50
    times = sorted(datetime.fromisoformat(row["published"]) for row in rows)
    assert timedelta(days=14) <= times[-1] - times[0] <= timedelta(days=22)
    assert_no_sentence_repeated(rows)


def assert_no_sentence_repeated(rows: list[dict]) -> None:
    """No sentence of six or more words of one report is found in another."""
    seen: dict[str, str] = {}
    for row in rows:
        for paragraph in row["text"].split("\n\n"):
            for sentence in paragraph.replace("! ", ". ").replace("? ", ". ").split(". "):
                if len(sentence.split()) < 6:
                    continue
                key = sentence.strip().lower()
                assert seen.setdefault(key, row["id"]) == row["id"], (
                    f"{row['id']} repeats a sentence of {seen[key]}: {sentence!r}"
                )


def test_outlets_set_tells_each_event_in_several_outlets_words():
    """story-outlets.jsonl keeps the promises of bench/fixtures/README.md: 12 events, most
    told by three or more outlets, no sentence shared between reports."""
    rows, events = _fixture_events(OUTLETS)
    assert len({row["id"] for row in rows}) == len(rows) >= 30
    assert len(events) == 12
    assert sum(len({r["source"] for r in rs}) >= 3 for rs in events.values()) >= 9
    assert_no_sentence_repeated(rows)


def test_sagas_set_follows_events_over_days_in_several_outlets_words():
    """story-sagas.jsonl keeps the promises of bench/fixtures/README.md: 8 events, three
    followed for three days or more by three outlets or more, no sentence shared."""
    rows, events = _fixture_events(SAGAS)
    assert len({row["id"] for row in rows}) == len(rows) >= 20
    assert len(events) == 8
    long_running = 0
    for reports in events.values():
        times = [datetime.fromisoformat(r["published"]) for r in reports]
        outlets = {r["source"] for r in reports}
        long_running += max(times) - min(times) >= timedelta(days=3) and len(outlets) >= 3
    assert long_running == 3
    assert_no_sentence_repeated(rows)
