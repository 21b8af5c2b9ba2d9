"""Stories: the seed grouping, the sample library's event, time windows, rewrites,
story summaries, ``list --stories``, and consistency when articles are removed."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.cli import main
from newsreader.config import Settings
from newsreader.enrich import enrich_articles
from newsreader.models import NewArticle
from newsreader.store import Library, schema
from newsreader.store.story_index import LATE_ARRIVAL, PUBLISHED, UNDATED
from newsreader.stories import grouping, story_summary
from newsreader.stories.grouping import WINDOW_DAYS, place_article, place_articles
from newsreader.stories.story_summary import load_story, summarize_story, update_story_summary
from newsreader.summaries import ensure_summary

ROOT = Path(__file__).resolve().parents[1]
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HELDOUT = ROOT / "bench" / "fixtures" / "story-heldout.jsonl"
OUTLETS = ROOT / "bench" / "fixtures" / "story-outlets.jsonl"
SAGAS = ROOT / "bench" / "fixtures" / "story-sagas.jsonl"

EVENT = [
    (
        "Harbour Courier",
        "Ferry crews strike over pay at Port Ostrel",
        "Ferry crews at Port Ostrel walked out on Monday in a dispute over pay, stranding "
        "thousands of passengers. The Seafarers Union said 420 crew members joined the strike "
        "after talks with Tidewater Lines collapsed. Union leader Marta Quell said the company "
        "had offered a 2% rise. Tidewater Lines said it regretted the disruption.",
    ),
    (
        "Northmark Wire",
        "Tidewater Lines ferries halted as crews walk out",
        "Tidewater Lines cancelled every sailing from Port Ostrel on Monday after 420 crew "
        "members went on strike over pay. Marta Quell of the Seafarers Union said a 2% offer "
        "was an insult. Passengers were stranded at the terminal, and Tidewater Lines said it "
        "regretted the disruption and hoped talks would resume.",
    ),
]
OTHER = (
    "Lisk Observer",
    "Lisk orchestra names new conductor",
    "The Lisk Philharmonic named Ilse Brandt its principal conductor on Tuesday. Brandt, "
    "who has led orchestras in Amberlin, will start next season with a cycle of "
    "symphonies. The board said her appointment followed a two-year search.",
)


def add(
    library: Library, source: str, title: str, text: str, when: datetime | None = T0, **extra
) -> int:
    return library.add_article(
        NewArticle(title=title, text=text, source_name=source, published=when, **extra)
    ).article_id


def add_as_then(library: Library, source: str, title: str, text: str, when: datetime | None) -> int:
    """Store an article in a library of an earlier schema, with SQL of that time."""
    source_id = library.source_id("import", source)
    added = datetime.now(UTC).timestamp()
    published = when.timestamp() if when else None
    cursor = library.conn.execute(
        "INSERT INTO articles (source_id, title, published, added, sort_time, text,"
        " content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (source_id, title, published, added, min(published or added, added), text, title),
    )
    return int(cursor.lastrowid or 0)


def check_consistent(library: Library) -> None:
    """Every story matches its members: size, time span, newest report's title; no empty
    story."""
    members: dict[int, list[int]] = {}
    for article_id, story_id in library.story_members():
        if story_id is not None:
            members.setdefault(story_id, []).append(article_id)
    stories = {row[0]: row for row in library.story_rows_raw()}
    assert set(stories) == set(members), "stories and their members disagree"
    for story_id, (_, title, size, first, last) in stories.items():
        assert size == len(members[story_id])
        story = library.get_story(story_id)
        assert story is not None and {a.id for a in story.articles} == set(members[story_id])
        times = [a.when.timestamp() for a in story.articles]
        assert abs(min(times) - first) < 1e-3 and abs(max(times) - last) < 1e-3
        newest = max(story.articles, key=lambda a: (a.when, a.id))
        assert title == newest.title


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


def test_one_report_story_is_summarised_by_its_report(library: Library):
    """Enrichment makes no second summary for a story of one report: showing the story
    gives that report's own summary, attributed; a second report gets a story summary."""
    settings = Settings()
    first = add(library, *EVENT[0])
    enrich_articles(library, [first], settings)
    story_id = library.get_article(first).story_id
    assert library.story_summary(story_id) == ()
    shown = load_story(library, story_id, settings)
    own = ensure_summary(library, first, settings)
    assert shown is not None and own is not None and own.sentences
    assert [(s.text, s.article_id, s.source) for s in shown.summary] == [
        (s.text, first, EVENT[0][0]) for s in own.sentences
    ]
    second = add(library, *EVENT[1])
    enrich_articles(library, [second], settings)
    assert library.get_article(second).story_id == story_id
    stored = library.story_summary(story_id)
    assert stored and {s.article_id for s in stored} <= {first, second}
    assert load_story(library, story_id, settings).summary == stored


