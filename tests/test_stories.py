"""Stories: the seed grouping, the sample library's event, time windows, one batch of
dated and undated reports, ``list --stories``, and consistency when articles are removed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stories_support import (
    EVENT,
    OTHER,
    ROOT,
    T0,
    add,
    add_as_then,
    check_consistent,
)

from newsreader.cli import main
from newsreader.config import Settings
from newsreader.enrich import enrich_articles
from newsreader.models import NewArticle
from newsreader.store import Library, schema
from newsreader.store.story_index import LATE_ARRIVAL, PUBLISHED, UNDATED
from newsreader.stories.grouping import WINDOW_DAYS, place_article, place_articles


def test_seed_grouping(shared_data: Path, library: Library):
    """001 and 002 report one phone call; 003 (another call) and 004 are stories of their
    own. 000, a loose rewrite close to 002 but not to 001, may join them or stay alone
    (a report joins a story when it is close to the story as a whole), never 003 or 004."""
    ids = {}
    for path in sorted((shared_data / "seeds").glob("*.txt")):
        lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
        ids[path.name[:3]] = add(
            library, f"Seed {path.name[:3]}", lines[0][:150], "\n".join(lines[1:]), when=None
        )
    enrich_articles(library, list(ids.values()), Settings())
    story = {key: library.get_article(article_id).story_id for key, article_id in ids.items()}
    assert story["001"] == story["002"] is not None
    assert len({story["001"], story["003"], story["004"]}) == 3
    assert story["000"] not in (story["003"], story["004"])
    check_consistent(library)


def test_seed_grouping_through_import(shared_data: Path, isolated_home: Path):
    """The same through ``newsreader import`` (001 carries a 2022 date, the others none):
    one story of the same call's reports, the rest alone."""
    result = CliRunner().invoke(main, ["import", str(shared_data / "seeds")])
    assert result.exit_code == 0, result.output
    with Library(isolated_home / "library.sqlite") as library:
        rows = library.list_stories()
        sizes = sorted(row.size for row in rows)
        assert sizes in ([1, 1, 3], [1, 1, 1, 2])
        big = next(row for row in rows if row.size == sizes[-1])
        titles = {a.title for a in library.get_story(big.id).articles}
        assert any("Blinken" in t for t in titles)
        check_consistent(library)


def test_sample_library_event(library: Library):
    """The sample's three-outlet event is one story; its near misses stay apart."""
    lines = (ROOT / "assets" / "sample-library.jsonl").read_text("utf-8").splitlines()
    ids = []
    for line in lines:
        data = json.loads(line)
        ids.append(
            add(
                library,
                data["source"],
                data["title"],
                data["text"],
                datetime.fromisoformat(data["published"]),
                url=data["url"],
            )
        )
    for article_id in ids:
        place_article(library, article_id)
    story = [library.get_article(i).story_id for i in ids]
    assert story[0] == story[1] == story[2]
    assert len({story[0], story[3], story[4], story[5]}) == 4
    assert story[17] != story[18]
    row = next(r for r in library.list_stories(limit=100) if r.id == story[0])
    assert row.size == 3 and len(row.sources) == 3
    assert library.rewrite_of(ids[1]) == ids[0]
    assert library.rewrite_of(ids[2]) is None
    check_consistent(library)


def test_reports_days_apart_are_different_stories(library: Library):
    first = add(library, EVENT[0][0], EVENT[0][1], EVENT[0][2], T0)
    late = add(library, EVENT[1][0], EVENT[1][1], EVENT[1][2], T0 + timedelta(days=WINDOW_DAYS + 1))
    near = add(
        library,
        "Meridian Daily",
        EVENT[1][1] + " (update)",
        EVENT[1][2] + " More.",
        T0 + timedelta(hours=5),
    )
    for article_id in (first, late, near):
        place_article(library, article_id)
    story = {i: library.get_article(i).story_id for i in (first, late, near)}
    assert story[first] == story[near] != story[late]


def test_placement_meets_only_recent_articles(library: Library):
    """Articles outside the time window are never compared (the cost follows recent ones)."""
    for day in range(20):
        old = add(
            library, "Wire", f"Ferry strike day {day}", EVENT[0][2], T0 - timedelta(days=30 + day)
        )
        place_article(library, old)
    recent = add(library, "Wire", "Conductor named", OTHER[2], T0 - timedelta(days=1))
    place_article(library, recent)
    new = add(library, *EVENT[1], T0)
    placed = place_article(library, new)
    assert placed is not None
    assert placed.candidates <= 1
    assert library.get_story(placed.story_id).row.size == 1


def test_dated_report_does_not_meet_old_articles_arriving_with_it(library: Library):
    """An old dated article fetched now is indexed under its arrival for undated reports
    only: a report dated now never meets it, an undated one arriving now does."""
    now = datetime.now(UTC)
    old = add(library, *EVENT[0], now - timedelta(days=WINDOW_DAYS * 3))
    place_article(library, old)
    dated = add(library, *EVENT[1], now)
    placed = place_article(library, dated)
    assert placed is not None and placed.candidates == 0
    assert library.get_article(dated).story_id != library.get_article(old).story_id
    undated = add(
        library,
        "Meridian Daily",
        EVENT[1][1] + " (update)",
        EVENT[0][2] + " Talks are to resume on Friday.",
        when=None,
    )
    placed = place_article(library, undated)
    assert placed is not None and placed.candidates == 2  # the old one counted once
    assert library.get_article(undated).story_id == library.get_article(old).story_id


