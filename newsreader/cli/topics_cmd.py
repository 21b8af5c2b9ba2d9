"""``newsreader topics``: topics with counts; ``classify`` a text; ``apply`` to the library."""

from __future__ import annotations

import json
from typing import Any

import click

from newsreader.cli.context import AppContext, pass_app
from newsreader.cli.output import print_json
from newsreader.safetext import json_text, one_line

#: A batch of at least this many texts teaches the classifier its own words first.
BATCH_LEARN_FROM = 200
#: Largest input read, in bytes.
MAX_INPUT_BYTES = 50_000_000


@click.group("topics", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_app
@click.pass_context
def command(ctx: click.Context, app: AppContext, as_json: bool) -> None:
    """List topics with their article and unread counts.

    Topic rules changed in the config are applied to the whole library first.
    """
    if ctx.invoked_subcommand is not None:
        return
    from newsreader.topics.assign import sync_rules
    from newsreader.topics.rules import RuleError

    with app.open_library() as library:
        try:
            if not library.read_only:  # read-only: the counts as stored
                sync_rules(library, app.settings)
        except RuleError as exc:
            raise click.ClickException(str(exc)) from None
        counts = library.topic_counts()
    if as_json:
        print_json([{"topic": c.name, "articles": c.total, "unread": c.unread} for c in counts])
        return
    for count in counts:
        click.echo(f"{count.total:>7} {count.unread:>7}  {one_line(count.name)}")


def _read_input(source: str) -> str:
    from newsreader.cli.inputs import read_input

    label, raw = read_input(source, MAX_INPUT_BYTES)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise click.ClickException(f"{label}: not UTF-8 text") from None


def _parse_jsonl(raw: str, source: str) -> list[dict[str, Any]]:
    items = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise click.ClickException(f"{source}:{number}: not JSON ({exc.msg})") from None
        except RecursionError:
            raise click.ClickException(f"{source}:{number}: not JSON (nested too deeply)") from None
        if not isinstance(item, dict):
            raise click.ClickException(
                f"{source}:{number}: expected an object with id, title, text"
            )
        title, text = item.get("title", ""), item.get("text", "")
        if not isinstance(title, str) or not isinstance(text, str):
            raise click.ClickException(f"{source}:{number}: title and text must be strings")
        if not (title.strip() or text.strip()):
            raise click.ClickException(f"{source}:{number}: needs a title or a text")
        items.append(item)
    return items


def _library_model(app: AppContext):
    """The section model learned from the user's library, if there is a library."""
    if not app.library_file.exists():
        return None
    from newsreader.topics.assign import load_model

    with app.open_library() as library:
        return load_model(library, app.settings)


@command.command("classify")
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option(
    "--jsonl",
    is_flag=True,
    help='Input is JSON lines {"id","title","text"}; print {"id","section","tags"} lines.',
)
@click.option(
    "--learn/--no-learn",
    default=True,
    show_default=True,
    help=f"With {BATCH_LEARN_FROM}+ JSON lines, first self-train on the batch itself.",
)
@pass_app
def classify(app: AppContext, source: str, jsonl: bool, learn: bool) -> None:
    """Print the section and subject tags of a text (first line: its title)."""
    from newsreader.topics.learn import train_self
    from newsreader.topics.sections import SectionClassifier
    from newsreader.topics.tags import extract_tags

    settings = app.settings
    raw = _read_input(source)
    sections = settings.topics.sections
    limit = settings.topics.max_tags
    if not jsonl:
        title, _, text = raw.strip().partition("\n")
        if not title.strip():
            raise click.ClickException(f"{source}: no text to classify")
        result = SectionClassifier(sections, model=_library_model(app)).classify(title, text)
        click.echo(f"section: {result.section or '(none)'}")
        click.echo("tags: " + ", ".join(one_line(t) for t in extract_tags(title, text, limit)))
        return
    items = _parse_jsonl(raw, source)
    model = None
    if learn and len(items) >= BATCH_LEARN_FROM:
        lexicon = SectionClassifier(sections)
        model = train_self(lexicon, [(i.get("title", ""), i.get("text", "")) for i in items])
    if model is None:
        model = _library_model(app)
    classifier = SectionClassifier(sections, model=model)
    for item in items:
        title, text = item.get("title", ""), item.get("text", "")
        result = classifier.classify(title, text)
        click.echo(
            json_text(
                {
                    "id": item.get("id"),
                    "section": result.section,
                    "tags": extract_tags(title, text, limit),
                }
            )
        )


@command.command("apply")
@click.option("--rules-only", is_flag=True, help="Only re-apply the config's topic rules.")
@pass_app
def apply(app: AppContext, rules_only: bool) -> None:
    """Re-run sections, tags and rules on every article already in the library."""
    from newsreader.topics.assign import apply_to_library
    from newsreader.topics.rules import RuleError

    with app.open_library(writing=True) as library:
        try:
            count = apply_to_library(library, app.settings, rules_only=rules_only)
        except RuleError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"topics updated on {count} articles", err=True)
