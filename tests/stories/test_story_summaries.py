"""Story summaries: attributed and not repeated, stored by enrichment, updated from the
newest reports only, and made for stories of a library from before report sentences."""

from __future__ import annotations

from datetime import timedelta

from stories_support import (
    EVENT,
    T0,
    add,
    add_as_then,
    fixture_reports,
    place_fixture,
)

from newsreader.config import Settings
from newsreader.enrich import enrich_articles
from newsreader.store import Library, schema
from newsreader.stories import story_summary
from newsreader.stories.grouping import place_article
from newsreader.stories.story_summary import load_story, summarize_story, update_story_summary
from newsreader.summaries import ensure_summary


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
