"""Summary speed: the default on news-sized and huge inputs; our LexRank/TextRank against Sumy's.

Usage: python bench/summary_speed.py [--data ../shared/data] [--runs 7]

Documents are made of real BBC articles (``summaries/bbc-news-summary``) put
one after another until they hold exactly N sentences. Times are medians over
several runs (stock Sumy gets fewer runs at 500 and 1,000 sentences: it takes
seconds). "rank" times the summarizer on an already split document (what stock
Sumy and ours share); "end to end" is the whole ``summarize()`` call from the
raw text (splitting, tokenising, stemming, ranking), with the remembered
sentence spans forgotten before every run so each run splits its text afresh
(the stem memo stays warm, as in a running reader). Also prints what
``import summarize`` costs (``python -X importtime``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def import_cost(modules: str = "summarize") -> float:
    """Cumulative microseconds of ``import <modules>`` (one module) in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {modules}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    for line in result.stderr.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == modules:
            return float(parts[1])
    raise RuntimeError(f"python -X importtime printed no line for {modules}")


def documents(data: Path, sizes: list[int]) -> dict[int, str]:
    """Texts of exactly N sentences each, built from BBC article bodies."""
    from summarize.api import split_sentences

    paths = sorted((data / "summaries" / "bbc-news-summary" / "News Articles").glob("*/*.txt"))
    if not paths:
        raise SystemExit(f"error: no BBC articles under {data}/summaries/bbc-news-summary")
    random.Random(0).shuffle(paths)
    bodies = []
    for path in paths:
        raw = path.read_bytes().decode("utf-8", errors="replace")
        bodies.append(raw.split("\n", 1)[-1].strip())
    result = {}
    for size in sizes:
        text = ""
        for body in bodies:
            text = f"{text}\n\n{body}" if text else body
            spans = split_sentences(text)
            if len(spans) >= size:
                result[size] = text[: spans[size - 1][1]]
                break
    return result


def median_ms(work: Callable[[], object], runs: int) -> float:
    """Median wall time of ``work()`` in milliseconds."""
    return timed(work, runs)[0]


def timed(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and median CPU (process) time of ``work()`` in milliseconds.

    The CPU time is what the work costs when the shared machine is busy with others.
    """
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append(1000 * (time.perf_counter() - started))
        cpu.append(1000 * (time.process_time() - started_cpu))
    return statistics.median(wall), statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    """Print the speed tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=7, help="runs per median (ours)")
    parser.add_argument(
        "--sizes",
        default="30,50,500,1000",
        help="document sizes in sentences, comma-separated (the suite runs 30,50)",
    )
    args = parser.parse_args(argv)

    cost = import_cost()
    heavy = import_cost("summarize.algorithms.newsrank")
    print(
        f"import summarize (python -X importtime, cumulative): {cost / 1000:.1f} ms"
        f" (what the first summary then loads, summarize.algorithms.newsrank with sumy,"
        f" nltk and numpy: {heavy / 1000:.1f} ms)"
    )
    print()

    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    import summarize
    from summarize.algorithms import algorithm_module
    from summarize.algorithms._common import language_tools
    from summarize.algorithms._document import build_document

    sizes = sorted({30, *(int(n) for n in args.sizes.split(","))})
    texts = documents(args.data, sizes)
    tools = language_tools("english")
    summarize.summarize(texts[30], 3)  # warm up: imports, stemmer cache

    default = summarize.DEFAULT_ALGORITHM
    print(f"| default ({default}), 3 sentences | end to end wall ms | CPU ms | goal |")
    print("|---|---|---|---|")
    from summarize.tokenizer import forget_sentence_spans

    def cold_summary(text: str, algorithm: str | None = None) -> None:
        forget_sentence_spans()  # a new article is split afresh; stems stay remembered
        summarize.summarize(text, 3, algorithm)

    for size, goal in ((30, 10), (1000, 250)) if 1000 in sizes else ((30, 10),):
        wall, cpu = timed(lambda t=texts[size]: cold_summary(t), args.runs)
        print(f"| {size:,} sentences | {wall:.1f} | {cpu:.1f} | <= {goal} ms |")
    print(f"(medians of {args.runs} runs)")
    print()

    print(
        "| algorithm | sentences | stock Sumy rank ms | ours rank ms | speed-up "
        "| ours end to end ms | same picks |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, stock_class in (("lexrank", LexRankSummarizer), ("textrank", TextRankSummarizer)):
        module = algorithm_module(name)
        for size in (n for n in sizes if n >= 50):
            text = texts[size]
            document = build_document(text, tools.tokenizer, 10**6, 10**7).document
            for sentence in document.sentences:
                _ = sentence.words  # tokenise once, outside the timings

            def stock(document=document, stock_class=stock_class):
                summarizer = stock_class(tools.stemmer)
                summarizer.stop_words = tools.stop_words
                return summarizer(document, 3)

            def ours(document=document, module=module):
                return module.build(tools)(document, 3)

            stock_runs = 5 if size <= 50 else 3
            stock_ms = median_ms(stock, stock_runs)
            ours_ms = median_ms(ours, args.runs)
            same = [id(s) for s in stock()] == [id(s) for s in ours()]
            e2e = median_ms(lambda t=text, n=name: cold_summary(t, n), args.runs)
            print(
                f"| {name} | {size:,} | {stock_ms:.1f} (median of {stock_runs}) | {ours_ms:.1f} "
                f"| {stock_ms / ours_ms:.1f}x | {e2e:.1f} | {'yes' if same else 'NO'} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
