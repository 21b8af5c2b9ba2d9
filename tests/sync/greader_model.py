"""What the Google Reader test server holds: its entries, feeds and the calls it saw,
the API's paths and states, and the ids as FreshRSS writes and reads them."""

from __future__ import annotations

from dataclasses import dataclass, field

BASE = "/api/greader.php"
LONG = "tag:google.com,2005:reader/item/"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
READING_LIST = "user/-/state/com.google/reading-list"
LABEL = "user/-/label/"


@dataclass
class Entry:
    """An article the server holds."""

    id: int
    feed_id: int
    title: str
    link: str
    content: str
    published: int
    read: bool = False
    starred: bool = False


@dataclass
class ServerFeed:
    """A subscription on the server."""

    id: int
    url: str
    title: str
    label: str = "Uncategorized"


@dataclass
class Call:
    """One request as the server saw it."""

    method: str
    path: str
    form: list[tuple[str, str]] = field(default_factory=list)


def _id(entry: Entry) -> int:
    return entry.id


def _entry_id(value: str) -> int:
    """An id as FreshRSS reads it: decimal unless it has a leading 0 or is not digits."""
    if value.isdigit() and not value.startswith("0"):
        return int(value)
    try:
        return int(value.rsplit("/", 1)[-1], 16)
    except ValueError:
        return -1


def _content(title: str, n: int) -> str:
    words = " ".join(f"{title.split()[0].lower()}word{(n * 7 + k) % 97}" for k in range(120))
    return f"<p>Report {n} from {title}: the harbour board met on day {n}.</p><p>{words}.</p>"
