"""Publisher boilerplate: adverts, share buttons, cookie and consent lines, paywalls,
newsletter boxes, captions and credits, "Read more" and related-links blocks.

Boilerplate is described by the data in :data:`BOILERPLATE`: add a rule there
to remove a new kind of publisher debris. Rules are applied to whole
paragraphs (``line``), to the start of a paragraph (``prefix``) or to a
trailing block of navigation links (``tail``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

RuleKind = Literal["line", "prefix", "tail"]


@dataclass(frozen=True)
class Rule:
    """One kind of boilerplate.

    ``line``: a paragraph matching ``pattern`` entirely is removed.
    ``prefix``: ``pattern`` at the start of a paragraph is removed when a
    capitalised sentence follows it. ``tail``: a paragraph matching
    ``pattern`` starts a navigation block that is removed up to the end, when
    everything after it looks like links (short, no closing full stop); alone,
    it is removed like a ``line``.
    """

    name: str
    kind: RuleKind
    pattern: str
    #: Longest paragraph the rule applies to (``line`` rules).
    max_chars: int = 400
    #: Lower-case words of which a paragraph must contain one for ``pattern``
    #: to match it (a quick test that spares the expression; empty: always try).
    #: Every match of ``pattern`` must contain one of them.
    needs: tuple[str, ...] = ()


_CREDIT_AGENCIES = (
    r"getty images|ap photo|ap|afp|reuters|epa(?:-efe)?|shutterstock|alamy|bloomberg"
    r"|pa(?: media| wire| images)?|anadolu(?: agency)?|xinhua|tass|sputnik|imago|nurphoto"
    r"|sopa images|zuma press|istock(?:photo)?|unsplash|wikimedia commons"
)

#: Publisher boilerplate, as data. Patterns are case-insensitive regular
#: expressions; ``line`` patterns must match the whole paragraph.
BOILERPLATE: tuple[Rule, ...] = (
    # Advertising slots and reading aids.
    Rule(
        "advert",
        "line",
        r"(?:advertisement|advertisment|advert|ad|sponsored(?: content)?"
        r"|story continues below(?: advertisement)?|skip advertisement|supported by"
        r"|continue reading(?: the main story| below)?)\W*",
    ),
    Rule(
        "read more",
        "line",
        r"(?:read more|read (?:the )?full (?:story|article)|read next"
        r"|see also|also read|related|more on this story)(?:\s*[:\-–—»›].{0,150})?\W*",
    ),
    Rule(
        "summary offer",
        "line",
        r"(?:no time to read\??|get a summary|summari[sz]e (?:this|it)"
        r"|listen to (?:this )?(?:article|story).{0,40}|\d{1,2} ?min(?:ute)?s? read)\W*",
    ),
    Rule(
        "share",
        "line",
        r"(?:share|share this(?: article| story| page)?|share (?:on|via) .{1,30}"
        r"|copy link|(?:(?:facebook|twitter|x|whatsapp|email|linkedin|reddit|messenger)"
        r"\s*[|·/,]?\s*){2,})\W*",
    ),
    Rule(
        "share list",
        "line",
        r"share(?: this(?: article| story| page)?)?\s*[:\-]?\s*"
        r"(?:(?:facebook|twitter|x|whatsapp|email|e-mail|linkedin|reddit|messenger|telegram"
        r"|bluesky|threads|pinterest|print|copy link)\s*[|·/,]?\s*)+",
        max_chars=160,
    ),
    Rule(
        "newsletter",
        "line",
        r"(?:sign up|subscribe)(?: now| today| here| for free)?\W*"
        r"|(?:sign up|subscribe) (?:to|for) .{0,80}\b(?:newsletters?|alerts|updates|emails?"
        r"|digest|briefing|bulletin)\b.{0,60}|follow us on .{1,60}"
        r"|get (?:our|the) .{0,60}\b(?:newsletter|briefing|bulletin)\b.{0,120}"
        r"|.{0,80}\b(?:in|to) your inbox\b.{0,80}|(?:enter )?your email(?: address)?\W*"
        r"|by signing up,? you (?:agree|accept) .{0,150}",
        max_chars=240,
        needs=(
            *("sign up", "subscribe", "follow us on", "newsletter", "briefing", "bulletin"),
            *("your inbox", "your email", "signing up"),
        ),
    ),
    Rule(
        "cookie consent",
        "line",
        r".{0,200}\b(?:(?:we|this (?:site|website)|our (?:site|website)|our partners)"
        r" (?:and our partners )?uses? cookies|accept (?:all )?cookies|cookie"
        r" (?:policy|settings|preferences|consent|notice)|we value your privacy"
        r"|we and our partners|by continuing to (?:browse|use)|manage (?:cookie )?preferences)"
        r"\b.{0,300}",
        max_chars=500,
        needs=("cookie", "privacy", "partners", "continuing", "preferences"),
    ),
    Rule(
        "consent button",
        "line",
        r"(?:accept|accept all|reject all|i agree|i accept|agree|ok|got it"
        r"|manage (?:cookies|options|settings))\W*",
        max_chars=500,
    ),
    Rule(
        "paywall",
        "line",
        r"(?:subscribe|sign in|log in|register) to (?:continue|keep) reading.{0,100}"
        r"|this (?:article|story|content) is (?:for|only for|available (?:only )?to|exclusive"
        r" to) (?:subscribers|members|premium).{0,150}|already a (?:subscriber|member)\?.{0,60}"
        r"|subscribe now.{0,100}|become a (?:member|subscriber).{0,100}"
        r"|(?:unlock|get) (?:this article|full access|unlimited access).{0,120}"
        r"|to continue reading,? .{0,80}\b(?:subscribe|sign in|log in)\b.{0,60}",
        max_chars=300,
    ),
    Rule(
        "live page controls",
        "line",
        r"(?:show key events only|key events|load more(?: updates| posts| entries)?|live"
        r"|live updates|refresh|pinned post|show more|show less|see all updates)\W*",
    ),
    # Photo captions and credits.
    Rule(
        "caption label",
        "line",
        r"(?:image|photo|picture|video|media) (?:source|caption|credit)s?"
        r"(?:\s*[,:].*)?",
    ),
    Rule(
        "copyright credit",
        "line",
        r".*(?:©|\(c\) \d{4}|all rights reserved).*",
        needs=("©", "(c) ", "all rights reserved"),
    ),
    Rule(
        "photo credit",
        "line",
        r"(?:.*[.|/]\s+)?\(?(?:photo(?:graph)?|image|picture|illustration)s?"
        r"(?: credit)?\s*:\s*.{1,120}|.*\bap photo/.*",
        max_chars=300,
        needs=(":", "ap photo/"),
    ),
    Rule(
        "agency credit",
        "line",
        rf".*[/|]\s*(?:{_CREDIT_AGENCIES})\s*\)?",
        max_chars=300,
        needs=("/", "|"),
    ),
    Rule(
        "trailing credit",
        "line",
        r".*\b(?:getty images|afp via getty images|ap photo)\s*\)?"
        rf"|.*\bvia (?:{_CREDIT_AGENCIES})\s*\)?",
        max_chars=300,
        needs=("getty images", "ap photo", "via "),
    ),
    Rule(
        "agency first credit",
        "line",
        rf".*\b(?:{_CREDIT_AGENCIES})\s*/\s*(?-i:[A-Z])[\w.'’-]+"
        r"(?: (?-i:[A-Z])[\w.'’-]+){0,3}\s*\)?",
        max_chars=300,
        needs=("/",),
    ),
    Rule(
        "photo by",
        "line",
        r"\(?(?:photo(?:graph)?|image|picture|illustration)s? by .{1,80}",
        max_chars=120,
    ),
    Rule("caption or credit label", "line", r"(?:caption|credits?)\s*:\s*.{1,150}"),
    # Contribution and reporting notes.
    Rule(
        "contributed",
        "line",
        r"(?:[\w.'&-]+\s+){1,12}contributed(?: reporting)?"
        r"(?: to this (?:report|story|article))?\.?",
        needs=("contributed",),
    ),
    Rule(
        "reporting by",
        "line",
        r"\((?:additional )?(?:reporting|writing|editing) by [^)]{1,200}\)"
        r"|(?:additional )?(?:reporting|writing|editing) by (?-i:[A-Z])[\w.'-]+"
        r"(?: (?-i:[A-Z])[\w.'-]+){0,3}(?:\s*(?:,|;|and) .{0,150})?\.?",
    ),
    # Navigation at the end of a page (also removed as lone lines anywhere).
    Rule(
        "navigation",
        "tail",
        r"(?:previous|next|prev)\s+(?:article|story|post|page)"
        r"|related (?:articles|stories|posts|coverage|content)|more (?:stories|articles|news)"
        r"|more from .{1,40}|you (?:may|might) also (?:like|be interested in)"
        r"|recommended(?: for you| stories| reading)?|most (?:read|popular|viewed)"
        r"|trending(?: now)?|up next|top stories|latest (?:news|stories)",
    ),
    # Debris glued to the start of a paragraph by copy and paste.
    Rule(
        "advert prefix",
        "prefix",
        r"(?:Advertisement|ADVERTISEMENT|Advert"
        r"|Story continues below advertisement|Skip Advertisement"
        r"|Continue reading the main story)",
    ),
    Rule("read more prefix", "prefix", r"(?:Read more|READ MORE|No time to read\?|Get a summary)"),
)

#: Tail blocks are removed only when every paragraph after the marker is at
#: most this long and has no closing full stop (other articles' headlines).
TAIL_MAX_CHARS = 200

_TAIL_RULES = [
    re.compile(rf"(?:{rule.pattern})(?:\s*[:\-–—|»›]\s*.{{0,150}})?\W*", re.IGNORECASE)
    for rule in BOILERPLATE
    if rule.kind == "tail"
]


def _line_checks() -> list[tuple[re.Pattern[str], int, frozenset[str]]]:
    """The ``line`` rules as (expression, longest paragraph, needed words).

    Rules without ``needs`` and with the same length limit are one alternation
    (a paragraph matches it whole exactly when it matches one of them whole), so
    a paragraph costs a few scans rather than one a rule; each rule with
    ``needs`` keeps its own expression, tried only when one of its words is in
    the folded paragraph. The checks without needed words come first.
    """
    by_limit: dict[int, list[str]] = {}
    for rule in BOILERPLATE:
        if rule.kind == "line" and not rule.needs:
            by_limit.setdefault(rule.max_chars, []).append(rule.pattern)
    for pattern in _TAIL_RULES:
        by_limit.setdefault(TAIL_MAX_CHARS, []).append(pattern.pattern)
    checks: list[tuple[re.Pattern[str], int, frozenset[str]]] = [
        (re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE), limit, frozenset())
        for limit, patterns in sorted(by_limit.items())
    ]
    for rule in BOILERPLATE:
        if rule.kind == "line" and rule.needs:
            pattern = re.compile(rule.pattern, re.IGNORECASE)
            checks.append((pattern, rule.max_chars, frozenset(rule.needs)))
    return checks


_LINE_CHECKS = _line_checks()
#: Every needed word of a rule, looked for once in a paragraph (substring tests
#: cost a fraction of a search for an alternation of them).
_NEEDED_WORDS = tuple(sorted({word for rule in BOILERPLATE for word in rule.needs}))
# Case-insensitive expressions match these to ASCII letters that ``str.lower``
# does not give them; every other character ``re.IGNORECASE`` matches to an
# ASCII letter lower-cases to it, so ``needs`` words are looked for in
# ``_folded`` text.
_ASCII_FOLDS = (("İ", "i"), ("ı", "i"), ("ſ", "s"))
# Prefixes are case-sensitive on purpose: "Advertisement campaigns ..." stays.
_PREFIX_RULES = [
    re.compile(rf"{rule.pattern}\s*[:\-–—]?\s+(?=[\"“‘'(\[]?[A-Z0-9])")
    for rule in BOILERPLATE
    if rule.kind == "prefix"
]


def is_boilerplate(paragraph: str) -> bool:
    """True when a whole paragraph matches a ``line`` rule of :data:`BOILERPLATE`."""
    size = len(paragraph)
    present: set[str] | None = None
    for pattern, limit, needs in _LINE_CHECKS:
        if size > limit:
            continue
        if needs:
            if present is None:
                folded = _folded(paragraph)
                present = {word for word in _NEEDED_WORDS if word in folded}
            if present.isdisjoint(needs):
                continue
        if pattern.fullmatch(paragraph):
            return True
    return False


def _folded(paragraph: str) -> str:
    """``paragraph`` lower-cased so that a ``needs`` word is in it wherever a rule matches."""
    if not paragraph.isascii():
        for letter, ascii_letter in _ASCII_FOLDS:
            paragraph = paragraph.replace(letter, ascii_letter)
    return paragraph.lower()


def strip_prefixes(paragraph: str) -> str:
    """``paragraph`` without boilerplate glued to its start (repeatedly)."""
    changed = True
    while changed:
        changed = False
        for pattern in _PREFIX_RULES:
            match = pattern.match(paragraph)
            if match:
                paragraph = paragraph[match.end() :]
                changed = True
    return paragraph


def _cut_tail(paragraphs: list[str], is_debris: Callable[[str], bool]) -> list[str]:
    """Drop a trailing navigation block ("Previous Article", other titles...)."""
    for index, paragraph in enumerate(paragraphs):
        if index == 0 or not any(rule.fullmatch(paragraph) for rule in _TAIL_RULES):
            continue
        if all(_looks_like_a_link(rest, is_debris) for rest in paragraphs[index + 1 :]):
            return paragraphs[:index]
    return paragraphs


def _looks_like_a_link(paragraph: str, is_debris: Callable[[str], bool]) -> bool:
    """A short headline-like line (no closing full stop), or boilerplate itself."""
    if is_debris(paragraph):
        return True
    return len(paragraph) <= TAIL_MAX_CHARS and not paragraph.rstrip("\"”’')]").endswith(".")


def remove_boilerplate(paragraphs: Iterable[str]) -> list[str]:
    """Paragraphs with publisher boilerplate removed (rules in :data:`BOILERPLATE`)."""
    verdicts: dict[str, bool] = {}  # each paragraph is judged once, however often asked

    def is_debris(paragraph: str) -> bool:
        verdict = verdicts.get(paragraph)
        if verdict is None:
            verdict = verdicts[paragraph] = is_boilerplate(paragraph)
        return verdict

    stripped = [
        p if is_debris(p) else strip_prefixes(p)
        for p in (paragraph.strip() for paragraph in paragraphs)
    ]
    kept = _cut_tail([p for p in stripped if p], is_debris)
    return [p for p in kept if not is_debris(p)]
