"""Story grouping across wordings: reports of one event by different outlets inflect
its words each their own way ("battered" and "batters", "striking" and "strike"), and
still make one story without dates; another event of the same subject stays apart."""

from __future__ import annotations

from pathlib import Path

from newsreader.models import NewArticle
from newsreader.store import Library
from newsreader.stories.grouping import place_article

#: Two outlets' reports of one gale, in their own words and inflections.
GALE = [
    (
        "Harbour Courier",
        "Gale Orsolya batters Quillon coast, ripping roofs from homes",
        "Gale Orsolya battered the Quillon coast overnight, ripping roofs from fishermen's "
        "cottages and flooding the harbour road. Coastguards rescued two walkers stranded "
        "on the cliffs. Forecasters warned that gusts would strengthen before dawn.",
    ),
    (
        "Northmark Wire",
        "Night of battering rips roofs away by the sea",
        "Ferocious winds tore through as the storm named Orsolya struck, ripped away "
        "roofs and flooded a road by the quay. A team rescues walkers, stranding "
        "them no more, while forecasters are warning of strengthening winds.",
    ),
]
#: The same subject, another event: a gale of another name on another coast.
OTHER_GALE = (
    "Lisk Observer",
    "Gale Tamsin floods Amberlin seafront",
    "Gale Tamsin flooded the Amberlin seafront on Thursday, closing the promenade and "
    "the ferry pier. Council crews laid sandbags outside shops as waves topped the sea "
    "wall. No one was hurt, the council said.",
)
#: Unrelated reports placed first, so that rarity is learnt from more than the gale.
BACKGROUND = [
    (
        "Lisk Observer",
        "Lisk orchestra names new conductor",
        "The Lisk Philharmonic named Ilse Brandt its principal conductor on Tuesday. "
        "Brandt, who has led orchestras in Amberlin, will start next season.",
    ),
    (
        "Harbour Courier",
        "Tidewater Lines ferry crews strike over pay",
        "Ferry crews at Port Ostrel walked out in a dispute over pay, stranding "
        "passengers. The Seafarers Union said 420 crew members joined the strike.",
    ),
    (
        "Northmark Wire",
        "Valdera council approves new tram line",
        "Valdera's council approved a tram line linking the station and the university. "
        "Work will start in spring, the transport committee said.",
    ),
]


def _place(library: Library, reports: list[tuple[str, str, str]]) -> list[int]:
    """Import each report without a date and place it; their stories."""
    stories = []
    for source, title, text in reports:
        new = NewArticle(title=title, text=text, source_name=source, source_kind="import")
        placed = place_article(library, library.add_article(new).article_id)
        assert placed is not None
        stories.append(placed.story_id)
    return stories


def test_undated_reports_of_one_event_in_other_inflections_join(tmp_path: Path):
    with Library(tmp_path / "library.sqlite") as library:
        _place(library, BACKGROUND)
        first, second = _place(library, GALE)
        assert first == second


def test_undated_report_of_another_event_of_the_subject_stays_apart(tmp_path: Path):
    with Library(tmp_path / "library.sqlite") as library:
        _place(library, BACKGROUND)
        gale, _ = _place(library, GALE)
        (other,) = _place(library, [OTHER_GALE])
        assert other != gale
