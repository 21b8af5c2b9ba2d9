"""Summary cost per news article: CPU time of the sentence split and of the whole default summary.

Usage: python bench/summary_cost.py [--articles 1000] [--rounds 5] [--baseline REV]
[--data ../shared/data]

What ingest pays for each article's summary, measured in fresh processes (one per
round, so every round also pays what the first summary of a process costs):

* ``first summary``: CPU ms from before ``import summarize`` to the end of the first
  summary (the imports the default algorithm needs), and which heavy modules it loaded;
* ``split``: CPU ms per article of :meth:`NewsTokenizer.sentence_spans` (remembered spans
  forgotten first, so every article is split afresh);
* ``summary``: CPU ms per article of ``summarize(text, 3)`` with the default algorithm,
  split included;

on ~300-word reports from ``bench/prose.py`` and, when ``--data`` has them, on the BBC
News Summary articles. Medians over the rounds. Each round also prints a digest of every
sentence span and every summary pick, so that ``--baseline REV`` (another revision of this
repository, unpacked with ``git archive`` into a temporary folder and measured in the same
run, rounds interleaved) shows both the speed-up and whether the output changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from revisions import unpack

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("numpy", "sumy", "nltk", "requests")


def _texts(articles: int, data: Path) -> dict[str, list[str]]:
    sys.path.append(str(ROOT / "bench"))
    import prose

    sets = {"prose": ["\n\n".join(p) for _, p, _ in prose.reports(articles)]}
    folder = data / "summaries" / "bbc-news-summary" / "News Articles"
    bbc = sorted(folder.glob("*/*.txt"))[:articles]
    if bbc:
        sets["bbc"] = [p.read_bytes().decode("utf-8", errors="replace") for p in bbc]
    return sets


def worker(tree: Path, articles: int, data: Path) -> dict[str, object]:
    """One round in this process, with ``tree``'s ``summarize`` first on the path."""
    sets = _texts(articles, data)
    sys.path.insert(0, str(tree))
    started = time.process_time()
    import summarize

    summarize.summarize(sets["prose"][0], 3)
    first = 1000 * (time.process_time() - started)
    loaded = [m for m in HEAVY if m in sys.modules]
    if not Path(summarize.__file__).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"summarize came from {summarize.__file__}, not from {tree}")
    from summarize.tokenizer import NewsTokenizer, forget_sentence_spans

    tokenizer = NewsTokenizer("english")
    result: dict[str, object] = {"first": first, "loaded": loaded}
    for name, texts in sets.items():
        forget_sentence_spans()
        started = time.process_time()
        spans = [tokenizer.sentence_spans(t) for t in texts]
        split = 1000 * (time.process_time() - started) / len(texts)
        forget_sentence_spans()
        started = time.process_time()
        picks = [summarize.summarize(t, 3).sentences for t in texts]
        whole = 1000 * (time.process_time() - started) / len(texts)
        result[name] = {
            "split": split,
            "summary": whole,
            "spans": hashlib.sha256(repr(spans).encode()).hexdigest()[:12],
            "picks": hashlib.sha256(
                repr([[(s.start, s.end) for s in p] for p in picks]).encode()
            ).hexdigest()[:12],
        }
    return result


def _round(tree: Path, articles: int, data: Path) -> dict[str, object]:
    command = [sys.executable, __file__, "--worker", str(tree)]
    command += ["--articles", str(articles), "--data", str(data)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=tree)
    payload: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return payload


def _median(rounds: list[dict], *keys: str) -> float:
    values = []
    for r in rounds:
        value: object = r
        for key in keys:
            value = value[key]  # type: ignore[index]
        values.append(float(value))  # type: ignore[arg-type]
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    """Print the cost table (and the baseline's, when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles per text set")
    parser.add_argument("--rounds", type=int, default=5, help="fresh processes per tree")
    parser.add_argument("--baseline", default="", help="a git revision to compare with")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.articles, args.data)))
        return 0
    # Each round runs in its tree's folder: a relative --data must not change meaning there.
    args.data = args.data.resolve()
    with tempfile.TemporaryDirectory(prefix="bench-summary-cost-") as folder:
        trees = {"this tree": ROOT}
        if args.baseline:
            trees = {args.baseline: unpack(args.baseline, Path(folder)), **trees}
        rounds: dict[str, list[dict]] = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, tree in trees.items():
                rounds[name].append(_round(tree, args.articles, args.data))
    names = list(trees)
    sets = [k for k in rounds[names[0]][0] if k not in ("first", "loaded")]
    print(
        f"Summary cost, CPU ms (medians of {args.rounds} fresh processes per tree, rounds"
        f" interleaved; {args.articles} articles per set; default algorithm, 3 sentences)"
    )
    header = "| measure | " + " | ".join(names) + (" | ratio |" if len(names) == 2 else " |")
    print(header)
    print("|" + "---|" * (header.count("|") - 1))

    def row(label: str, *keys: str) -> None:
        values = [_median(rounds[n], *keys) for n in names]
        cells = " | ".join(f"{v:.3f}" for v in values)
        ratio = f" | {values[1] / values[0]:.2f} |" if len(values) == 2 and values[0] else " |"
        print(f"| {label} | {cells}{ratio}")

    row("first summary of a process (imports included)", "first")
    print(
        "| heavy modules loaded by it | "
        + " | ".join(", ".join(rounds[n][0]["loaded"]) or "none" for n in names)  # type: ignore[arg-type]
        + (" | |" if len(names) == 2 else " |")
    )
    for name in sets:
        row(f"{name}: split per article", name, "split")
        row(f"{name}: summary per article (split included)", name, "summary")
    if "bbc" not in sets:
        print(f"BBC articles: none found under {args.data}, so only prose was measured")
    for name in sets:
        for what in ("spans", "picks"):
            digests = {rounds[n][0][name][what] for n in names}  # type: ignore[index]
            verdict = "same" if len(digests) == 1 else "DIFFERENT"
            print(f"{name} {what}: {verdict} ({', '.join(sorted(digests))})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
