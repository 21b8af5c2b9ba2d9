"""Stored story vectors: packed exactly, upgraded from JSON, and read back the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_support import library_before

from newsreader.models import NewArticle
from newsreader.store import Library, schema
from newsreader.store.story_vectors import (
    STORY_VECTORS_PACKED,
    pack_json_vector,
    pack_vector,
    unpack_vector,
)
from newsreader.stories.grouping import place_articles


def test_a_packed_vector_keeps_its_order_and_exact_weights() -> None:
    weights = {"ostrel": 0.1 + 0.2, "kiln": 1 / 3, "café": 2.0**-40, "9.5": -0.0}
    back = unpack_vector(pack_vector(weights))
    assert list(back) == list(weights)
    assert all(back[term].hex() == weight.hex() for term, weight in weights.items())
    assert unpack_vector(pack_vector({})) == {}


def test_a_term_holding_nul_is_refused() -> None:
    with pytest.raises(ValueError, match="NUL"):
        pack_vector({"a\0b": 1.0})


def test_a_json_vector_packs_to_what_it_held() -> None:
    weights = {"harbour": 0.7071067811865476, "strike": 0.7071067811865475}
    assert unpack_vector(pack_json_vector(json.dumps(weights))) == weights


def test_an_unreadable_json_vector_packs_empty() -> None:
    for damaged in ("{not json", "[1, 2]", '{"harbour": "heavy"}', "null"):
        assert unpack_vector(pack_json_vector(damaged)) == {}


def _upgraded(tmp_path: Path) -> Path:
    """A library at the version before packed vectors holding two indexed articles."""
    path = tmp_path / "old.sqlite"
    conn = library_before(path, STORY_VECTORS_PACKED)
    conn.execute("INSERT INTO sources (id, kind, name) VALUES (1, 'import', 'Desk')")
    for article_id, title in enumerate(("Harbour strike", "Strike ends", "Quay shut"), 1):
        conn.execute(
            "INSERT INTO articles (id, source_id, title, added, sort_time, text, content_hash)"
            " VALUES (?, 1, ?, 1000.0, 1000.0, 'Crews walked out.', ?)",
            (article_id, title, f"hash{article_id}"),
        )
    vectors = {1: {"harbour": 0.6, "strike": 0.8}, 2: {"strike": 1 / 3, "ends": 2**0.5 / 3}}
    rows = [(a, json.dumps(v)) for a, v in vectors.items()] + [(3, "{damaged")]
    conn.executemany("INSERT INTO story_vectors (article_id, terms) VALUES (?, ?)", rows)
    conn.close()
    return path


def test_upgrading_keeps_the_stored_vectors_readable(tmp_path: Path) -> None:
    path = _upgraded(tmp_path)
    with Library(path) as library:
        assert library.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert library.article_vectors([1, 2, 3, 4]) == {
            1: {"harbour": 0.6, "strike": 0.8},
            2: {"strike": 1 / 3, "ends": 2**0.5 / 3},
            3: {},  # its JSON was damaged: upgraded all the same
            4: {},
        }
        assert list(library.article_vectors([2])[2]) == ["strike", "ends"]
        assert library.is_indexed(3) and not library.is_indexed(4)
        library.delete_article(1)  # the packed table still goes with its article
        found = library.conn.execute("SELECT article_id FROM story_vectors").fetchall()
        assert found == [(2,), (3,)]


def test_placement_reads_back_the_vectors_it_wrote(tmp_path: Path) -> None:
    texts = [
        ("Ferry crews strike at Ostrel harbour", "Ferry crews at Ostrel walked out over wages."),
        ("Ostrel ferry strike goes on", "The Ostrel ferry crews strike over wages for a day."),
    ]
    with Library(tmp_path / "library.sqlite") as library:
        ids = [
            library.add_article(NewArticle(title=t, text=x, source_name="Desk")).article_id
            for t, x in texts
        ]
        place_articles(library, ids)
    with Library(tmp_path / "library.sqlite") as library:  # nothing remembered: read back
        vectors = library.article_vectors(ids)
        assert all(vectors[a] for a in ids)
        assert all(abs(sum(w * w for w in vectors[a].values()) - 1.0) < 1e-9 for a in ids)
