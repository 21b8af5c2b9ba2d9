"""Dates from outside, checked on the way in and read back without surprises.

A feed or a file can claim any publication date: year 99999, year -1, a zone
offset that pushes 9999-12-31 past the last day Python can represent, a date
years ahead. :func:`sane_published` keeps what is plausible and turns the
rest into what the library can hold: no date (the arrival time is shown), or
the arrival time itself for a date more than :data:`MAX_FUTURE` ahead.
:func:`from_epoch` reads a stored number back and never raises, whatever the
column holds.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

#: Dates before this are placeholders (Go's zero time, 0001-01-01), not publications.
EARLIEST_PUBLISHED = datetime(1900, 1, 1, tzinfo=UTC)
#: A publication date further ahead than this is taken as the arrival time.
MAX_FUTURE = timedelta(days=1)
#: The range a stored time is read back into: a day inside what ``datetime``
#: holds, so converting it to any time zone cannot overflow.
EARLIEST_STORED = datetime(1, 1, 2, tzinfo=UTC)
LATEST_STORED = datetime(9999, 12, 30, tzinfo=UTC)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: The two bounds as seconds since the epoch (read back for every row of a list).
_EARLIEST_SECONDS, _LATEST_SECONDS = EARLIEST_STORED.timestamp(), LATEST_STORED.timestamp()


def sane_published(moment: datetime | None, now: datetime | None = None) -> datetime | None:
    """``moment`` in UTC when plausible; the arrival time (``now``) when far ahead; else None.

    A naive ``moment`` is taken as UTC. One that cannot be expressed in UTC
    (an offset past year 9999 or before year 1) counts as far ahead or as no
    date, by its year.
    """
    if moment is None:
        return None
    arrival = now or datetime.now(UTC)
    try:
        utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return arrival if moment.year > arrival.year else None
    if utc < EARLIEST_PUBLISHED:
        return None
    if utc > arrival + MAX_FUTURE:
        return arrival
    return utc


def from_epoch(seconds: object) -> datetime | None:
    """A stored time (seconds since the epoch) as an aware UTC datetime; never raises.

    None stays None; a value out of range is clamped into
    [:data:`EARLIEST_STORED`, :data:`LATEST_STORED`]; anything that is not a
    number (text, NaN) reads as the epoch.
    """
    if seconds is None:
        return None
    try:
        value = float(seconds)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return _EPOCH
    if _EARLIEST_SECONDS < value < _LATEST_SECONDS:  # the stored times there are
        return datetime.fromtimestamp(value, tz=UTC)
    if math.isnan(value):
        return _EPOCH
    return EARLIEST_STORED if value <= _EARLIEST_SECONDS else LATEST_STORED


def deferral_end(
    retry_after: datetime | None, last_fetched: datetime | None, longest: float
) -> datetime | None:
    """When a feed deferred by a server's Retry-After may be fetched again.

    At most ``longest`` seconds after its last fetch, whatever was stored: a
    library can hold a deferral from before waits were clamped (year 9999).
    """
    if retry_after is None:
        return None
    start = last_fetched or datetime.now(UTC)
    return min(retry_after, start + timedelta(seconds=longest))
