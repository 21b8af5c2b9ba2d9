"""Reading ``.json`` and ``.jsonl`` files: articles as JSON objects.

Each object needs ``title`` and ``text`` (non-empty strings) and may have
``url``, ``published`` (ISO 8601 or RFC 2822 text, or seconds since the
epoch), ``author``, ``topics`` (a list of strings, or one string),
``source`` (the outlet's name, used as the source name) and ``language``.
Other keys are ignored. A ``.json`` file holds one object or an array of
them; a ``.jsonl`` file holds one object per line (blank lines are skipped).
A bad record is reported with its line (or array item) and the others are
still imported. Texts are cleaned like plain-text files (paragraphs,
boilerplate); titles are taken as given. The ``url``, when present, identifies
the record, so re-importing an edited record updates it.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from newsreader.importers.base import FileContext, Record, RecordError, make_article
from newsreader.importers.dates import from_epoch_seconds, parse_date
from newsreader.importers.files import SkipFile
from newsreader.safetext import one_line
from newsreader.text.body import body_paragraphs
from newsreader.text.paragraphs import split_paragraphs

_OPTIONAL_STRINGS = ("url", "author", "source", "language")
_TOO_DEEP = "invalid JSON: nested too deeply"


class BadRecord(ValueError):
    """A JSON value that is not a usable article; the message says why."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def read_json(text: str, ctx: FileContext) -> list[Record]:
    """The articles of a ``.json`` file (one object or an array of objects)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SkipFile(
            "invalid JSON", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise SkipFile("invalid JSON", _TOO_DEEP) from None
    if isinstance(data, dict):
        return [_record(data, ctx, None)]
    if isinstance(data, list):
        if not data:
            raise SkipFile("no article text", "empty JSON array")
        return [_record(item, ctx, f"item {n}") for n, item in enumerate(data, 1)]
    raise SkipFile("invalid JSON", f"expected an object or an array of objects, got {_kind(data)}")


def read_jsonl(text: str, ctx: FileContext) -> list[Record]:
    """The articles of a ``.jsonl`` file, one object per line."""
    records: list[Record] = []
    # Split on "\n" only: JSON strings may hold U+2028 and other line separators.
    for number, line in enumerate(text.split("\n"), 1):
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        where = f"line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            records.append(
                RecordError(where, "invalid JSON", f"invalid JSON at column {exc.colno}: {exc.msg}")
            )
            continue
        except RecursionError:
            records.append(RecordError(where, "invalid JSON", _TOO_DEEP))
            continue
        records.append(_record(data, ctx, where))
    if not records:
        raise SkipFile("empty file", "no JSON lines")
    return records


def _record(data: Any, ctx: FileContext, where: str | None) -> Record:
    try:
        return article_from_object(data, ctx)
    except BadRecord as exc:
        if where is None:
            raise SkipFile(exc.reason, str(exc)) from None
        return RecordError(where, exc.reason, str(exc))
    except (ValueError, OverflowError, RecursionError) as exc:
        # Whatever else one record can break, it breaks that record only.
        detail = f"unreadable record: {type(exc).__name__}: {one_line(str(exc))[:200]}"
        if where is None:
            raise SkipFile("bad field", detail) from None
        return RecordError(where, "bad field", detail)


def article_from_object(data: Any, ctx: FileContext) -> Record:
    """A :class:`~newsreader.models.NewArticle` from one JSON object; raises :class:`BadRecord`."""
    if not isinstance(data, dict):
        raise BadRecord("not an object", f"expected a JSON object, got {_kind(data)}")
    title = _required(data, "title")
    text = _required(data, "text")
    fields = {key: _optional_string(data, key) for key in _OPTIONAL_STRINGS}
    paragraphs = body_paragraphs(split_paragraphs(text), title, fields["author"])
    if not paragraphs:
        raise BadRecord("no article text", "'text' has no article text after cleaning")
    return make_article(
        ctx,
        title,
        paragraphs,
        published=_published(data.get("published")),
        author=fields["author"],
        url=fields["url"],
        source=fields["source"],
        language=fields["language"],
        topics=_topics(data.get("topics")),
        guid=fields["url"] or "",
    )


def _required(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if value is None:
        raise BadRecord(f"missing {key}", f"missing {key!r}")
    if not isinstance(value, str):
        raise BadRecord("bad field", f"{key!r} must be a string, got {_kind(value)}")
    if not one_line(value):
        raise BadRecord(f"missing {key}", f"{key!r} is empty")
    return value


def _optional_string(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise BadRecord("bad field", f"{key!r} must be a string, got {_kind(value)}")


def _published(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        moment = from_epoch_seconds(value)
    elif isinstance(value, str):
        moment = parse_date(value)
    else:
        raise BadRecord("bad field", f"'published' must be a date string, got {_kind(value)}")
    if moment is None:
        raise BadRecord("bad field", f"'published' is not a date: {one_line(str(value))[:40]!r}")
    return moment


def _topics(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise BadRecord("bad field", "'topics' must be a list of strings")


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)
