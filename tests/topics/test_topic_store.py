"""Writing the automatic topics of many articles at once (``Library.set_topics_many``)."""

from __future__ import annotations

from newsreader.models import NewArticle
from newsreader.store import Library


def add(library: Library, title: str, topics: tuple[str, ...] = ()) -> int:
    new = NewArticle(title=title, text=f"{title}. A report.", source_name="Wire", topics=topics)
    return library.add_article(new).article_id


def counts(library: Library) -> dict[str, int]:
    return {count.name: count.total for count in library.topic_counts()}


def test_many_articles_get_their_topics_of_each_origin(library: Library) -> None:
    first, second = add(library, "Harbour dredging"), add(library, "Cup final")
    library.set_topics_many(
        [
            (first, "section", ["business"]),
            (first, "tag", ["Port Avery", "Dredging Co"]),
            (second, "section", ["sport"]),
            (second, "tag", ["Lisk Athletic"]),
            (second, "rule", []),
        ]
    )
    assert library.article_topics(first) == ("business", "Dredging Co", "Port Avery")
    assert library.article_topics(second) == ("sport", "Lisk Athletic")
    assert counts(library) == {
        "business": 1,
        "Dredging Co": 1,
        "Port Avery": 1,
        "sport": 1,
        "Lisk Athletic": 1,
    }


def test_an_origin_is_replaced_and_the_others_kept(library: Library) -> None:
    article = add(library, "Harbour dredging", topics=("Local",))
    library.set_topics_many([(article, "section", ["sport"]), (article, "tag", ["Avery"])])
    library.set_topics_many([(article, "section", ["business"])])
    assert library.article_topics(article) == ("Local", "business", "Avery")
    library.set_topics_many([(article, "tag", [])])
    assert library.article_topics(article) == ("Local", "business")
    assert counts(library) == {"Local": 1, "business": 1}


def test_a_name_in_another_case_is_the_same_topic(library: Library) -> None:
    """Topic names are compared without case, as the reader's topic list shows them."""
    first, second = add(library, "One"), add(library, "Two")
    library.set_topics_many([(first, "tag", ["Port Avery"])])
    library.set_topics_many([(second, "tag", ["port avery", " Port\tAvery\x1b "])])
    assert counts(library) == {"Port Avery": 2}
    assert library.article_topics(second) == ("Port Avery",)


def test_deleted_articles_and_empty_names_are_left_out(library: Library) -> None:
    kept, gone = add(library, "Kept"), add(library, "Gone")
    library.delete_article(gone)
    library.set_topics_many([(kept, "tag", ["", "  ", "Avery"]), (gone, "tag", ["Lisk"])])
    assert library.article_topics(kept) == ("Avery",)
    assert counts(library) == {"Avery": 1}
