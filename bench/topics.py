"""Section accuracy on BBC News, and tag precision on the hand-labelled tag set.

Tags: ``bench/fixtures/tags.jsonl`` (64 articles: the sample library and
articles written for it, each with the tags and sections a careful editor
would give; see ``bench/tagset.py``). Tag precision and recall are
micro-averaged over given tags; sections given there are counted right, wrong
or abstained (no section). This part needs no evaluation data.

BBC (when ``--data`` holds it): five labelled folders.
The default eight-section taxonomy is mapped onto BBC's five labels:
technology -> tech, science -> tech, world -> politics, health -> politics,
and business, entertainment, politics, sport to themselves. An article given
no section counts as wrong. Measured on full articles (headline + text) and on
headlines alone, with the shipped vocabulary only, and again after the
classifier has self-trained on the unlabelled BBC texts as a library of them
would (the newest ``TRAIN_SAMPLE`` of them in arrival order, a fixed shuffle;
nothing trained here is shipped): that is the product's path.

Speed (no data needed): the real enrichment topic step (``TopicStep`` through
the ``Enricher``, as ``newsreader import`` runs it: 50 articles stored, then
enriched) on ``--articles`` news-like prose reports (``bench/prose.py``) into a
fresh library in a temporary folder. Printed per fifth of the run: the CPU
milliseconds per article of the step (its thread's CPU time, as ``import
--timings`` counts it; a loaded machine moves it less than wall time), of the
whole enrichment run around it, and the SQL statements per article run (each row of
an ``executemany`` counts one; the triggers they fire do not), with the
last/first ratio (goal: <= 1 ms an article, flat with the library's size).

    python bench/topics.py [--data ../shared/data] [--limit N] [--articles N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import prose
from tagset import load_tag_set, score_tags

from newsreader.config import Settings, TopicSettings
from newsreader.ingest.enrichment import BATCH, Enricher
from newsreader.ingest.events import Timings
from newsreader.ingest.steps import TopicStep
from newsreader.models import NewArticle
from newsreader.store import Library
from newsreader.topics.learn import train_self
from newsreader.topics.sections import SectionClassifier
from newsreader.topics.tags import extract_tags

LABELS = ("business", "entertainment", "politics", "sport", "tech")
MAPPING = {
    "business": "business",
    "entertainment": "entertainment",
    "politics": "politics",
    "sport": "sport",
    "technology": "tech",
    "science": "tech",
    "world": "politics",
    "health": "politics",
}


def load(data: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(label, headline, body) for every BBC article (``limit`` per label); [] without it."""
    root = data / "summaries" / "bbc-news-summary" / "News Articles"
    if not root.is_dir():
        return []
    found = []
    for label in LABELS:
        for path in sorted((root / label).glob("*.txt"))[:limit]:
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
            headline, _, body = text.strip().partition("\n")
            found.append((label, headline.strip(), body.strip()))
    return found


def evaluate(classifier: SectionClassifier, items, headlines: bool):
    confusion: Counter[tuple[str, str]] = Counter()
    raw: Counter[str] = Counter()
    for label, headline, body in items:
        result = classifier.classify(headline, "" if headlines else body)
        raw[result.section or "(none)"] += 1
        guess = MAPPING.get(result.section or "", "(none)")
        confusion[(label, guess)] += 1
    correct = sum(n for (a, b), n in confusion.items() if a == b)
    return correct / len(items), confusion, raw


def print_confusion(title: str, confusion: Counter[tuple[str, str]]) -> None:
    columns = [*LABELS, "(none)"]
    print(f"\n{title} (rows: BBC label, columns: mapped section)")
    print(f"{'':>14}" + "".join(f"{c:>14}" for c in columns))
    for label in LABELS:
        print(f"{label:>14}" + "".join(f"{confusion[(label, c)]:>14}" for c in columns))


def tag_report(sections: tuple[str, ...]) -> None:
    """Tag precision and recall, and sections, on the hand-labelled set."""
    items = load_tag_set()
    settings = TopicSettings()
    started = time.perf_counter()
    score = score_tags(items, lambda title, text: extract_tags(title, text, settings.max_tags))
    per_article = (time.perf_counter() - started) / len(items) * 1000
    print(f"labelled tag set: {len(items)} articles, {score.labelled} editor's tags")
    print(f"{'tags given':<14}{'right':>8}{'precision':>12}{'recall':>9}{'ms/article':>12}")
    print(
        f"{score.given:<14}{score.right:>8}{score.precision:>12.3f}{score.recall:>9.3f}"
        f"{per_article:>12.2f}"
    )
    print(f"goal: tag precision >= 0.9 (max_tags = {settings.max_tags}; recall reported)")
    for title, tag in score.wrong:
        print(f"  not the editor's: {tag!r} on {title[:60]!r}")
    classifier = SectionClassifier(sections)
    right = wrong = none = 0
    for item in items:
        section = classifier.classify(item.title, item.text).section
        if section is None:
            none += 1
        elif section in item.sections:
            right += 1
        else:
            wrong += 1
    print(f"sections on the tag set (vocabulary only): right {right}, wrong {wrong}, none {none}")


