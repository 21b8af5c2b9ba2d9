"""Article pages for the sync tests: a web page whose text is longer than a teaser."""

from __future__ import annotations

PARAGRAPHS = [
    "The ferry company said on Monday that the evening crossing to the island would"
    " run again from March, after two winters in which the route was left unserved.",
    "Islanders had collected more than six hundred letters asking for the late boat,"
    " which nurses and fishermen relied on to get home after the last shift ended.",
    "The company will lease a second vessel from a northern operator for three years"
    " while its own boat is refitted with engines that burn less than half the fuel.",
    "Council members welcomed the news but warned that the harbour ramp still floods"
    " at the highest spring tides, stranding cars on the quay for hours at a time.",
    "A timetable will be published next month, and the company promised that fares"
    " for island residents would stay at last year's price until the end of summer.",
]


def article_page(name: str, number: int) -> str:
    """An HTML article page with navigation and a footer around five paragraphs."""
    body = "".join(f"<p>{p} ({name} {number}.)</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html><head><title>{name} {number}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/island'>Island</a></nav>"
        f"<article><h1>{name} {number}</h1>{body}</article>"
        "<footer>Island Courier, all rights reserved.</footer></body></html>"
    )
