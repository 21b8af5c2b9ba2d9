"""``summarize()``: the one entry point of the summary engine.

Bad input never raises and never hangs: empty or whitespace-only text gives an
empty summary (with a ``note``); texts with no more sentences than asked for
come back whole; long texts are capped (the first ``MAX_CHARS`` characters are
split into sentences and each algorithm ranks at most its ``MAX_SENTENCES``),
and the ``note`` says so. Unknown algorithm or language names and a sentence
count below 1 raise ``ValueError`` naming what was wrong.
"""

from __future__ import annotations

import warnings

from summarize.algorithms import algorithm_module, resolve
from summarize.types import Summary, SummarySentence

#: Characters split into sentences at most (about 2,000 news sentences).
MAX_CHARS = 400_000


def split_sentences(text: str, language: str = "english") -> list[tuple[int, int]]:
    """The character spans of the sentences of ``text`` (the first ``MAX_CHARS`` of it)."""
    from summarize.algorithms._common import language_tools
    from summarize.algorithms._document import build_document

    tokenizer = language_tools(language).tokenizer
    return list(build_document(text, tokenizer, 10**9, MAX_CHARS).spans)


def summarize(
    text: str, sentences: int = 3, algorithm: str | None = None, language: str = "english"
) -> Summary:
    """The ``sentences`` best sentences of ``text``, in document order, with their spans.

    ``algorithm`` is a name from :func:`summarize.available_algorithms` (None or
    "" for the default); ``language`` a language Sumy has a stemmer for.
    """
    if isinstance(sentences, bool) or not isinstance(sentences, int) or sentences < 1:
        raise ValueError(f"sentences must be a whole number of at least 1 (got {sentences!r})")
    if not isinstance(text, str):
        raise ValueError(f"text must be a string (got {type(text).__name__})")
    name = resolve(algorithm)
    if not text.strip():
        return Summary((), name, note="empty text: nothing to summarise")

    from summarize.algorithms._common import language_tools
    from summarize.algorithms._document import build_document

    tools = language_tools(language)
    module = algorithm_module(name)
    plain = getattr(module, "PLAIN_DOCUMENT", False)
    spanned = build_document(text, tools.tokenizer, module.MAX_SENTENCES, MAX_CHARS, plain)
    spans = spanned.spans
    if len(spans) <= sentences and not spanned.note:
        lead = tuple(SummarySentence(text[a:b], a, b, 1.0) for a, b in spans)
        return Summary(lead, name)

    document = spanned.document
    summarizer = module.build(tools)
    with warnings.catch_warnings():  # Sumy's LSA warns about short texts; the result stands
        warnings.simplefilter("ignore")
        picked = summarizer(document, sentences)
    ratings = getattr(summarizer, "last_ratings", {})
    index = {id(s): i for i, s in enumerate(document.sentences)}
    chosen: list[SummarySentence] = []
    for sentence in picked:
        start, end = spans[index[id(sentence)]]
        chosen.append(SummarySentence(text[start:end], start, end, ratings.get(id(sentence), 0.0)))
    chosen.sort(key=lambda s: s.start)
    note = spanned.note
    if not chosen:  # e.g. LSA with no content word at all: show the lead instead
        chosen = [SummarySentence(text[a:b], a, b, 0.0) for a, b in spans[:sentences]]
        note = "; ".join(filter(None, [note, f"{name} found no words to rank: first sentences"]))
    return Summary(tuple(chosen), name, note=note)
