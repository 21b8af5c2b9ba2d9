"""News-like English prose for benchmarks: events, told by several outlets, ~300 words each.

Pseudo-words are too cheap to show what summaries, topics and stories cost on
real text: real sentences have capitalised names, numbers, quotes, clauses and
a vocabulary that repeats across the reports of one event and seldom across
events. This generator writes fictional reports from templates and
vocabularies (nothing here comes from a real article): an :class:`Event` has a
section, a place, people with roles, organisations, key terms and a number;
names and places are made from syllables, so there are thousands of them, as
in a real news week. Each report of an event (:func:`report`) is a different
headline and a different draw of sentences about the same facts, the way
several outlets cover one event. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


def _words(text: str) -> list[str]:
    return text.split()


ONSETS = _words("b br k ch d dr f g gr h j k kl l m n p pr r s st t tr v w z")
VOWELS = _words("a e i o u ai ea io ou")
CODAS = _words("n r l s th nd rt m x ck ll ss nt rd")
SURNAME_ENDS = _words("son sen ski ez ova ini ard man ton well berg ley ford dale")
PLACE_ENDS = _words("ton by ford mouth wick ham field haven bury stead holm vale")
FIRST = _words(
    "Amara Bruno Celia Dmitri Elena Farid Greta Hassan Ines Jonas Kalinda Leo Maren Nikhil"
    " Odile Pavel Quinn Rosa Samir Tilda Umar Vera Wendell Xenia Yusuf Zora Anton Beatrix"
    " Cyrus Delphine Emil Fiona Gideon Hana Ivo Juno Kasimir Lena Matteo Nadia Oskar Petra"
    " Rafael Sabine Tomas Ursula Viktor Wanda Yara Zeno Alma Boris Carla Dario Esme Felix"
    " Aiko Bashir Chiara Dorian Eun Femi Goran Hilde Idris Jana Kofi Liesel Mateus Noor"
)
SECTION_WORDS = {
    "politics": "budget election coalition reform vote bill parliament campaign tax pension"
    " referendum policy debate ballot spending scandal inquiry constituency mandate cabinet"
    " manifesto senate amendment lobbying council",
    "business": "profits shares merger takeover inflation rates exports factory investors"
    " dividend revenue layoffs wages pipeline prices earnings market deal bond tariff"
    " retailer warehouse bankruptcy",
    "sport": "match final league season goal championship transfer injury stadium tournament"
    " victory defeat title penalty fixture squad trophy qualifier record medal referee"
    " sprint marathon relegation",
    "technology": "software app data privacy chip network outage hackers platform algorithm"
    " update users servers encryption startup cloud device battery launch satellite"
    " broadband licence browser",
    "health": "hospital patients vaccine waiting clinic surgery virus outbreak nurses treatment"
    " trial drug symptoms ward diagnosis screening funding care doctors ambulance pharmacy"
    " dementia cancer",
    "science": "research study telescope satellite species fossils climate glacier ocean"
    " experiment samples genome discovery particles orbit probe reef sediment volcano"
    " comet enzyme aquifer",
    "world": "border ceasefire refugees aid talks sanctions troops treaty summit protest flood"
    " earthquake embassy negotiations delegation crisis relief envoy drought militia"
    " hostages corridor",
    "entertainment": "film premiere album concert tour award festival series director cast"
    " novel sequel audience theatre gallery exhibition soundtrack critics ballet"
    " documentary podcast choir",
}
ORG_KINDS = {
    "politics": _words("Assembly Union Alliance Commission Treasury Ministry Party Council"),
    "business": _words("Bank Industries Freight Energy Holdings Motors Foods Airways"),
    "sport": _words("United Athletic Rovers Federation Association Club Academy Wanderers"),
    "technology": _words("Systems Software Robotics Networks Labs Semiconductors Digital"),
    "health": _words("Hospital Trust Institute Clinic Agency Foundation Infirmary"),
    "science": _words("Observatory Institute University Agency Survey Laboratory Museum"),
    "world": _words("Mission Coalition Agency Council Fund Assembly Command"),
    "entertainment": _words("Records Studios Theatre Festival Pictures Opera Gallery"),
}
ROLES = {
    "politics": ["the prime minister", "the opposition leader", "the finance minister",
                 "a senior MP", "the party chair", "the mayor", "a government adviser"],
    "business": ["the chief executive", "the finance director", "an analyst",
                 "the company's founder", "the union's negotiator", "the regulator's chair"],
    "sport": ["the head coach", "the captain", "the club's chairman", "the striker",
              "the team doctor", "the federation's president", "the goalkeeper"],
    "technology": ["the chief technology officer", "a security researcher", "the founder",
                   "the regulator's spokeswoman", "an engineer on the project"],
    "health": ["the chief medical officer", "a consultant surgeon", "the health minister",
               "the hospital's director", "a senior nurse", "an epidemiologist"],
    "science": ["the lead researcher", "a professor of geology", "the mission director",
                "a marine biologist", "the study's co-author", "the observatory's director"],
    "world": ["the foreign minister", "the ambassador", "the aid agency's director",
              "a spokesman for the mission", "the president", "the regional governor"],
    "entertainment": ["the director", "the lead actress", "the festival's artistic director",
                      "the producer", "the singer", "the novelist", "the curator"],
}  # fmt: skip
GENERAL = _words(
    "plan proposal report review decision warning deadline agreement dispute investigation"
    " figures survey meeting statement hearing appeal contract offer request complaint"
    " schedule estimate target shortfall surplus backlog delay increase cut closure opening"
    " shortage demand supply rise fall recovery pressure concern criticism support praise"
    " question answer promise pledge strategy timetable framework scheme project programme"
)
DAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = _words("January February March April May June July August September October")
VERBS = _words(
    "announced confirmed rejected approved delayed criticised defended unveiled warned"
    " promised questioned welcomed postponed launched opposed backed revealed scrapped"
    " extended reviewed suspended challenged endorsed published"
)
ADJECTIVES = _words(
    "sharp sudden long-awaited controversial modest unexpected bitter cautious record"
    " fragile ambitious costly historic narrow rapid quiet tense welcome overdue detailed"
)
HEADLINES = [
    "{Place} {term} {verb} after {adj} {general}",
    "{Person} {verb} {term} {general} in {place}",
    "{Org} {verb} {term} as {term2} row grows",
    "{Adj} {term} in {place} leaves {term2} in doubt",
    "{Number} people hit as {org} {verb} {term}",
    "Why the {term} {general} in {place} matters",
    "{Person}: '{quote_short}'",
    "{Org} and {org2} clash over {term}",
    "{Place} waits for {term} {general}",
    "{Term} {general}: what we know so far",
]
LEADS = [
    "{Org} {verb} a {adj} {term} {general} on {day}, {person}, {role}, said in {place}.",
    "{Person}, {role}, {verb} the {term} {general} in {place} on {day}, calling it {adj}.",
    "A {adj} {term} {general} was {verb} in {place} on {day}, {org} said.",
    "Officials in {place} {verb} the {term} on {day} after weeks of talks about the {term2}.",
    "The {term} {general} for {place} was {verb} on {day}, leaving {org} facing questions.",
]
SENTENCES = [
    "The decision affects about {number} people across {place} and the surrounding area.",
    "{Person} told reporters that the {term} had been {verb} {because}.",
    '"We {quote_verb} this {term} because the {term2} cannot wait," said {person}.',
    '"This is a {adj} moment for {place}," {person}, {role}, said on {day}.',
    "Critics said the {term} {general} would cost {money} and do little for the {term2}.",
    "{Org} said it expected the {term2} to rise by {percent} per cent by the end of the year.",
    "The {term} follows a {adj} {general} last {month}, when {org} {verb} a similar plan.",
    "Talks between {org} and {org2} are due to resume on {day}.",
    "{Person} has led {org} since {year} and has faced questions over the {term}.",
    "Residents of {place} gathered outside the town hall on {day} to protest about the {term}.",
    "According to figures published by {org}, the {term2} fell by {percent} per cent.",
    "The {term} is the first of its kind in {country} since {year}.",
    "{Person2}, {role2}, said the {term} was {adj} but {adj2}.",
    "It is not yet clear how the {term} will be paid for, or when the {general} will begin.",
    "{Org2} declined to comment on the {term}, saying only that it was studying the details.",
    "Earlier this week {person2} warned that the {term2} could be {verb} again.",
    "Some {number2} cases were reported in {place} in {month}, up from {small} hundred.",
    "The {general} must still be approved by {org2}, which meets again on {day}.",
    "Observers in {country} described the mood as {adj}, after a {adj2} week for {org}.",
    '{Person} said: "There is no easy answer, but the {term} gives {place} a chance."',
    "Under the proposals, the {term2} would be reviewed every {small} months.",
    "A spokeswoman for {org} said the {term} {general} had been planned for over a year.",
    "The {term2} has divided opinion in {place}, where many families depend on it.",
    "Analysts said the {adj} {term} could shape the {term2} for a decade.",
    "In {year}, a similar {general} in {place2} ended with {org2} paying {money}.",
    "Opposition figures in {country} called for an inquiry into the {term} {general}.",
    "{Person2} said the {term2} had been {verb} twice before, most recently in {month}.",
    "The {term} was first proposed by {org2} in {year}, but stalled after a {adj} {general}.",
    "Campaigners in {place} said they would keep up the pressure until the {term} was {verb}.",
    "{Org} has set aside {money} for the {term2}, its accounts show.",
    "Local businesses in {place2} said the {term} {general} had already cost them customers.",
    "The {term2} will be discussed at a meeting in {place2} on {day}.",
    "{Person} is expected to set out a {adj} {general} in a speech next {month}.",
    '"Nobody in {place} wanted this," said {person2}, who has followed the {term} closely.',
    "Figures from {org2} suggest the {term2} has grown by {percent} per cent since {year}.",
    "A vote on the {term} {general} is expected before the end of {month}.",
]
BECAUSE = [
    "because of rising costs",
    "after pressure from {org2}",
    "to protect the {term2}",
    "following a review by {org2}",
    "in response to complaints from {place}",
    "after a {adj} {general} in {place2}",
]
QUOTE_VERBS = _words("support oppose welcome regret accept question")
SECTIONS = tuple(SECTION_WORDS)


def _name(rng: random.Random, ends: list[str]) -> str:
    syllables = "".join(
        rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.randint(1, 2))
    ) + rng.choice(CODAS)
    return (syllables + rng.choice(ends)).capitalize()


@dataclass(frozen=True)
class Event:
    """What several reports tell: section, places, people, organisations, key terms."""

    section: str
    places: tuple[str, str]
    country: str
    people: tuple[tuple[str, str], ...]
    orgs: tuple[str, str]
    terms: tuple[str, ...]
    number: int


def make_event(rng: random.Random) -> Event:
    """A fictional event."""
    section = rng.choice(SECTIONS)
    people = tuple(
        (f"{rng.choice(FIRST)} {_name(rng, SURNAME_ENDS)}", rng.choice(ROLES[section]))
        for _ in range(3)
    )
    kinds = rng.sample(ORG_KINDS[section], 2)
    orgs = (f"{_name(rng, ['', 'a', 'on'])} {kinds[0]}", f"the {_name(rng, [''])} {kinds[1]}")
    return Event(
        section,
        (_name(rng, PLACE_ENDS), _name(rng, PLACE_ENDS)),
        _name(rng, ["ia", "ova", "land", "stan", "ria"]),
        people,
        orgs,
        tuple(rng.sample(_words(SECTION_WORDS[section]), 4)),
        rng.randint(120, 98_000),
    )


def _fill(template: str, event: Event, rng: random.Random) -> str:
    person, role = event.people[0]
    person2, role2 = rng.choice(event.people[1:])
    values = {
        "person": person,
        "role": role,
        "person2": person2,
        "role2": role2,
        "place": event.places[0],
        "place2": event.places[1],
        "country": event.country,
        "org": event.orgs[0],
        "org2": event.orgs[1],
        "term": event.terms[0] if rng.random() < 0.6 else rng.choice(event.terms),
        "term2": rng.choice(event.terms[1:]),
        "general": rng.choice(GENERAL),
        "verb": rng.choice(VERBS),
        "adj": rng.choice(ADJECTIVES),
        "adj2": rng.choice(ADJECTIVES),
        "day": rng.choice(DAYS),
        "month": rng.choice(MONTHS),
        "year": str(rng.randint(1998, 2023)),
        "number": f"{event.number:,}",
        "number2": f"{rng.randint(50, 9000):,}",
        "small": str(rng.randint(2, 18)),
        "percent": f"{rng.randint(1, 40)}.{rng.randint(0, 9)}",
        "money": f"\u00a3{rng.randint(2, 900)}m",
        "quote_verb": rng.choice(QUOTE_VERBS),
        "quote_short": f"the {event.terms[0]} is {rng.choice(ADJECTIVES)}",
    }
    values["because"] = rng.choice(BECAUSE).format(**values)
    upper = {key.capitalize(): value[:1].upper() + value[1:] for key, value in values.items()}
    return template.format(**values, **upper)


def report(event: Event, rng: random.Random, sentences: int = 21) -> tuple[str, list[str]]:
    """(headline, paragraphs) of one outlet's report: about 300 words in 5-8 paragraphs."""
    headline = _fill(rng.choice(HEADLINES), event, rng)
    body = [_fill(rng.choice(LEADS), event, rng)]
    body += [_fill(template, event, rng) for template in rng.sample(SENTENCES, sentences - 1)]
    paragraphs: list[str] = []
    index = 0
    while index < len(body):
        size = 1 if index == 0 else rng.randint(2, 4)
        paragraphs.append(" ".join(body[index : index + size]))
        index += size
    return headline, paragraphs


def reports(count: int, per_event: int = 4, seed: int = 7) -> list[tuple[str, list[str], int]]:
    """``count`` reports, ``per_event`` of each event, mixed: (headline, paragraphs, event)."""
    rng = random.Random(seed)
    events = [make_event(rng) for _ in range(max(1, count // per_event + 1))]
    made = [
        (*report(events[n // per_event], random.Random(seed * 1_000_003 + n)), n // per_event)
        for n in range(count)
    ]
    rng.shuffle(made)
    return made


def article_text(rng: random.Random) -> list[str]:
    """The paragraphs of one report of a new event (for benches that want one text)."""
    return report(make_event(rng), rng)[1]