def test_undated_import_arriving_weeks_after_a_feed_meets_its_story(library: Library):
    """An undated report is bounded by arrival order, not by arrival time: imported a
    month after a feed brought the event's reports, it still joins their story."""
    month_ago = datetime.now(UTC) - timedelta(days=WINDOW_DAYS * 4)
    first = library.add_article(
        NewArticle(
            title=EVENT[0][1], text=EVENT[0][2], source_name=EVENT[0][0], published=month_ago
        ),
        now=month_ago.timestamp(),
    ).article_id
    place_article(library, first)
    other = add(library, *OTHER, when=None)
    place_article(library, other)
    undated = add(library, *EVENT[1], when=None)
    placed = place_article(library, undated)
    assert placed is not None
    assert library.get_article(undated).story_id == library.get_article(first).story_id
    assert library.get_article(other).story_id != library.get_article(first).story_id


def test_story_index_of_a_version_3_library_gets_entry_kinds(tmp_path: Path, monkeypatch):
    """Upgrading to schema 4 tells publication, undated and late-arrival entries apart,
    so grouping goes on with the articles indexed before."""
    path = tmp_path / "v3.sqlite"
    with monkeypatch.context() as patch:
        patch.setattr("newsreader.store.db.MIGRATIONS", schema.MIGRATIONS[:3])
        patch.setattr("newsreader.store.db.SCHEMA_VERSION", 3)
        with Library(path) as old:
            now = datetime.now(UTC)
            # stored the way that version stored them (today's add_article writes
            # tables it did not have)
            late = add_as_then(old, *EVENT[0], now - timedelta(days=WINDOW_DAYS * 3))
            undated = add_as_then(old, *OTHER, when=None)
            rows = []
            for article_id in (late, undated):
                _, _, sort_time, _, _, added = old.grouping_input(article_id)
                rows += [("ferri", sort_time, article_id, 0.5)]
                if article_id == late:
                    rows += [("ferri", added, article_id, 0.5)]
            old.conn.executemany(
                "INSERT INTO story_terms (term, sort_time, article_id, weight) VALUES (?, ?, ?, ?)",
                rows,
            )
            old.conn.commit()
    with Library(path) as library:
        kinds = library.conn.execute(
            "SELECT article_id, kind FROM story_terms ORDER BY article_id, sort_time"
        ).fetchall()
        assert kinds == [(late, PUBLISHED), (late, LATE_ARRIVAL), (undated, UNDATED)]
        assert library.is_indexed(late) and library.is_indexed(undated)


def test_one_batch_groups_dated_and_undated_reports_in_either_order(tmp_path: Path):
    """Placed in one batch (an import of mixed files), an undated report meets a dated one
    that arrived just before it, and the other way round; an unrelated report stays apart."""
    for order in ((T0, None), (None, T0)):
        library = Library(tmp_path / f"library-{order[0] is None}.sqlite")
        ids = [add(library, *report, when=when) for report, when in zip(EVENT, order, strict=True)]
        other = add(library, *OTHER, when=None)
        placed = {p.story_id for p in place_articles(library, [*ids, other])}
        story = {article_id: library.get_article(article_id).story_id for article_id in ids}
        assert story[ids[0]] == story[ids[1]], order
        assert library.get_article(other).story_id != story[ids[0]]
        assert len(placed) == 2
        check_consistent(library)
        library.close()


def test_list_stories_cli(isolated_home: Path):
    with Library(isolated_home / "library.sqlite") as library:
        ids = [add(library, *report) for report in EVENT]
        ids.append(add(library, *OTHER))
        for article_id in ids:
            place_article(library, article_id)
    result = CliRunner().invoke(main, ["list", "--stories"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    heads = [line for line in lines if not line.startswith("\t")]
    assert len(heads) == 2
    event = next(line for line in heads if "2 reports" in line)
    assert "Harbour Courier" in event and "Northmark Wire" in event
    under = lines[lines.index(event) + 1 : lines.index(event) + 3]
    assert all(line.startswith("\t") for line in under)
    assert {line.split("\t")[1] for line in under} == {str(ids[0]), str(ids[1])}
    as_json = json.loads(CliRunner().invoke(main, ["list", "--stories", "--json"]).output)
    assert sorted(story["reports"] for story in as_json) == [1, 2]
    bad = CliRunner().invoke(main, ["list", "--stories", "--unread"])
    assert bad.exit_code != 0 and "--stories" in bad.output


# -- properties ---------------------------------------------------------------

TEMPLATES = [
    EVENT[0],
    EVENT[1],
    OTHER,
    (
        "Courier",
        "Dunmere measles cases rise",
        "Measles cases in Dunmere rose to 38, health officials said, and clinics opened "
        "late to vaccinate children before the school term.",
    ),
]

operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            st.integers(0, len(TEMPLATES) - 1),
            st.integers(0, 9),
            st.integers(0, 999),
        ),
        st.tuples(st.just("delete"), st.integers(0, 50), st.just(0), st.just(0)),
    ),
    min_size=1,
    max_size=14,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=operations)
def test_grouping_and_removal_keep_stories_consistent(tmp_path_factory, ops):
    """Each article in exactly one story; deleting articles updates or removes stories."""
    path = tmp_path_factory.mktemp("lib") / "library.sqlite"
    with Library(path) as library:
        alive: list[int] = []
        for kind, template, day, salt in ops:
            if kind == "add":
                source, title, text = TEMPLATES[template]
                article_id = add(
                    library,
                    source,
                    f"{title} {salt}",
                    f"{text} Ref {salt}.",
                    T0 + timedelta(days=day),
                )
                if article_id not in alive:
                    place_article(library, article_id)
                    alive.append(article_id)
            elif alive:
                victim = alive.pop(template % len(alive))
                library.delete_article(victim)
            check_consistent(library)
            placed = [a for a, s in library.story_members() if s is not None]
            assert sorted(placed) == sorted(alive)
            assert sum(r[2] for r in library.story_rows_raw()) == len(alive)
