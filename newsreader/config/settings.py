"""Every setting of the config file, with its default and its documentation.

Each ``[section]`` of the TOML file is a frozen dataclass here. A field is made
with :func:`setting`, which keeps the sentence a user reads in
``newsreader config`` and the bounds a value must keep, so the documentation,
the default and the validation of a setting are written once, side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsreader.records import Record

#: The default of a setting that has none: the user must give it.
REQUIRED: Any = object()


def setting(
    default: Any,
    doc: str,
    *,
    minimum: float | None = 0,
    maximum: float | None = None,
    choices: tuple[str, ...] = (),
) -> Any:
    """A setting's dataclass field: its default, the line documenting it, its bounds.

    Numbers must be finite and at least ``minimum`` (0 unless told otherwise;
    ``None`` for no lower bound) and at most ``maximum``; strings with ``choices``
    must be one of them.
    """
    meta = {"doc": doc, "minimum": minimum, "maximum": maximum, "choices": choices}
    if default is REQUIRED:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True, repr=False, eq=False)
class LibrarySettings(Record):
    """Importing local files."""

    max_import_bytes: int = setting(
        5_000_000,
        "Files larger than this many bytes are skipped by `newsreader import`.",
        minimum=1,
    )
    max_text_chars: int = setting(
        200_000,
        "Article texts (from feeds, pages and files) longer than this many characters are cut,"
        " with a note saying so.",
        minimum=1000,
    )
    worker_processes: int = setting(
        1,
        "Processes beside the one storing and enriching that parse feeds, extract article"
        " pages and make summaries, so a refresh or an import uses two cores (0: all in one"
        " process; a machine with one core always does).",
        maximum=8,
    )
    keep_days: int = setting(
        0,
        "After a fetch, a feed's articles older than this many days are deleted, starred"
        " ones never (0 keeps them all; newsboat's keep-articles-days).",
    )
    max_per_feed: int = setting(
        0,
        "After a fetch, each feed keeps only its newest this many articles, and every starred"
        " one (0 keeps them all; newsboat's max-items).",
    )


@dataclass(frozen=True, repr=False, eq=False)
class SummarySettings(Record):
    """The extractive summary above each article."""

    algorithm: str = setting(
        "", 'Summariser name (`newsreader summarize --list-algorithms`); "" is the default.'
    )
    sentences: int = setting(3, "Sentences in a summary.", minimum=1)


@dataclass(frozen=True, repr=False, eq=False)
class FeedSettings(Record):
    """Fetching subscriptions."""

    concurrency: int = setting(8, "Feeds and pages fetched at once.", minimum=1)
    connect_timeout: float = setting(10.0, "Seconds to wait for a connection.", minimum=0.1)
    read_timeout: float = setting(
        30.0, "Seconds to wait for data on an open connection.", minimum=0.1
    )
    max_bytes: int = setting(
        10_000_000, "Largest response accepted, in bytes, counted after decompression.", minimum=1
    )
    request_seconds: float = setting(
        30.0,
        "Most seconds one request may take in all (connecting, redirects and the whole body),"
        " however slowly the server sends it.",
        minimum=0.1,
    )
    feed_seconds: float = setting(
        120.0,
        "Most seconds one feed may take in a refresh in all, its article pages included; the"
        " entries whose pages are not fetched by then keep their teaser.",
        minimum=1,
    )
    max_redirects: int = setting(5, "Redirects followed before giving up.")
    allow_internal_addresses: bool = setting(
        False,
        "Fetch article pages and follow redirects to loopback, private-network and link-local"
        " addresses (169.254.169.254) even for a feed that is not on such an address itself.",
    )
    max_retry_after: float = setting(
        86_400.0,
        "Longest wait, in seconds, a server's Retry-After can impose before a feed is fetched"
        " again (`newsreader fetch FEED` fetches it at once anyway).",
    )
    full_text: str = setting(
        "auto",
        "Full text for new subscriptions: fetch each entry's page always, never, or (auto)"
        " when the entry is a teaser.",
        choices=("auto", "always", "never"),
    )
    teaser_words: int = setting(
        100,
        'With full text "auto", an entry of fewer words than this is a teaser whose page is'
        " fetched and extracted.",
    )
    max_pages_per_feed: int = setting(
        100,
        "Article pages fetched for one feed in one refresh at most; the entries beyond wait"
        " for the next refresh.",
    )
    max_pages_per_run: int = setting(
        10_000, "Article pages fetched in one refresh at most, over all feeds."
    )
    run_seconds: float = setting(
        600.0,
        "A refresh stops fetching after this many seconds; feeds not reached by then are"
        " tried on the next one.",
        minimum=1,
    )


@dataclass(frozen=True, repr=False, eq=False)
class TopicRule(Record):
    """One ``[[topics.rules]]`` entry: a topic given by keywords, a regex or feeds."""

    name: str = setting(REQUIRED, "The topic's name.")
    keywords: tuple[str, ...] = setting((), "Words or phrases that give the topic.")
    regex: str = setting("", "A regular expression that gives the topic.")
    feeds: tuple[str, ...] = setting((), "Feeds (URL or title) whose articles get the topic.")


@dataclass(frozen=True, repr=False, eq=False)
class TopicSettings(Record):
    """Automatic sections and the user's own rules."""

    sections: tuple[str, ...] = setting(
        (
            "world",
            "politics",
            "business",
            "technology",
            "science",
            "health",
            "sport",
            "entertainment",
        ),
        "The news sections articles are classified into.",
    )
    max_tags: int = setting(4, "Subject tags taken from each article's text.")
    rules: tuple[TopicRule, ...] = setting((), "The user's topic rules (`[[topics.rules]]`).")


