"""Schema step: the number of stories kept in ``totals`` (see :mod:`newsreader.store.schema`).

Counting the stories table walks all of it (a million rows at a million
articles) every time the story view is shown; the counter costs one row update
per story made or removed.
"""

from __future__ import annotations

#: Stories: how many there are, kept by triggers as stories are made, merged away
#: or emptied (``totals.stories``), as ``totals`` keeps the articles.
STORY_COUNT = """
ALTER TABLE totals ADD COLUMN stories INTEGER NOT NULL DEFAULT 0;
UPDATE totals SET stories = (SELECT count(*) FROM stories);
CREATE TRIGGER stories_ai AFTER INSERT ON stories BEGIN
    UPDATE totals SET stories = stories + 1;
END;
CREATE TRIGGER stories_ad AFTER DELETE ON stories BEGIN
    UPDATE totals SET stories = stories - 1;
END;
"""
