"""Sentence splitting accuracy and speed: NewsTokenizer against plain Punkt defaults.

Data (``--data``, default ``../shared/data`` from the repository root):

* ``sentences/english_golden_rules.json``: pySBD's 48 Golden Rules, exact matches (the
  whole list of sentences must equal the expected one).
* ``sentences/ewt_test_sbd.jsonl``: UD English-EWT test documents; boundary F1.
* ``summaries/bbc-100-sentence-per-line/article``: 100 BBC articles, one gold sentence per
  line, paragraphs separated by a blank line, the headline first. Each file is joined back
  into the shape of a real BBC article (the shape of the full BBC News Summary files): the
  headline, a blank line, then each paragraph's sentences joined with one space, paragraphs
  separated by a blank line. Boundary F1.

A boundary is the character offset where a sentence ends; the end of the document is not
counted (every splitter gets it for free). Precision, recall and F1 are micro-averaged over
all documents. Time is the median wall-clock time per document (BBC: a typical 2-5 KB
article), measured after one warm-up pass.

Usage: ``python bench/sentences.py [--data ../shared/data] [--show-errors N]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

Spans = Callable[[str], list[tuple[int, int]]]


def golden_rules(path: Path) -> list[tuple[str, list[str]]]:
    """(text, expected sentences) of each Golden Rule."""
    rules = json.loads(path.read_text(encoding="utf-8"))
    return [(r["text"], list(r["sentences"])) for r in rules]


def _ends(text: str, sentences: Iterable[str]) -> list[int]:
    """End offsets of ``sentences`` located in order inside ``text``."""
    ends, pos = [], 0
    for sentence in sentences:
        i = text.find(sentence, pos)
        if i < 0:
            raise ValueError(f"gold sentence not found in its text: {sentence[:60]!r}")
        pos = i + len(sentence)
        ends.append(pos)
    return ends


def ewt_documents(path: Path) -> list[tuple[str, list[int]]]:
    """(text, gold boundary offsets) of each EWT test document."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            docs.append((d["text"], _ends(d["text"], d["sentences"])[:-1]))
    return docs


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def bbc_documents(folder: Path) -> list[tuple[str, list[int]]]:
    """(article text, gold boundary offsets) of each BBC-100 article, joined as published."""
    docs = []
    for path in sorted(folder.glob("*/*.txt")):
        paragraphs: list[list[str]] = [[]]
        for line in _read_text(path).splitlines():
            if line.strip():
                paragraphs[-1].append(line.strip())
            elif paragraphs[-1]:
                paragraphs.append([])
        paragraphs = [p for p in paragraphs if p]
        text = "\n\n".join(" ".join(p) for p in paragraphs)
        sentences = [s for p in paragraphs for s in p]
        docs.append((text, _ends(text, sentences)[:-1]))
    return docs


