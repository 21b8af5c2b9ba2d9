"""Section accuracy on the BBC News Summary articles (five labelled folders).

The default eight-section taxonomy is mapped onto BBC's five labels:
technology -> tech, science -> tech, world -> politics, health -> politics,
and business, entertainment, politics, sport to themselves. An article given
no section counts as wrong. Measured on full articles (headline + text) and on
headlines alone, with the shipped vocabulary only, and again after the
classifier has self-trained on the unlabelled BBC texts (what it would learn
from a user's own library of them; nothing trained here is shipped).

    python bench/topics.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from newsreader.config import TopicSettings
from newsreader.topics.learn import train_self
from newsreader.topics.sections import SectionClassifier

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


def load(data: Path) -> list[tuple[str, str, str]]:
    """(label, headline, body) for every BBC article."""
    root = data / "summaries" / "bbc-news-summary" / "News Articles"
    if not root.is_dir():
        sys.exit(f"bench/topics.py: BBC articles not found at {root}")
    found = []
    for label in LABELS:
        for path in sorted((root / label).glob("*.txt")):
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    parser.add_argument("--data", type=Path, default=default_data)
    args = parser.parse_args()
    items = load(args.data)
    sections = TopicSettings().sections
    lexicon = SectionClassifier(sections)
    started = time.perf_counter()
    model = train_self(lexicon, [(h, b) for _, h, b in items])
    train_seconds = time.perf_counter() - started
    learned = SectionClassifier(sections, model=model)

    print(f"BBC News Summary: {len(items)} articles; taxonomy: {', '.join(sections)}")
    print("mapping: technology,science->tech; world,health->politics; others to themselves")
    print(f"self-training on the {len(items)} unlabelled texts took {train_seconds:.1f} s")
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
