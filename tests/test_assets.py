"""The bundled sample library and the story fixtures keep the promises their READMEs make."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "sample-library.jsonl"
SAMPLE_GROUPS = ROOT / "bench" / "fixtures" / "sample-library-groups.json"
STORIES = ROOT / "bench" / "fixtures" / "stories.jsonl"
SECTIONS = {"world", "politics", "business", "technology", "science", "health", "sport", "culture"}
RESERVED_URL = re.compile(r"^https://example\.(com|org|net)/\S+$")
SHINGLE = 8


def _read_jsonl(path: Path) -> list[dict]:
    """Every line of a JSON Lines file, each required to be a JSON object."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name} line {number} is blank"
        row = json.loads(line)
        assert isinstance(row, dict), f"{path.name} line {number} is not a JSON object"
        rows.append(row)
    return rows


def _shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _published(row: dict) -> datetime:
    when = datetime.fromisoformat(row["published"])
    assert when.tzinfo is not None, f"{row['published']!r} has no time zone"
    return when


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    return _read_jsonl(SAMPLE)


@pytest.fixture(scope="module")
def stories() -> list[dict]:
    return _read_jsonl(STORIES)


def test_sample_library_has_enough_well_formed_articles(sample: list[dict]) -> None:
    assert len(sample) >= 15
    for row in sample:
        for key in ("title", "text", "source", "published", "author", "url"):
            assert isinstance(row.get(key), str) and row[key].strip(), f"{row.get('title')}: {key}"
        assert isinstance(row["topics"], list) and len(row["topics"]) == 1, row["title"]
        assert row["topics"][0] in SECTIONS, row["title"]
        assert RESERVED_URL.match(row["url"]), row["url"]
        assert "2026-11-10" <= _published(row).date().isoformat() <= "2026-11-21"
        paragraphs = row["text"].split("\n\n")
        assert len(paragraphs) >= 4 and all(p.strip() == p and p for p in paragraphs), row["title"]
        assert 250 <= len(row["text"].split()) <= 600, row["title"]


def test_sample_library_spans_sections_and_outlets(sample: list[dict]) -> None:
    per_section: dict[str, int] = {}
    for row in sample:
        per_section[row["topics"][0]] = per_section.get(row["topics"][0], 0) + 1
    assert len(per_section) >= 6
    assert sum(1 for count in per_section.values() if count >= 2) >= 6
    assert len({row["source"] for row in sample}) >= 5


def test_sample_library_titles_and_urls_are_unique(sample: list[dict]) -> None:
    assert len({row["title"] for row in sample}) == len(sample)
    assert len({row["url"] for row in sample}) == len(sample)
    assert len({row["text"] for row in sample}) == len(sample)


def test_sample_library_has_one_event_from_three_outlets(sample: list[dict]) -> None:
    by_url = {row["url"]: row for row in sample}
    groups = json.loads(SAMPLE_GROUPS.read_text(encoding="utf-8"))["groups"]
    listed = [url for urls in groups.values() for url in urls]
    assert sorted(listed) == sorted(by_url), "the group file must list every sample article once"
    multi = [urls for urls in groups.values() if len(urls) >= 3]
    assert multi, "no event reported by three outlets"
    for urls in multi:
        reports = [by_url[url] for url in urls]
        assert len({row["source"] for row in reports}) == len(reports)
        times = sorted(_published(row) for row in reports)
        assert times[-1] - times[0] <= timedelta(days=2)


def test_story_fixtures_are_well_formed(stories: list[dict]) -> None:
    ids = [row["id"] for row in stories]
    assert len(set(ids)) == len(ids)
    group_of = {row["id"]: row["group"] for row in stories}
    for row in stories:
        for key in ("id", "group", "title", "text", "source", "published"):
            assert isinstance(row.get(key), str) and row[key].strip(), f"{row.get('id')}: {key}"
        assert 120 <= len(row["text"].split()) <= 300, row["id"]
        original = row["rewrite_of"]
        if original is not None:
            assert group_of.get(original) == row["group"], f"{row['id']} rewrites {original}"
    times = sorted(_published(row) for row in stories)
    assert times[-1] - times[0] <= timedelta(days=20)


def test_story_fixtures_have_groups_and_singletons(stories: list[dict]) -> None:
    members: dict[str, list[dict]] = {}
    for row in stories:
        members.setdefault(row["group"], []).append(row)
    multi = [rows for rows in members.values() if len(rows) >= 2]
    assert len(members) >= 35 and len(multi) >= 20
    assert len(members) - len(multi) >= 10
    for rows in multi:
        assert len({row["source"] for row in rows}) == len(rows), rows[0]["group"]
    assert sum(1 for row in stories if row["rewrite_of"]) >= 10
    assert len({row["title"] for row in stories}) == len(stories)


def test_no_text_from_the_seeds(shared_data: Path, sample: list[dict], stories: list[dict]) -> None:
    seeds = set()
    for path in sorted((shared_data / "seeds").iterdir()):
        seeds |= _shingles(path.read_text(encoding="utf-8", errors="replace"))
    assert seeds, "the seed folder is empty"
    for row in sample + stories:
        shared = _shingles(row["title"] + "\n" + row["text"]) & seeds
        assert not shared, f"{row['title']!r} shares {' '.join(next(iter(shared)))!r} with a seed"