def test_story_summary_is_attributed_and_not_repeated(library: Library):
    ids = [add(library, *report) for report in EVENT]
    reports = library.story_texts(library.get_article(ids[0]).story_id or 0)
    assert reports == []  # not placed yet
    for article_id in ids:
        place_article(library, article_id)
    story_id = library.get_article(ids[0]).story_id
    assert story_id == library.get_article(ids[1]).story_id
    summary = summarize_story(library.story_texts(story_id), sentences=4)
    assert summary
    texts = {article_id: library.get_article(article_id).text for article_id in ids}
    for sentence in summary:
        assert sentence.text in texts[sentence.article_id]
        assert sentence.source == library.get_article(sentence.article_id).source
    words = [set(s.text.lower().split()) for s in summary]
    for i in range(len(words)):
        for j in range(i + 1, len(words)):
            overlap = len(words[i] & words[j]) / min(len(words[i]), len(words[j]))
            assert overlap < 0.8, "two summary sentences say the same thing"


def test_enrich_stores_story_summary(library: Library):
    ids = [add(library, *report) for report in EVENT]
    enrich_articles(library, ids, Settings())
    story = library.get_story(library.get_article(ids[0]).story_id)
    assert story is not None and story.row.size == 2
    assert story.summary and {s.article_id for s in story.summary} <= set(ids)
    assert [a.id for a in story.articles] == sorted(ids, reverse=True)


def test_enrichment_keeps_each_reports_sentences_for_its_story_summary(library: Library):
    """The sentences a report offers its story's summary are kept when it is enriched
    (alone in its story so far), so the story's summary splits no report again."""
    ids = [add(library, *report) for report in EVENT]
    enrich_articles(library, ids[:1], Settings())  # a story of one report so far
    assert library.report_sentences(ids[:1])[ids[0]]
    enrich_articles(library, ids[1:], Settings())
    kept = library.report_sentences(ids)
    assert set(kept) == set(ids)
    for article_id, (_, _, text) in zip(ids, EVENT, strict=True):
        assert kept[article_id] and all(sentence in text for sentence in kept[article_id])
    story_id = library.get_article(ids[0]).story_id
    made = update_story_summary(library, story_id, Settings())
    assert made.reports_split == 0 and made.reports_read == 2
    assert {s.article_id for s in made.sentences} <= set(ids)


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


# -- placement as a whole ------------------------------------------------------

FIXTURES = ROOT / "bench" / "fixtures" / "story-events.jsonl"


def fixture_reports(groups: set[str] | None = None) -> list[dict]:
    items = [json.loads(line) for line in FIXTURES.read_text("utf-8").splitlines()]
    return [item for item in items if groups is None or item["group"] in groups]


def place_fixture(library: Library, items: list[dict], dated: bool) -> dict[str, int]:
    """Store and place the fixture reports in order; their story by fixture id."""
    ids = {}
    for item in items:
        when = datetime.fromisoformat(item["published"]) if dated else None
        ids[item["id"]] = add(library, item["source"], item["title"], item["text"], when)
    place_articles(library, list(dict.fromkeys(ids.values())))
    return {key: library.get_article(article_id).story_id for key, article_id in ids.items()}


def test_undated_import_gives_no_giant_story(library: Library):
    """Reports imported without dates, all arriving at once, are not chained into one
    story: no story is larger than the largest true event, and nearly every story holds
    reports of one event only."""
    items = fixture_reports()
    story = place_fixture(library, items, dated=False)
    true_sizes = Counter(item["group"] for item in items)
    found = Counter(story.values())
    assert max(found.values()) <= max(true_sizes.values())
    groups_in: dict[int, set[str]] = {}
    for item in items:
        groups_in.setdefault(story[item["id"]], set()).add(item["group"])
    mixed = [s for s, groups in groups_in.items() if len(groups) > 1]
    assert len(mixed) <= len(found) // 20
    assert len(found) <= 2 * len(true_sizes)  # and reports of one event do find each other
    check_consistent(library)


