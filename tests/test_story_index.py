"""The story index as placement reads it: bounded entries an article, reports of
candidate stories nearest in time, and the same stories however the reads are done."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsreader.models import NewArticle
from newsreader.store import Library, transaction
from newsreader.store.story_index import INDEXED_TERMS
from newsreader.stories import grouping
from newsreader.stories.grouping import place_article, place_articles

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WORDS = [
    "harbour",
    "ferry",
    "crews",
    "strike",
    "wages",
    "union",
    "terminal",
    "sailing",
    "cargo",
    "quay",
    "dock",
    "pilot",
    "tug",
    "berth",
    "hull",
    "keel",
    "mast",
    "deck",
    "cabin",
    "galley",
    "anchor",
    "rudder",
    "beacon",
    "buoy",
    "tide",
    "channel",
    "estuary",
    "jetty",
    "pier",
    "wharf",
    "lock",
    "sluice",
    "ballast",
    "freight",
    "manifest",
]


def add(library: Library, title: str, text: str, when: datetime | None, source: str) -> int:
    new = NewArticle(title=title, text=text, source_name=source, published=when)
    return library.add_article(new).article_id


def index_entries(library: Library, article_id: int) -> list[int]:
    """The article's index entries on each clock (publication, arrival...)."""
    return [
        count
        for (count,) in library.conn.execute(
            "SELECT count(*) FROM story_terms WHERE article_id = ? GROUP BY kind", (article_id,)
        )
    ]


