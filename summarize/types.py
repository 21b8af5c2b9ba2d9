"""The summary types: what :func:`summarize.summarize` returns."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class SummarySentence:
    """One chosen sentence: its text, where it stands in the original, its score.

    ``text == original[start:end]`` always holds.
    """

    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Summary:
    """The chosen sentences in document order, and how they were chosen."""

    sentences: tuple[SummarySentence, ...]
    algorithm: str
    #: Set when the work was capped (for example only the first N sentences ranked).
    note: str = ""

    def to_json(self) -> str:
        """Serialise for the library's summary cache."""
        return json.dumps(
            {
                "algorithm": self.algorithm,
                "note": self.note,
                "sentences": [[s.text, s.start, s.end, s.score] for s in self.sentences],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, payload: str) -> Summary:
        """Read back what :meth:`to_json` wrote."""
        data = json.loads(payload)
        return cls(
            sentences=tuple(
                SummarySentence(t, int(a), int(b), float(s)) for t, a, b, s in data["sentences"]
            ),
            algorithm=data["algorithm"],
            note=data.get("note", ""),
        )