def test_hard_negatives_stay_apart_with_and_without_dates(tmp_path: Path):
    """Two storms in one week, two rate decisions and two state elections on one day:
    different events on the same subject are different stories, dated or not."""
    pairs = [("storm-hester", "storm-ingrid"), ("ecb-cut", "boe-hold"), ("fed-hold", "boe-hold")]
    pairs += [("election-saxony", "election-brandenburg")]
    for dated in (True, False):
        with Library(tmp_path / f"{dated}.sqlite") as library:
            items = fixture_reports({group for pair in pairs for group in pair})
            story = place_fixture(library, items, dated)
            group_of = {item["id"]: item["group"] for item in items}
            for first, second in pairs:
                ours = {story[k] for k, g in group_of.items() if g == first}
                theirs = {story[k] for k, g in group_of.items() if g == second}
                assert not ours & theirs, f"{first} and {second} share a story (dated={dated})"


def test_long_running_story_stays_together_without_absorbing_neighbours(library: Library):
    """A ten-day strike told by eleven reports over four developments is one story; the
    events reported around it are not taken in."""
    items = fixture_reports()
    story = place_fixture(library, items, dated=True)
    strike = {story[i["id"]] for i in items if i["group"] == "strike-elmhurst"}
    assert len(strike) == 1
    others = [i["id"] for i in items if i["group"] != "strike-elmhurst"]
    assert others and all(story[k] not in strike for k in others)


def test_story_headline_follows_the_newest_report(library: Library):
    """A story's headline is its newest report's: "strike ends" after "talks resume"."""
    first = add(
        library,
        EVENT[0][0],
        "Talks to resume Wednesday in Port Ostrel ferry strike",
        EVENT[0][2],
        T0,
    )
    place_article(library, first)
    later = add(
        library,
        EVENT[1][0],
        "Port Ostrel ferry strike ends as crews accept 4% rise",
        EVENT[1][2] + " The strike ended on Thursday.",
        T0 + timedelta(hours=30),
    )
    place_article(library, later)
    story_id = library.get_article(first).story_id
    assert library.get_article(later).story_id == story_id
    row = next(r for r in library.list_stories() if r.id == story_id)
    assert row.title == "Port Ostrel ferry strike ends as crews accept 4% rise"
    library.delete_article(later)
    row = next(r for r in library.list_stories() if r.id == story_id)
    assert row.title == "Talks to resume Wednesday in Port Ostrel ferry strike"


def test_placement_compares_a_bounded_number_of_articles(library: Library):
    """However many recent articles share a new one's terms, placing it meets at most
    a fixed number in the index and compares at most a fixed number of reports."""
    words = ["harbour", "ferry", "crews", "strike", "pay", "union", "terminal", "sailing"]
    met, compared = [], []
    for n in range(160):
        name = f"Quell{n:03d}"
        text = " ".join(words) + f" {name} said {n * 7 + 100} crew members joined."
        article_id = add(library, f"Outlet {n % 9}", f"{name} ferry strike", text, when=None)
        placed = place_article(library, article_id)
        met.append(placed.candidates)
        compared.append(placed.reports_compared)
    searches = 3  # an undated report reads three kinds of index entries
    assert max(met) <= grouping.SEARCH_TERMS * searches * 2 * grouping.POSTING_LIMIT
    assert max(compared) <= grouping.CANDIDATE_STORIES * grouping.NEAREST_REPORTS
    assert max(met[-40:]) <= max(met[40:80])  # it stops growing with the library


def test_headline_migration_upgrades_a_library_of_the_previous_version(tmp_path, monkeypatch):
    """Upgrading to the newest-headline schema retitles existing stories by their newest
    report, and later changes keep following it."""
    version = schema.MIGRATIONS.index(schema.STORY_HEADLINE_NEWEST)
    path = tmp_path / "old.sqlite"
    with monkeypatch.context() as patch:
        patch.setattr("newsreader.store.db.MIGRATIONS", schema.MIGRATIONS[:version])
        patch.setattr("newsreader.store.db.SCHEMA_VERSION", version)
        with Library(path) as old:
            first = add_as_then(old, *EVENT[0], T0)
            second = add_as_then(old, *EVENT[1], T0 + timedelta(hours=3))
            story_id = old.conn.execute(
                "INSERT INTO stories (title, first_seen, last_seen) VALUES ('x', 0, 0)"
            ).lastrowid
            old.conn.execute(
                "UPDATE articles SET story_id = ? WHERE id IN (?, ?)", (story_id, first, second)
            )
            assert old.list_stories()[0].title == EVENT[0][1]  # the earliest, as it was
    with Library(path) as library:
        assert library.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert library.list_stories()[0].title == EVENT[1][1]
        check_consistent(library)


