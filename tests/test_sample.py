"""First run: an empty library is filled from the bundled sample library, once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsreader import sample
from newsreader.config import Settings
from newsreader.models import ArticleQuery, NewArticle
from newsreader.sample import SAMPLE_FILENAME, ensure_sample_library, load_samples
from newsreader.store import Library

ROOT = Path(__file__).resolve().parents[1]


def _write_samples(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SAMPLE_FILENAME
    lines = [
        json.dumps(
            {
                "title": f"Sample {n}",
                "text": f"Sample story {n}.\n\nSecond paragraph {n}.",
                "source": f"Outlet {n % 2}",
                "url": f"https://example.com/{n}",
                "published": f"2026-01-0{n + 1}T10:00:00+00:00",
                "author": "A. Writer",
                "topics": ["world"] if n % 2 else ["science"],
            }
        )
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_empty_library_gets_the_samples_once(tmp_path: Path, library: Library) -> None:
    path = _write_samples(tmp_path / "assets", 3)
    assert ensure_sample_library(library, path, Settings()) == 3
    rows = library.list_articles(ArticleQuery())
    assert sorted(row.title for row in rows) == ["Sample 0", "Sample 1", "Sample 2"]
    article = library.get_article(rows[0].id)
    assert article.source_kind == "import"
    assert article.source in {"Outlet 0", "Outlet 1"}
    assert article.url.startswith("https://example.com/")
    assert ensure_sample_library(library, path, Settings()) == 0
    assert library.count_articles(ArticleQuery()) == 3
    world = library.list_articles(ArticleQuery(topics=("world",)))
    assert "Sample 1" in [row.title for row in world]


def test_a_library_with_articles_gets_no_samples(tmp_path: Path, library: Library) -> None:
    library.add_article(NewArticle(title="Mine", text="My own article.", source_name="me"))
    assert ensure_sample_library(library, _write_samples(tmp_path, 3), Settings()) == 0
    assert [row.title for row in library.list_articles(ArticleQuery())] == ["Mine"]


def test_the_assets_folder_is_found_through_paths(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_samples(tmp_path / "elsewhere", 2)
    monkeypatch.setattr(sample, "assets_dir", lambda: tmp_path / "elsewhere")
    assert ensure_sample_library(library) == 2


def test_missing_or_broken_sample_file_adds_nothing(tmp_path: Path, library: Library) -> None:
    assert ensure_sample_library(library, tmp_path / "absent.jsonl", Settings()) == 0
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    assert ensure_sample_library(library, broken, Settings()) == 0
    assert library.is_empty()


def test_an_interrupted_first_run_leaves_the_library_empty(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write_samples(tmp_path, 4)
    real_add = Library.add_article
    calls = []

    def interrupted(self, new, **kwargs):
        calls.append(new)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_add(self, new, **kwargs)

    monkeypatch.setattr(Library, "add_article", interrupted)
    with pytest.raises(KeyboardInterrupt):
        ensure_sample_library(library, path, Settings())
    assert library.is_empty()
    monkeypatch.setattr(Library, "add_article", real_add)
    assert ensure_sample_library(library, path, Settings()) == 4  # the next start tries again


def test_the_bundled_sample_library_imports_cleanly() -> None:
    bundled = ROOT / "assets" / SAMPLE_FILENAME
    lines = [line for line in bundled.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles, errors = load_samples(bundled)
    assert errors == []
    assert len(articles) == len(lines) >= 15
    assert all(a.source_name and a.published and a.url and a.topics for a in articles)
    assert len({a.source_name for a in articles}) >= 3


def test_the_bundled_samples_fill_a_new_library(library: Library) -> None:
    added = ensure_sample_library(library, settings=Settings())
    assert added >= 15
    assert library.count_articles(ArticleQuery()) == added
    assert library.consistency_problems() == []
