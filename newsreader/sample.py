"""The bundled sample library, imported into an empty library on first run.

``assets/sample-library.jsonl`` (inside the wheel: ``newsreader/_assets``)
holds fictional articles as JSON lines, read by the JSON Lines importer, so
the sample and the user's own ``.jsonl`` files follow the same rules. They go
through the ingest pipeline (:func:`newsreader.ingest.add_articles`): all of it
is stored in one transaction, so a first run that is interrupted leaves the
library empty and the next run tries again; then they are enriched.
"""

from __future__ import annotations

from pathlib import Path

from newsreader.config import ConfigError, Settings, load_settings
from newsreader.importers.base import FileContext, RecordError
from newsreader.importers.files import SkipFile
from newsreader.importers.jsonfile import read_jsonl
from newsreader.ingest import ArticlesStored, add_articles
from newsreader.models import NewArticle
from newsreader.paths import assets_dir
from newsreader.store import Library

SAMPLE_FILENAME = "sample-library.jsonl"
#: Source name for sample articles that do not name their outlet.
SAMPLE_SOURCE = "Sample library"


def sample_path() -> Path:
    """Where the bundled sample library is."""
    return assets_dir() / SAMPLE_FILENAME


def load_samples(path: Path | None = None) -> tuple[list[NewArticle], list[RecordError]]:
    """The sample articles and any bad records; nothing when the file is missing."""
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


def ensure_sample_library(
    library: Library, path: Path | None = None, settings: Settings | None = None
) -> int:
    """Import the bundled samples when the library is empty; return how many were added.

    ``path`` overrides the bundled file (tests); ``settings`` default to the
    config file's (or the defaults when it is unreadable) for enrichment.
    """
    if not library.is_empty():
        return 0
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