def test_vector_migration_keeps_grouping_going(tmp_path, monkeypatch):
    """A library indexed before story vectors were kept gets each article's vector from
    its index entries, so a new report still finds the story."""
    version = schema.MIGRATIONS.index(schema.STORY_VECTORS)
    path = tmp_path / "old.sqlite"
    with monkeypatch.context() as patch:
        patch.setattr("newsreader.store.db.MIGRATIONS", schema.MIGRATIONS[:version])
        patch.setattr("newsreader.store.db.SCHEMA_VERSION", version)
        with Library(path) as old:
            first = add_as_then(old, *EVENT[0], T0)
            weights = {"ferri": 0.6, "ostrel": 0.8}
            old.conn.executemany(
                "INSERT INTO story_terms (term, kind, sort_time, article_id, weight)"
                " VALUES (?, ?, ?, ?, ?)",
                [(t, PUBLISHED, T0.timestamp(), first, w) for t, w in weights.items()],
            )
            old.conn.execute("INSERT INTO stories (title, first_seen, last_seen) VALUES ('x',0,0)")
            old.conn.execute("UPDATE articles SET story_id = 1 WHERE id = ?", (first,))
    with Library(path) as library:
        assert library.article_vectors([first]) == {first: weights}
        second = add(library, *EVENT[1], T0 + timedelta(hours=2))
        placed = place_article(library, second)
        assert placed is not None and placed.reports_compared == 1
        check_consistent(library)


# -- story summaries, bounded --------------------------------------------------


def test_story_summary_update_reads_only_the_newest_reports(library: Library):
    """A story of many reports: remaking its summary after a report joins splits only
    that report and weighs a bounded number of sentences, whatever the story's size."""
    settings = Settings()
    place_fixture(library, fixture_reports(), dated=True)  # a library with other news
    ids = []
    for n in range(30):
        text = (
            f"Ferry crews at Port Ostrel stayed out on day {n + 1} of their strike over pay. "
            f"The Seafarers Union said {400 + n} members had joined the walkout by noon. "
            f"Tidewater Lines said {n + 3} sailings were cancelled and talks would go on."
        )
        ids.append(
            add(
                library,
                f"Outlet {n}",
                f"Port Ostrel ferry strike, day {n + 1}",
                text,
                T0 + timedelta(hours=n),
            )
        )
    story_id = None
    for article_id in ids:
        placed = place_article(library, article_id)
        story_id = story_id or placed.story_id
        assert placed.story_id == story_id
    first = update_story_summary(library, story_id, settings)
    assert first.reports_split <= story_summary.POOL_REPORTS
    assert first.reports_read == story_summary.POOL_REPORTS
    late = add(
        library,
        "Harbour Courier",
        "Port Ostrel ferry strike ends after 31 days",
        "The ferry strike at Port Ostrel ended on Friday after crews accepted a 5% rise. "
        "The Seafarers Union said 430 members voted to return to work.",
        T0 + timedelta(hours=40),
    )
    assert place_article(library, late).story_id == story_id
    again = update_story_summary(library, story_id, settings)
    assert again.reports_split == 1  # only the new report
    assert again.candidates <= story_summary.POOL_REPORTS * story_summary.REPORT_SENTENCES
    assert again.sentences[0].article_id == late  # the summary follows the newest report
    assert {s.article_id for s in again.sentences} <= set(
        ids[-story_summary.POOL_REPORTS :] + [late]
    )


