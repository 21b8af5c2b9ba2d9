"""The bundled sample library: a demo, shown while the library holds nothing of the user's.

``assets/sample-library.jsonl`` (inside the wheel: ``newsreader/_assets``) holds
fictional articles as JSON lines, read by the JSON Lines importer, so the
samples follow the same rules as the user's own ``.jsonl`` files. The rules:

- the reader's first start stores them (:func:`prepare_samples`, run in a
  worker while the reader shows a line saying so) when the library has no
  article and no subscription, unless the user removed them;
- the first import, subscription or OPML import removes them
  (:func:`remove_if_present`, which returns the one line saying so);
- ``newsreader samples add`` brings them back, ``newsreader samples remove``
  drops them for good (:func:`add_samples`, :func:`remove_samples`).

Samples are known by their text (:meth:`Library.stored_ids`), so nothing in the
library marks them. They go through the ingest pipeline
(:func:`newsreader.ingest.add_articles`): all of them are stored in one
transaction, so a first run that is interrupted stores none and the next start
tries again; then they are enriched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.models import ArticleQuery
from newsreader.paths import assets_dir

if TYPE_CHECKING:
    from newsreader.config import Settings
    from newsreader.importers.base import RecordError
    from newsreader.models import NewArticle
    from newsreader.store import Library

SAMPLE_FILENAME = "sample-library.jsonl"
#: Source name for sample articles that do not name their outlet.
SAMPLE_SOURCE = "Sample library"
#: The library state key set when the user removed the samples.
STATE_KEY = "samples"
REMOVED = "removed"


def sample_path() -> Path:
    """Where the bundled sample library is."""
    return assets_dir() / SAMPLE_FILENAME


def load_samples(path: Path | None = None) -> tuple[list[NewArticle], list[RecordError]]:
    """The sample articles and any bad records; nothing when the file is missing."""
    from newsreader.importers.base import FileContext, RecordError
    from newsreader.importers.files import SkipFile
    from newsreader.importers.jsonfile import read_jsonl
    from newsreader.models import NewArticle

    path = path or sample_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return [], []
    try:
        records = read_jsonl(text, FileContext(path=path, source_name=SAMPLE_SOURCE))
    except SkipFile:
        return [], []
    articles = [record for record in records if isinstance(record, NewArticle)]
    errors = [record for record in records if isinstance(record, RecordError)]
    return articles, errors


def stored_samples(library: Library, path: Path | None = None) -> list[int]:
    """Ids of the sample articles the library holds."""
    articles, _errors = load_samples(path)
    return library.stored_ids(articles) if articles else []


def _has_subscription(library: Library) -> bool:
    return bool(library.list_feeds()) or library.sync_account() is not None


def wanted(library: Library) -> bool:
    """True when the samples should be stored now: the library holds nothing at all
    (no article, no subscription) and the user has not removed them."""
    return (
        library.is_empty()
        and not _has_subscription(library)
        and library.get_state(STATE_KEY) != REMOVED
    )


def samples_coming(library: Library, path: Path | None = None) -> int:
    """How many samples would be stored in ``library`` now (0: none are wanted, or none
    can be read)."""
    return len(load_samples(path)[0]) if wanted(library) else 0


def has_own_content(library: Library, path: Path | None = None) -> bool:
    """True when the library holds an article that is not a sample, or a subscription."""
    if _has_subscription(library):
        return True
    return library.count_articles(ArticleQuery()) > len(stored_samples(library, path))


def add_samples(
    library: Library, settings: Settings | None = None, path: Path | None = None
) -> int:
    """Store the samples (one transaction), then enrich them; how many were added.

    ``path`` overrides the bundled file; ``settings`` default to the config
    file's (or the defaults when it is unreadable). Samples already stored
    are left as they are. After this, :func:`wanted` no longer says no.
    """
    from newsreader.config import ConfigError, Settings, load_settings
    from newsreader.ingest import ArticlesStored, add_articles

    if library.get_state(STATE_KEY) == REMOVED:
        library.set_state(STATE_KEY, "")
    articles, _errors = load_samples(path)
    if not articles:
        return 0
    if settings is None:
        try:
            settings = load_settings()
        except ConfigError:
            settings = Settings()
    added = 0
    for event in add_articles(library, settings, articles, "samples"):
        if isinstance(event, ArticlesStored):
            added = len(event.added)
    return added


def remove_samples(library: Library, path: Path | None = None, *, for_good: bool = True) -> int:
    """Delete the sample articles; how many. ``for_good``: they do not come back on their own."""
    removed = library.remove_articles(stored_samples(library, path))
    if for_good:
        library.set_state(STATE_KEY, REMOVED)
    return removed


def remove_if_present(library: Library, path: Path | None = None) -> str | None:
    """Drop the samples once the library holds something of the user's own.

    Called after an import, a subscription or an OPML import; returns the line
    telling the user (None when there was nothing to remove). The samples come
    back by themselves only if the library is emptied again.
    """
    found = stored_samples(library, path)
    if not found or not has_own_content(library, path):
        return None
    removed = library.remove_articles(found)
    return (
        f"removed the {removed} sample articles now that the library has your own"
        " (`newsreader samples add` brings them back)"
    )


def ensure_sample_library(
    library: Library, path: Path | None = None, settings: Settings | None = None
) -> int:
    """Store the samples when :func:`wanted`; how many were added."""
    return add_samples(library, settings, path) if wanted(library) else 0


def prepare_samples(
    library_path: Path,
    settings: Settings | None = None,
    *,
    started: Callable[[int], None] | None = None,
    path: Path | None = None,
) -> int:
    """The reader's first-start job, for a worker thread: store the samples if wanted.

    Opens its own connection to ``library_path``. ``started(count)`` is called
    (from this thread) only when the samples are about to be stored, so the
    reader can say "preparing the sample library"; returns how many were added
    once they are stored and enriched (0 when none were wanted).
    """
    from newsreader.store import Library

    with Library(library_path) as library:
        count = samples_coming(library, path)
        if not count:
            return 0
        if started is not None:
            started(count)
        return add_samples(library, settings, path)
