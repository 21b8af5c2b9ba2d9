"""Stored story vectors: an indexed article's term weights as one packed blob.

A vector is written once per placed article and read back only for reports not
remembered in memory, so writing it must be cheap: a blob of the term count
(two bytes), the weights as little-endian doubles (exactly the floats made) and
the terms as UTF-8 joined by NUL, in the vector's order (heaviest first). JSON
costs a float-to-text conversion per weight.
"""

from __future__ import annotations

import json
import sys
from array import array

#: Terms a packed vector holds at most (its count is two bytes).
MOST_TERMS = 0xFFFF
_SWAP = sys.byteorder != "little"

#: Stories: each indexed article's term vector packed (:func:`pack_vector`) instead
#: of JSON; the vectors stored are converted (``pack_story_vector``, which
#: :func:`newsreader.store.db.connect` gives the upgrading connection).
STORY_VECTORS_PACKED = """
CREATE TABLE story_vectors_packed (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    vector BLOB NOT NULL
);
INSERT INTO story_vectors_packed (article_id, vector)
SELECT article_id, pack_story_vector(terms) FROM story_vectors ORDER BY article_id;
DROP TABLE story_vectors;
ALTER TABLE story_vectors_packed RENAME TO story_vectors;
"""


def pack_vector(weights: dict[str, float]) -> bytes:
    """The stored form of a term vector (order and exact weights kept).

    Raises ``ValueError`` for a term holding NUL or more than :data:`MOST_TERMS` terms.
    """
    if len(weights) > MOST_TERMS:
        raise ValueError(f"a story vector holds at most {MOST_TERMS} terms")
    terms = "\0".join(weights)
    if terms.count("\0") != max(0, len(weights) - 1):
        raise ValueError("a story vector's term holds NUL")
    values = array("d", weights.values())
    if _SWAP:
        values.byteswap()
    return len(weights).to_bytes(2, "little") + values.tobytes() + terms.encode()


def unpack_vector(blob: bytes) -> dict[str, float]:
    """The term vector :func:`pack_vector` stored, in its order."""
    count = int.from_bytes(blob[:2], "little")
    if not count:
        return {}
    values = array("d")
    values.frombytes(blob[2 : 2 + 8 * count])
    if _SWAP:
        values.byteswap()
    return dict(zip(blob[2 + 8 * count :].decode().split("\0"), values, strict=True))


def pack_json_vector(terms: str) -> bytes:
    """A vector stored as JSON (term -> weight) packed: the upgrade's conversion.

    One that cannot be read becomes an empty vector (its article then matches
    nothing when compared), so a damaged row cannot stop the library upgrading.
    """
    try:
        found = json.loads(terms)
        return pack_vector({str(term): float(weight) for term, weight in found.items()})
    except (TypeError, ValueError, AttributeError):
        return pack_vector({})
