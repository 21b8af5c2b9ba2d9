"""Topics a worker process assigned with a section model retrained since are taken, not redone.

Only an article's section depends on the learned model; its tags, rule topics and
what the vocabulary alone said of it do not. So when the enriching process has
retrained the model after offering a batch, it takes the worker's topics and
decides only their sections again, with the current model.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from newsreader.config import Settings
from newsreader.ingest.batch_text import ModelOffer, forget_model, text_work
from newsreader.ingest.cancel import Cancel
from newsreader.ingest.steps import Batch, TopicStep
from newsreader.models import NewArticle
from newsreader.store import Library
from newsreader.topics.training import LEARN_FROM

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import prose


def test_a_batch_assigned_with_an_older_model_keeps_its_tags_and_gets_current_sections(
    library: Library,
) -> None:
    settings = Settings()
    library.add_articles(
        NewArticle(headline, "\n\n".join(paragraphs), f"outlet {n % 5}")
        for n, (headline, paragraphs, _event) in enumerate(prose.reports(LEARN_FROM + 40))
    )
    ids = library.pending_enrichment(50)
    inputs = library.enrichment_inputs(ids)
    here = TopicStep(library, settings)
    here.prepare(batch_here := Batch(list(ids), inputs), Cancel())
    assert here.model_offer().model is not None  # the batch's model was learned from the library

    try:  # the worker assigned them with no model (the one before)
        older = text_work(library, settings, list(ids), ModelOffer("older", None))
    finally:
        forget_model()
    assert older.topics is not None
    marked = {  # a tag only the worker's topics have, to see they are the ones taken
        i: (replace(assignment, tags=[*assignment.tags, "from the worker"]), evidence)
        for i, (assignment, evidence) in older.topics.items()
    }
    taken = TopicStep(library, settings)
    batch = Batch(list(ids), inputs)
    assert taken.take(batch, replace(older, topics=marked))

    assert [i for i, _ in batch.topics] == list(ids)
    made_here = dict(batch_here.topics)
    for article_id, assignment in batch.topics:
        assert assignment.section == made_here[article_id].section
        assert assignment.tags == [*made_here[article_id].tags, "from the worker"]
        assert assignment.rules == made_here[article_id].rules
    # the model changed some sections: deciding them again is needed
    assert any(older.topics[i][0].section != made_here[i].section for i in ids)
