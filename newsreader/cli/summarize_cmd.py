"""``newsreader summarize``: summarise a file, standard input, a web page or a JSONL data set."""

from __future__ import annotations

import json
from typing import Any

import click

from newsreader.cli.context import AppContext, pass_app
from newsreader.safetext import json_text, one_line, plain_text

#: Largest input read, in bytes (the summariser reads at most its first 400,000 characters).
MAX_INPUT_BYTES = 50_000_000


def _json_line(value: Any) -> str:
    """``value`` as one line of JSON, with terminal-unsafe characters escaped."""
    return json_text(value)


def _decode(raw: bytes) -> str:
    """The text of a file's bytes, decoded as ``newsreader import`` decodes them."""
    from newsreader.importers.decoding import BinaryFile, decode

    try:
        return decode(raw).text
    except BinaryFile:
        return raw.decode("utf-8", errors="replace")


def _read_source(source: str) -> tuple[str, str]:
    """(label, raw text) of a file path or ``-`` for standard input (regular files only, capped)."""
    from newsreader.cli.inputs import read_input

    label, raw = read_input(source, MAX_INPUT_BYTES)
    return label, _decode(raw)


def _article(source: str, raw: str) -> tuple[str, str]:
    """(title, body) of a file or standard input, read as ``newsreader import`` reads it.

    The file's extension picks the reader (standard input and unknown kinds are
    plain text, or HTML when they start with a tag); what no reader can make an
    article of is summarised as it is.
    """
    from pathlib import Path

    from newsreader.importers import html, plaintext
    from newsreader.importers.base import FileContext
    from newsreader.importers.files import SkipFile
    from newsreader.importers.readers import reader_for
    from newsreader.models import NewArticle
    from newsreader.text import looks_like_html

    path = Path("standard-input.txt" if source == "-" else source)
    reader = reader_for(path)
    if reader is None or reader is plaintext.read:
        starts_with_tag = raw.lstrip()[:1] == "<" and looks_like_html(raw[:1000])
        reader = html.read if starts_with_tag else plaintext.read
    try:
        records = reader(raw, FileContext(path, "summarize"))
    except SkipFile:
        return "", raw
    article = next((r for r in records if isinstance(r, NewArticle)), None)
    if article is None:
        return "", raw
    return article.title, article.text


def _fetch(url: str, app: AppContext) -> tuple[str, str]:
    """(title, text) of a web page, through the feeds package's page fetcher."""
    from newsreader.feeds.pages import fetch_page_text

    try:
        return fetch_page_text(url, app.settings)
    except click.ClickException:
        raise
    except Exception as exc:
        reason = one_line(str(exc)) or type(exc).__name__
        raise click.ClickException(f"{one_line(url)}: {reason}") from None


def _summarise(text: str, sentences: int, algorithm: str | None, language: str):
    from summarize import summarize

    try:
        return summarize(text, sentences, algorithm, language)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


def _summary_dict(summary: Any) -> dict[str, Any]:
    return {
        "algorithm": summary.algorithm,
        "note": summary.note,
        "sentences": [
            {"text": s.text, "start": s.start, "end": s.end, "score": s.score}
            for s in summary.sentences
        ],
    }


def _run_jsonl(source: str, sentences: int, algorithm: str | None, language: str) -> int:
    """Summarise each ``{"id", "text"}`` line; returns how many lines were bad."""
    from summarize import summarize

    _, data = _read_source(source)
    bad = 0
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("expected a JSON object")
            if "text" not in item or not isinstance(item["text"], str):
                raise ValueError('expected a "text" string')
            item_language = item.get("language") or language
            summary = summarize(item["text"], sentences, algorithm, item_language)
        except (ValueError, RecursionError) as exc:  # json.JSONDecodeError is a ValueError
            bad += 1
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            click.echo(f"error: line {number}: {one_line(reason)}", err=True)
            continue
        record: dict[str, Any] = {
            "id": item.get("id"),
            "sentences": [s.text for s in summary.sentences],
        }
        if summary.note:
            record["note"] = summary.note
        click.echo(_json_line(record))
    return bad


@click.command("summarize")
@click.argument("source", required=False, default="-", metavar="[FILE|-|URL]")
@click.option(
    "-n",
    "--sentences",
    type=click.IntRange(min=1),
    default=None,
    help="Sentences in the summary (default: the [summary] setting, 3).",
)
@click.option("-a", "--algorithm", default=None, help="Summariser name (see --list-algorithms).")
@click.option(
    "-l",
    "--language",
    default="english",
    show_default=True,
    help="Language of the text (for stemming and stop words).",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the summary as JSON with spans and scores."
)
@click.option(
    "--jsonl",
    is_flag=True,
    help='Read {"id", "text"} objects, one per line; write {"id", "sentences"} lines.',
)
@click.option("--list-algorithms", is_flag=True, help="List the summariser names and exit.")
@pass_app
def command(
    app: AppContext,
    source: str,
    sentences: int | None,
    algorithm: str | None,
    language: str,
    as_json: bool,
    jsonl: bool,
    list_algorithms: bool,
) -> None:
    """Print the extractive summary of FILE, standard input (-) or a web page (URL)."""
    from summarize import DEFAULT_ALGORITHM, available_algorithms
    from summarize.algorithms import resolve

    if list_algorithms:
        for name in available_algorithms():
            click.echo(f"{name} (default)" if name == DEFAULT_ALGORITHM else name)
        return
    count = sentences or app.settings.summary.sentences
    wanted = algorithm if algorithm is not None else (app.settings.summary.algorithm or None)
    try:
        name = resolve(wanted)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None

    if jsonl:
        bad = _run_jsonl(source, count, name, language)
        if bad:
            raise click.exceptions.Exit(1)
        return

    web = source.startswith(("http://", "https://"))
    if web:
        title, text = _fetch(source, app)
        label = one_line(source)
    else:
        label, raw = _read_source(source)
        title, text = _article(source, raw)
    summary = _summarise(text, count, name, language)
    if not summary.sentences:
        raise click.ClickException(f"{label}: nothing to summarise (the text is empty)")
    if as_json:
        payload = _summary_dict(summary)
        if title:
            payload["title"] = title
        click.echo(_json_line(payload))
        return
    if title and web:
        click.echo(one_line(title))
        click.echo()
    for sentence in summary.sentences:
        click.echo(" ".join(plain_text(sentence.text).split()))
    if summary.note:
        click.echo(f"note: {one_line(summary.note)}", err=True)