def test_an_article_is_indexed_under_a_bounded_number_of_terms(library: Library):
    """However many distinct words an article has, its index entries are bounded; a
    later report sharing its telling words still finds it and joins its story."""
    names = [f"Quell{n:03d}" for n in range(300)]
    long_text = " ".join(f"{w} {name}" for w, name in zip(WORDS * 10, names, strict=False))
    first = add(library, "Ostrel ferry strike halts Tidewater sailings", long_text, T0, "A")
    place_article(library, first)
    entries = index_entries(library, first)
    assert entries and all(0 < count <= INDEXED_TERMS for count in entries)
    follow = add(
        library,
        "Ostrel ferry strike: Tidewater sailings halted",
        long_text[: len(long_text) // 2],
        T0 + timedelta(hours=1),
        "B",
    )
    placed = place_article(library, follow)
    assert placed is not None and placed.matched == first
    assert library.get_article(follow).story_id == library.get_article(first).story_id


def test_reports_near_reads_each_storys_reports_nearest_in_time(library: Library):
    """Up to the limit of each story's reports, the nearest to the given time, story by
    story in the order asked, nearest first; a story with none or unknown gives none."""
    stories: dict[str, list[int]] = {"ferry": [], "orchestra": []}
    for hours in range(0, 40, 4):
        for name, ids in stories.items():
            when = T0 + timedelta(hours=hours)
            article_id = add(library, f"{name} update {hours}", f"{name} text {hours}", when, name)
            ids.append(article_id)
    first = {name: ids[0] for name, ids in stories.items()}
    library.bulk_index(
        (
            (a, library.get_article(a).when.timestamp(), {"word": 1.0})
            for ids in stories.values()
            for a in ids
        ),
        {a: first[name] for name, ids in stories.items() for a in ids[1:]},
    )
    story_of = {name: library.get_article(ids[0]).story_id for name, ids in stories.items()}
    when = (T0 + timedelta(hours=17)).timestamp()
    found = library.reports_near([story_of["orchestra"], story_of["ferry"], 10_000], when, 3)
    assert [r.story_id for r in found] == [story_of["orchestra"]] * 3 + [story_of["ferry"]] * 3
    for name in ("orchestra", "ferry"):
        got = [r.article_id for r in found if r.story_id == story_of[name]]
        by_gap = sorted(
            stories[name], key=lambda a: (abs(library.get_article(a).when.timestamp() - when), a)
        )
        assert got == by_gap[:3]
    assert library.reports_near([], when, 3) == []


def test_placing_one_by_one_and_in_batches_gives_the_same_stories(tmp_path):
    """Placing articles each on its own and in one batch (term counts and index reads
    kept for the batch) puts every article in the same story."""
    events = [
        ("Ostrel ferry strike", "Ferry crews at Port Ostrel walked out over pay; Marta Quell"),
        ("Lisk conductor named", "The Lisk Philharmonic named Ilse Brandt principal conductor"),
        ("Veltro chip plant", "Chipmaker Veltro will build a plant in Amberlin, hiring 900"),
    ]
    results = []
    for batched in (False, True):
        library = Library(tmp_path / f"library-{batched}.sqlite")
        ids = []
        for n in range(24):
            title, text = events[n % 3]
            when = T0 + timedelta(hours=n) if n % 2 else None
            ids.append(add(library, f"{title} ({n})", f"{text}. Report {n}.", when, f"O{n % 5}"))
        if batched:  # several batches: the counts one batch read are kept for the next
            for start in range(0, len(ids), 5):
                place_articles(library, ids[start : start + 5])
        else:
            for article_id in ids:
                place_article(library, article_id)
        members = dict(library.story_members())
        first_of: dict[int | None, int] = {}
        results.append([first_of.setdefault(members[a], n) for n, a in enumerate(ids)])
        library.close()
    assert results[0] == results[1]
    assert len(set(results[0])) >= 3


def test_placement_reads_a_bounded_number_in_a_dense_dated_week(library: Library):
    """Hundreds of dated reports within a day sharing a new one's words: placing it meets
    a bounded number of indexed articles and compares a bounded number of stories and
    reports, which stop growing once the library is dense."""
    met, stories, compared = [], [], []
    for n in range(240):
        name = f"Quell{n:03d}"
        text = " ".join(WORDS[:12]) + f" {name} said {n * 7 + 100} crew members joined."
        when = T0 + timedelta(minutes=5 * n)
        article_id = add(library, f"{name} ferry strike", text, when, f"Outlet {n % 9}")
        placed = place_article(library, article_id)
        assert placed is not None
        met.append(placed.candidates)
        stories.append(placed.stories_compared)
        compared.append(placed.reports_compared)
    searches = 2  # a dated report reads publication entries and undated arrivals
    assert max(met) <= grouping.SEARCH_TERMS * searches * 2 * grouping.POSTING_LIMIT
    assert max(stories) <= grouping.CANDIDATE_STORIES
    assert max(compared) <= grouping.CANDIDATE_STORIES * grouping.NEAREST_REPORTS
    assert max(met[-60:]) <= max(met[60:120])  # it stops growing with the library


def test_term_counts_kept_between_batches_follow_another_writer(tmp_path):
    """The counts a batch keeps for the next are dropped when another connection
    indexed articles in between, or when the batch was rolled back."""
    path = tmp_path / "library.sqlite"
    ours, theirs = Library(path), Library(path)
    text = "Ferry crews at Port Ostrel walked out over pay, said Marta Quell."
    first = add(ours, "Ostrel ferry strike", text, T0, "A")
    with transaction(ours.conn), ours.batched_term_counts():
        place_article(ours, first)
        assert ours.term_rarity(["ostrel"]) == (1, {"ostrel": 1})
    other = add(theirs, "Ostrel ferries halted", text + " Talks resume.", T0, "B")
    place_article(theirs, other)
    with transaction(ours.conn), ours.batched_term_counts():
        assert ours.term_rarity(["ostrel"]) == (2, {"ostrel": 2})
    third = add(ours, "Ostrel strike talks", text + " Day two.", T0, "C")
    try:
        with transaction(ours.conn), ours.batched_term_counts():
            place_article(ours, third)
            assert ours.term_rarity(["ostrel"]) == (3, {"ostrel": 3})
            raise KeyboardInterrupt  # the batch is rolled back
    except KeyboardInterrupt:
        pass
    with transaction(ours.conn), ours.batched_term_counts():
        assert ours.term_rarity(["ostrel"]) == (2, {"ostrel": 2})
    assert theirs.term_rarity(["ostrel"]) == (2, {"ostrel": 2})
    ours.close()
    theirs.close()


def test_the_rewrite_view_reads_a_text_as_its_parts_do():
    """One reading of a text gives what the whole signature and the rewrite marks give,
    whatever its marks, line breaks and letters."""
    import Stemmer

    from newsreader.stories.terms import rewrite_marks, rewrite_view, signature, text_marks

    texts = [
        ("Port strike: talks resume", "Crews at Dover said. The U.S. Port Authority met."),
        (
            "ALL CAPS TITLE HERE NOW",
            '"Quoted" opening. Then Names like Ana-Lu O\u2019Brien,\n\n  Zed.',
        ),
        ("", "   leading spaces then Capital and 4,200 tonnes at 5.8 per cent in 2024"),
        (
            "Caf\u00e9 \u00c9lys\u00e9e opens",
            "Dots... and--dashes, 'quotes' ok? Yes! No:\nEnd 12 13 14",
        ),
    ]
    for title, text in texts:
        view = rewrite_view(title, text)
        runs, numbers = rewrite_marks(f"{title}\n{text}")
        assert view.runs == runs and view.numbers == numbers
        lead = signature(title, text)
        marks = text_marks(title, text)
        assert marks.lead.counts == lead.counts and marks.whole.counts == view.whole.counts
        # a short text's lead is all of it
        assert lead.counts == view.whole.counts
    whole = rewrite_view(*texts[1]).whole.counts
    term = Stemmer.Stemmer("english").stemWord  # terms are Snowball stems
    assert whole[term("names")] == 2.0  # a capital inside a sentence counts as a name
    assert whole[term("zed")] == 1.0  # ...not after a line break and spaces
    assert whole[term("quoted")] == 1.0  # nor as a text's first word
    assert whole[term("opening")] == 1.0 and whole[term("caps")] == 2.0  # title words: twice