def test_report_sentences_migration_summarises_stories_made_before(tmp_path, monkeypatch):
    """A story grouped before report sentences were kept gets its summary when shown,
    its reports split then."""
    version = schema.MIGRATIONS.index(schema.REPORT_SENTENCES)
    path = tmp_path / "old.sqlite"
    with monkeypatch.context() as patch:
        patch.setattr("newsreader.store.db.MIGRATIONS", schema.MIGRATIONS[:version])
        patch.setattr("newsreader.store.db.SCHEMA_VERSION", version)
        with Library(path) as old:
            ids = [add_as_then(old, *report, T0) for report in EVENT]
            old.conn.execute("INSERT INTO stories (title, first_seen, last_seen) VALUES ('x',0,0)")
            old.conn.execute("UPDATE articles SET story_id = 1")
    with Library(path) as library:
        assert library.report_sentences(ids) == {}
        story = load_story(library, 1, Settings())
        assert story is not None and story.summary
        assert {s.article_id for s in story.summary} <= set(ids)
        assert set(library.report_sentences(ids)) == set(ids)


def test_the_same_text_from_two_feeds_is_one_story_marked_a_copy(library: Library):
    """Identical text carried by two feeds is kept twice; the later copy joins the first's
    story and is marked a rewrite of it, dated or not."""
    for when in (T0, None):
        first = add(library, "Harbour Courier feed", *EVENT[0][1:], when)
        place_article(library, first)
        copy = add(library, "Northmark Wire feed", *EVENT[0][1:], when)
        assert copy != first
        placed = place_article(library, copy)
        assert placed is not None and placed.story_id == library.get_article(first).story_id
        assert library.rewrite_of(copy) == first
        library.delete_article(first)
        library.delete_article(copy)
    check_consistent(library)


def _fixture_events(path: Path) -> tuple[list[dict], dict[str, list[dict]]]:
    """A story fixture set's rows, and its rows by event."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    events: dict[str, list[dict]] = {}
    for row in rows:
        events.setdefault(row["group"], []).append(row)
    return rows, events


def test_held_out_set_is_independent_reports_of_many_events():
    """story-heldout.jsonl keeps the promises of bench/fixtures/README.md: 60+ events,
    250+ reports over about three weeks from several outlets each, and no sentence of one
    report found in another (each was written on its own)."""
    rows, events = _fixture_events(HELDOUT)
    assert len({row["id"] for row in rows}) == len(rows) >= 250
    assert len(events) >= 60
    assert sum(len({r["source"] for r in rs}) >= 3 for rs in events.values()) >= 50
    times = sorted(datetime.fromisoformat(row["published"]) for row in rows)
    assert timedelta(days=14) <= times[-1] - times[0] <= timedelta(days=22)
    assert_no_sentence_repeated(rows)


def assert_no_sentence_repeated(rows: list[dict]) -> None:
    """No sentence of six or more words of one report is found in another."""
    seen: dict[str, str] = {}
    for row in rows:
        for paragraph in row["text"].split("\n\n"):
            for sentence in paragraph.replace("! ", ". ").replace("? ", ". ").split(". "):
                if len(sentence.split()) < 6:
                    continue
                key = sentence.strip().lower()
                assert seen.setdefault(key, row["id"]) == row["id"], (
                    f"{row['id']} repeats a sentence of {seen[key]}: {sentence!r}"
                )


def test_outlets_set_tells_each_event_in_several_outlets_words():
    """story-outlets.jsonl keeps the promises of bench/fixtures/README.md: 12 events, most
    told by three or more outlets, no sentence shared between reports."""
    rows, events = _fixture_events(OUTLETS)
    assert len({row["id"] for row in rows}) == len(rows) >= 30
    assert len(events) == 12
    assert sum(len({r["source"] for r in rs}) >= 3 for rs in events.values()) >= 9
    assert_no_sentence_repeated(rows)


def test_sagas_set_follows_events_over_days_in_several_outlets_words():
    """story-sagas.jsonl keeps the promises of bench/fixtures/README.md: 8 events, three
    followed for three days or more by three outlets or more, no sentence shared."""
    rows, events = _fixture_events(SAGAS)
    assert len({row["id"] for row in rows}) == len(rows) >= 20
    assert len(events) == 8
    long_running = 0
    for reports in events.values():
        times = [datetime.fromisoformat(r["published"]) for r in reports]
        outlets = {r["source"] for r in reports}
        long_running += max(times) - min(times) >= timedelta(days=3) and len(outlets) >= 3
    assert long_running == 3
    assert_no_sentence_repeated(rows)
