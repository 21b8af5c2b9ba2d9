"""The user's topic rules (``[[topics.rules]]`` in the config file).

A rule gives its topic ``name`` to an article when ANY of its conditions holds:
one of its ``keywords`` appears in the title or text (whole words, any case; a
keyword may be a phrase), its ``regex`` matches the title or text (Python
syntax, case-insensitive), or the article comes from one of its ``feeds``
(source names, any case). Rules apply to new articles as they are enriched, and
to the existing library whenever the rules in the config change (see
:func:`newsreader.topics.assign.sync_rules`) or on ``newsreader topics apply``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass

from newsreader.config import TopicRule


class RuleError(ValueError):
    """A rule in the config cannot be used (named in the message)."""


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to match: its topic, one keyword pattern, its regex, its feeds."""

    name: str
    keywords: re.Pattern[str] | None
    regex: re.Pattern[str] | None
    feeds: frozenset[str]

    def matches(self, title: str, text: str, source: str | None) -> bool:
        """True when any condition of the rule holds for the article."""
        if source is not None and source.casefold() in self.feeds:
            return True
        for pattern in (self.keywords, self.regex):
            if pattern is not None and (pattern.search(title) or pattern.search(text)):
                return True
        return False


def compile_rule(rule: TopicRule, index: int = 0) -> CompiledRule:
    """Compile one rule; a nameless or conditionless rule or a bad regex is a RuleError."""
    where = f"topics.rules[{index}]" + (f" ({rule.name!r})" if rule.name else "")
    if not rule.name.strip():
        raise RuleError(f"{where}: a rule needs a name")
    words = [k.strip() for k in rule.keywords if k.strip()]
    if not (words or rule.regex or rule.feeds):
        raise RuleError(f"{where}: a rule needs keywords, a regex or feeds")
    keywords = None
    if words:
        alternatives = "|".join(r"\s+".join(map(re.escape, k.split())) for k in words)
        keywords = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    regex = None
    if rule.regex:
        try:
            regex = re.compile(rule.regex, re.IGNORECASE)
        except re.error as exc:
            raise RuleError(f"{where}: invalid regex {rule.regex!r}: {exc}") from None
    return CompiledRule(
        name=rule.name.strip(),
        keywords=keywords,
        regex=regex,
        feeds=frozenset(f.strip().casefold() for f in rule.feeds if f.strip()),
    )


def compile_rules(rules: tuple[TopicRule, ...]) -> list[CompiledRule]:
    """Compile every rule of the config (first bad one raises RuleError)."""
    return [compile_rule(rule, i) for i, rule in enumerate(rules)]


def matching_topics(
    rules: list[CompiledRule], title: str, text: str, source: str | None
) -> list[str]:
    """The topics of the rules that match an article, in config order, no repeats."""
    found: list[str] = []
    for rule in rules:
        if rule.name not in found and rule.matches(title, text, source):
            found.append(rule.name)
    return found


def fingerprint(rules: tuple[TopicRule, ...]) -> str:
    """A short hash of the rules, to notice when the config changed them."""
    data = json.dumps([asdict(rule) for rule in rules], sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]