def boundary_scores(
    spans: Spans, docs: list[tuple[str, list[int]]], errors: list[str] | None = None
) -> tuple[float, float, float, list[float]]:
    """Micro precision, recall, F1 and per-document seconds."""
    tp = fp = fn = 0
    times = []
    for text, gold in docs:
        t0 = time.perf_counter()
        found = spans(text)
        times.append(time.perf_counter() - t0)
        predicted = {end for _, end in found[:-1]}
        gold_set = set(gold)
        tp += len(predicted & gold_set)
        fp += len(predicted - gold_set)
        fn += len(gold_set - predicted)
        if errors is not None:
            for end in sorted(predicted ^ gold_set):
                kind = "extra" if end in predicted else "missed"
                before, after = text[max(0, end - 60) : end], text[end : end + 40]
                errors.append(f"{kind:6} ...{before!r} | {after!r}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, times


def exact_matches(
    spans: Spans, rules: list[tuple[str, list[str]]], errors: list[str] | None = None
) -> int:
    """How many Golden Rules come out exactly as expected."""
    ok = 0
    for text, expected in rules:
        got = [text[a:b].strip() for a, b in spans(text)]
        if got == expected:
            ok += 1
        elif errors is not None:
            errors.append(f"golden {expected!r}\n   got {got!r}")
    return ok


def _article_time(spans: Spans, texts: list[str], repeats: int = 7) -> float:
    """Median over ``texts`` of each text's median time over ``repeats`` runs (seconds)."""
    per_text = []
    for text in texts:
        runs = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            spans(text)
            runs.append(time.perf_counter() - t0)
        per_text.append(statistics.median(runs))
    return statistics.median(per_text) if per_text else float("nan")


def splitters() -> dict[str, Spans]:
    """The splitters compared: ours and Punkt untrained."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from summarize.tokenizer import NewsTokenizer, forget_sentence_spans

    news = NewsTokenizer("english")
    plain = PunktSentenceTokenizer()

    def news_spans(text: str) -> list[tuple[int, int]]:
        forget_sentence_spans()  # time the split, not the remembered spans
        return news.sentence_spans(text)

    return {
        "NewsTokenizer": news_spans,
        "Punkt defaults (untrained)": lambda text: list(plain.span_tokenize(text)),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy and speed table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument(
        "--show-errors",
        type=int,
        default=0,
        metavar="N",
        help="print up to N wrong boundaries per data set for NewsTokenizer",
    )
    args = parser.parse_args(argv)
    data: Path = args.data
    rules_path = data / "sentences" / "english_golden_rules.json"
    ewt_path = data / "sentences" / "ewt_test_sbd.jsonl"
    bbc_path = data / "summaries" / "bbc-100-sentence-per-line" / "article"
    for p in (rules_path, ewt_path, bbc_path):
        if not p.exists():
            parser.error(f"data not found: {p} (pass --data pointing at shared/data)")
    rules = golden_rules(rules_path)
    ewt = ewt_documents(ewt_path)
    bbc = bbc_documents(bbc_path)

    rows = []
    for name, spans in splitters().items():
        for text, _ in bbc:  # warm-up: caches, regex compilation
            spans(text)
        show = args.show_errors and name == "NewsTokenizer"
        g_err: list[str] | None = [] if show else None
        e_err: list[str] | None = [] if show else None
        b_err: list[str] | None = [] if show else None
        golden = exact_matches(spans, rules, g_err)
        ep, er, ef, et = boundary_scores(spans, ewt, e_err)
        bp, br, bf, bt = boundary_scores(spans, bbc, b_err)
        bt_median, et_median = statistics.median(bt), statistics.median(et)
        mid = _article_time(spans, [t for t, _ in bbc if 3000 <= len(t) <= 5000])
        rows.append((name, golden, ep, er, ef, bp, br, bf, bt_median, et_median, mid))
        if show:
            for title, errs in (("golden", g_err), ("ewt", e_err), ("bbc", b_err)):
                print(f"--- {title}: {len(errs or [])} errors")
                for line in (errs or [])[: args.show_errors]:
                    print(line)

    n_bbc_chars = statistics.median(len(t) for t, _ in bbc)
    print(
        f"Sentence splitting ({len(rules)} Golden Rules, {len(ewt)} EWT documents, "
        f"{len(bbc)} BBC articles of median {n_bbc_chars:.0f} chars)"
    )
    n_mid = sum(1 for t, _ in bbc if 3000 <= len(t) <= 5000)
    header = (
        f"{'splitter':28} {'golden':>7} {'EWT P':>6} {'EWT R':>6} {'EWT F1':>7} "
        f"{'BBC P':>6} {'BBC R':>6} {'BBC F1':>7} {'ms/BBC doc':>11} {'ms/EWT doc':>11} "
        f"{'ms/3-5KB':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, golden, ep, er, ef, bp, br, bf, bt, et, mid in rows:
        print(
            f"{name:28} {golden:>4}/{len(rules):<2} {ep:6.3f} {er:6.3f} {ef:7.3f} "
            f"{bp:6.3f} {br:6.3f} {bf:7.3f} {bt * 1000:11.2f} {et * 1000:11.2f} "
            f"{mid * 1000:9.2f}"
        )
    ratio = rows[0][-1] / rows[1][-1] if rows[1][-1] else float("nan")
    print(
        f"ms/3-5KB: median over the {n_mid} BBC articles of 3-5 KB of each one's median of 7 "
        f"runs; {rows[0][0]} / {rows[1][0]} time ratio there: {ratio:.2f}"
    )
    print("goals: golden >= 42/48, EWT F1 >= 0.87, BBC F1 >= 0.99; time median per document")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
