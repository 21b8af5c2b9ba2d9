"""The hand-labelled tag set (``bench/fixtures/tags.jsonl``): loading and scoring.

Each line is an article with the ``tags`` a careful editor would give it and
the ``sections`` that would be right for it (empty: none fits, and no section
is the right answer). An article is either written out (``title``, ``text``) or
a line of the bundled sample library (``sample_line``, 1-based).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TAG_SET = ROOT / "bench" / "fixtures" / "tags.jsonl"
SAMPLES = ROOT / "assets" / "sample-library.jsonl"


@dataclass(frozen=True)
class Labelled:
    """One labelled article."""

    title: str
    text: str
    sections: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class TagScore:
    """Micro-averaged precision and recall of given tags against the labels."""

    given: int
    right: int
    labelled: int
    wrong: list[tuple[str, str]]

    @property
    def precision(self) -> float:
        """Share of given tags that the editor gave too (1.0 when none was given)."""
        return self.right / self.given if self.given else 1.0

    @property
    def recall(self) -> float:
        """Share of the editor's tags that were given."""
        return self.right / self.labelled if self.labelled else 1.0


def load_tag_set(path: Path = TAG_SET) -> list[Labelled]:
    """Every labelled article, the sample library's lines filled in."""
    samples = [json.loads(line) for line in SAMPLES.read_text("utf-8").splitlines() if line]
    found = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        if "sample_line" in item:
            sample = samples[item["sample_line"] - 1]
            title, text = sample["title"], sample["text"]
        else:
            title, text = item["title"], item["text"]
        found.append(Labelled(title, text, tuple(item["sections"]), tuple(item["tags"])))
    return found


def score_tags(items: list[Labelled], tagger: Callable[[str, str], list[str]]) -> TagScore:
    """Tags given by ``tagger(title, text)`` scored against the labels (case aside)."""
    given = right = labelled = 0
    wrong: list[tuple[str, str]] = []
    for item in items:
        gold = {tag.casefold() for tag in item.tags}
        tags = tagger(item.title, item.text)
        given += len(tags)
        labelled += len(gold)
        for tag in tags:
            if tag.casefold() in gold:
                right += 1
            else:
                wrong.append((item.title, tag))
    return TagScore(given, right, labelled, wrong)
