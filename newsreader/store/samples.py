"""Finding and removing given articles by their text (the bundled samples).

The samples are recognised by their text's content hash, so a library keeps no
mark of them: the articles of the bundled sample file are samples wherever they
came from, libraries filled by earlier versions included.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from newsreader.models import NewArticle
from newsreader.store import rows
from newsreader.store.articles import _storable
from newsreader.store.db import transaction

_CHUNK = 500


class SampleStore:
    """Functions of :class:`newsreader.store.Library` for articles known by their text."""

    conn: sqlite3.Connection

    def stored_ids(self, articles: Iterable[NewArticle]) -> list[int]:
        """Ids of the stored articles with the text of one of ``articles``."""
        hashes = sorted({rows.content_hash(_storable(new.text).strip()) for new in articles})
        found: list[int] = []
        for start in range(0, len(hashes), _CHUNK):
            chunk = hashes[start : start + _CHUNK]
            found += [
                int(article_id)
                for (article_id,) in self.conn.execute(
                    f"SELECT id FROM articles WHERE content_hash IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            ]
        return sorted(found)

    def remove_articles(self, article_ids: Iterable[int]) -> int:
        """Delete articles in one transaction; return how many were deleted.

        Their topics, summaries and story places go with them, and so do the
        sources of imported articles they leave empty (a feed's source stays).
        """
        wanted = sorted(set(article_ids))
        deleted = 0
        with transaction(self.conn):
            sources: set[int] = set()
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                sources.update(
                    source_id
                    for (source_id,) in self.conn.execute(
                        f"SELECT DISTINCT source_id FROM articles WHERE id IN ({marks})", chunk
                    )
                )
                deleted += self.conn.execute(
                    f"DELETE FROM articles WHERE id IN ({marks})", chunk
                ).rowcount
            self.conn.executemany(
                "DELETE FROM sources WHERE id = ? AND kind = 'import'"
                " AND NOT EXISTS (SELECT 1 FROM articles WHERE source_id = sources.id)"
                " AND NOT EXISTS (SELECT 1 FROM feeds WHERE source_id = sources.id)",
                [(source_id,) for source_id in sources],
            )
        return deleted