def speed_report(count: int) -> None:
    """CPU time and statements per article of the topic step, along one import."""
    reports = prose.reports(count)
    articles = [
        NewArticle(title=headline, text="\n\n".join(paragraphs), source_name=f"Outlet {n % 12}")
        for n, (headline, paragraphs, _) in enumerate(reports)
    ]
    settings = Settings()
    parts = 5
    slice_size = max(BATCH, count // parts)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder) / "library.db")
        statements = [0]
        last = [""]

        def counted(sql: str) -> None:
            # SQLite reports a statement again for each trigger it fires: counted once
            if sql != last[0] and not sql.startswith("--"):
                statements[0] += 1
            last[0] = sql

        timings = Timings()
        steps = [TopicStep(library, settings)]
        enricher = Enricher(library, settings, steps=steps, timings=timings)
        for start in range(0, count, slice_size):
            cpu = 0.0
            step_before = timings.seconds.get("topics", 0.0)
            statements[0] = 0
            done = 0
            for first in range(start, min(count, start + slice_size), BATCH):
                library.add_articles(articles[first : first + BATCH])
                library.conn.set_trace_callback(counted)
                started = time.process_time()
                for batch in enricher.drain():
                    done += len(batch.article_ids)
                cpu += time.process_time() - started
                library.conn.set_trace_callback(None)
            step = timings.seconds.get("topics", 0.0) - step_before
            if done:
                rows.append(
                    (start + done, step / done * 1000, cpu / done * 1000, statements[0] / done)
                )
        library.close()
    print(f"\ntopic step on {count} prose reports (enriched {BATCH} at a time, as imported)")
    header = ("step CPU ms/art.", "run CPU ms/art.", "statements/art.")
    print(f"{'library size':<16}{header[0]:>18}{header[1]:>17}{header[2]:>17}")
    for size, step, run, per in rows:
        print(f"{f'up to {size}':<16}{step:>18.3f}{run:>17.3f}{per:>17.1f}")
    mean = sum(row[1] for row in rows) / len(rows)
    print(f"step mean {mean:.3f} ms/article; last/first fifth {rows[-1][1] / rows[0][1]:.2f}")
    print("(step: the topic step's own CPU time, as `import --timings` counts it; run: the")
    print(" whole enrichment run around it, the queue's reads and the commits included)")
    print("goal: <= 1 ms an article, flat with the library's size")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    parser.add_argument("--data", type=Path, default=default_data)
    parser.add_argument("--limit", type=int, default=None, help="BBC articles per label")
    parser.add_argument("--articles", type=int, default=5000, help="prose reports timed")
    args = parser.parse_args()
    sections = TopicSettings().sections
    tag_report(sections)
    speed_report(args.articles)
    items = load(args.data, args.limit)
    if not items:
        print(f"\nBBC articles not found under {args.data}: section accuracy not measured")
        return
    print()
    from newsreader.topics.training import TRAIN_SAMPLE

    lexicon = SectionClassifier(sections)
    arrived = [(h, b) for _, h, b in items]
    random.Random(12).shuffle(arrived)
    sample = arrived[-TRAIN_SAMPLE:]
    started = time.perf_counter()
    model = train_self(lexicon, sample)
    train_seconds = time.perf_counter() - started
    learned = SectionClassifier(sections, model=model)

    print(f"BBC News Summary: {len(items)} articles; taxonomy: {', '.join(sections)}")
    print("mapping: technology,science->tech; world,health->politics; others to themselves")
    print(
        f"self-training on the newest {len(sample)} of the unlabelled texts"
        f" (the product's sample: {TRAIN_SAMPLE}) took {train_seconds:.1f} s"
    )
    print(f"\n{'classifier':<32}{'full articles':>15}{'headlines':>12}")
    results = {}
    runs = (("vocabulary only", lexicon), ("vocabulary + self-trained NB", learned))
    for name, classifier in runs:
        full = evaluate(classifier, items, headlines=False)
        heads = evaluate(classifier, items, headlines=True)
        results[name] = (full, heads)
        print(f"{name:<32}{full[0]:>14.1%}{heads[0]:>12.1%}")
    print("goal: >= 92% full articles, >= 75% headlines")
    for name, (full, heads) in results.items():
        print_confusion(f"{name}, full articles", full[1])
        print_confusion(f"{name}, headlines", heads[1])
        print(f"  raw sections given (full): {dict(full[2].most_common())}")
        print(f"  raw sections given (headlines): {dict(heads[2].most_common())}")


if __name__ == "__main__":
    main()
