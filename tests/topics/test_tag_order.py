"""Tags do not depend on the order Python happens to iterate a set in."""

from __future__ import annotations

import os
import subprocess
import sys

#: Two names with the same initials, and the initials used alone: which name
#: "KDN" counts towards (and so which tag ranks first) must not change between runs.
PROBE = """
from newsreader.topics.tags import extract_tags
print(extract_tags(
    "Shipping line and port operator agree timetable",
    "Kesia Delta Navigation signed the deal with Kesia Delta Networks on Monday. "
    "KDN said the ferries would run hourly, and KDN will add a night crossing. "
    "Kesia Delta Navigation and Kesia Delta Networks will review it in a year.",
))
"""


def test_the_same_tags_in_every_process() -> None:
    """Each process hashes strings differently (PYTHONHASHSEED): the tags stay the same."""
    seen = set()
    for seed in range(1, 9):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run(
            [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
        )
        seen.add(done.stdout.strip())
    assert len(seen) == 1, seen
    assert "Kesia Delta Navigation" in seen.pop()