@dataclass(frozen=True, repr=False, eq=False)
class SyncSettings(Record):
    """Syncing with a feed server (`newsreader account add greader URL --user NAME`)."""

    password_command: str = setting(
        "",
        "A shell command printing the server's (API) password, run when a sync must log in;"
        " else NEWSREADER_GREADER_PASSWORD, else a prompt on a terminal.",
    )
    timeout: float = setting(30.0, "Seconds to wait for each answer of the server.", minimum=0.1)
    mark_batch: int = setting(
        100,
        "Articles marked per call to the server (FreshRSS on SQLite takes about 17 ms each).",
        minimum=1,
        maximum=1000,
    )
    fetch_batch: int = setting(
        250, "Articles pulled per call to the server.", minimum=1, maximum=1000
    )
    max_new_articles: int = setting(
        20_000,
        "New articles pulled in one sync at most, newest first; the rest come with the next.",
        minimum=1,
    )


@dataclass(frozen=True, repr=False, eq=False)
class ReaderSettings(Record):
    """The terminal reader (`newsreader`)."""

    mark_read: str = setting(
        "open",
        'When an article is marked read: "open" when it is opened (enter, or J/K/n/p while'
        ' reading), "leave" when the cursor leaves it after `mark_read_after` seconds on it,'
        ' "never" by itself.',
        choices=("open", "leave", "never"),
    )
    mark_read_after: float = setting(
        3.0, 'With mark_read = "leave": seconds an article must be shown to count as read.'
    )
    browser: str = setting(
        "",
        'Command that opens a link, with {url} for the link (e.g. "w3m {url}"); run without a'
        ' shell; "" uses $BROWSER, else the system\'s browser.',
    )
    console_browser: bool = setting(
        True,
        "The browser command runs in this terminal (w3m, lynx): the reader steps aside until it"
        " exits. False starts it in the background (a graphical browser).",
    )
    check_every: float = setting(
        2.0,
        "Seconds between checks for articles stored by another process (a cron fetch);"
        " 0 turns checking off.",
    )
    refresh_every: float = setting(
        0.0, "Minutes between refreshes of the feeds while the reader is open; 0 never."
    )
    escape_delay_ms: int = setting(
        10,
        "Milliseconds a lone Esc (the back key) waits for the rest of a key's escape sequence"
        " (arrows, Alt+key) before it counts as Esc, as tmux's escape-time; raise it on a link"
        " that splits those sequences. ESCDELAY in the environment, when set, wins.",
        maximum=1000,
    )


#: The sections of the config file, in the order ``newsreader config`` prints them.
SECTIONS: dict[str, type] = {
    "library": LibrarySettings,
    "summary": SummarySettings,
    "feeds": FeedSettings,
    "topics": TopicSettings,
    "sync": SyncSettings,
    "reader": ReaderSettings,
}

#: What the ``[keys]`` table is, for ``newsreader config``.
KEYS_DOC = 'Binding id = "key[,key...]", remapping the reader\'s keys (`?` lists the ids).'


@dataclass(frozen=True, repr=False, eq=False)
class Settings(Record):
    """Everything the config file can set."""

    library: LibrarySettings = field(default_factory=LibrarySettings)
    summary: SummarySettings = field(default_factory=SummarySettings)
    feeds: FeedSettings = field(default_factory=FeedSettings)
    topics: TopicSettings = field(default_factory=TopicSettings)
    sync: SyncSettings = field(default_factory=SyncSettings)
    reader: ReaderSettings = field(default_factory=ReaderSettings)
    keys: dict[str, str] = field(default_factory=dict)
