"""Reading publication dates written by people and programs."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)

#: A date as found in text: ISO 8601 (optionally with a time), "29 July 2022"
#: or "July 29, 2022".
DATE_PATTERN = (
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? {_MONTH},? \d{{4}}"
    rf"|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
)
_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH}),? (\d{{4}})", re.I)
_MONTH_DAY_YEAR = re.compile(rf"({_MONTH}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})", re.I)


def parse_date(value: str) -> datetime | None:
    """An aware UTC datetime from ISO 8601, RFC 2822 or "29 July 2022"; else None.

    Times without a zone are taken as UTC; a date alone is midnight UTC.
    """
    value = value.strip()
    if not value:
        return None
    moment: datetime | None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        moment = _parse_words(value)
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):  # 9999-12-31T23:00-12:00 is past year 9999 in UTC
        return None


def from_epoch_seconds(value: float) -> datetime | None:
    """A datetime from seconds since the epoch, or None when out of range."""
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _parse_words(value: str) -> datetime | None:
    for pattern, order in ((_DAY_MONTH_YEAR, (0, 1, 2)), (_MONTH_DAY_YEAR, (1, 0, 2))):
        match = pattern.fullmatch(value)
        if match:
            parts = match.groups()
            day, month, year = (parts[i] for i in order)
            try:
                return datetime(int(year), _MONTHS[month.lower().rstrip(".")], int(day))
            except (ValueError, KeyError):
                return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
