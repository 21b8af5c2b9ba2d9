"""Reading a stored time back (newsreader.timestamps.from_epoch): whatever the column
holds, a datetime the reader can show, or None, and never an exception."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest

from newsreader.timestamps import EARLIEST_STORED, LATEST_STORED, from_epoch

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (None, None),
        (0, EPOCH),
        (1_700_000_000.5, datetime(2023, 11, 14, 22, 13, 20, 500000, tzinfo=UTC)),
        ("1700000000", datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
        (-86400.0, datetime(1969, 12, 31, tzinfo=UTC)),
        (1e300, LATEST_STORED),
        (math.inf, LATEST_STORED),
        (-1e300, EARLIEST_STORED),
        (-math.inf, EARLIEST_STORED),
        (LATEST_STORED.timestamp(), LATEST_STORED),
        (EARLIEST_STORED.timestamp(), EARLIEST_STORED),
        (math.nan, EPOCH),
        ("not a time", EPOCH),
        (b"\x00\xff", EPOCH),
    ],
)
def test_a_stored_time_reads_back_clamped_and_never_raises(
    stored: object, expected: datetime | None
) -> None:
    assert from_epoch(stored) == expected
