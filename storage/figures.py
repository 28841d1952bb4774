"""Facility-count figures in words: ``more than 102 overseas police stations in 53 countries``.

Shared by the alert subject (written when an alert is raised) and the
renderers, so that the email, the Slack post and ``alerts list`` say the
same thing. Counts are always written as digits.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from babel import Locale

QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least",
    "more_than": "more than",
    "about": "about",
    "up_to": "up to",
}
NOUN = "overseas police station"


@lru_cache(maxsize=1)
def _territories() -> Mapping[str, str]:
    return Locale("en").territories


def place_name(code: str | None) -> str:
    """English name of an ISO 3166-1 alpha-2 code; ``None`` is ``worldwide``."""
    if code is None:
        return "worldwide"
    return _territories().get(code.upper(), code.upper())


def describe(claim: Mapping[str, Any]) -> str:
    """One figure as a phrase, the count as digits."""
    count = int(claim["count"])
    words = [QUALIFIER_WORDS.get(str(claim.get("qualifier") or "exact"), ""), str(count)]
    if claim.get("added"):
        words.append("additional")
    words.append(NOUN if count == 1 else NOUN + "s")
    spans = []
    if claim.get("cities"):
        spans.append(f"{claim['cities']} cities")
    if claim.get("countries"):
        spans.append(f"{claim['countries']} countries")
    place, city = claim.get("place"), claim.get("city")
    if city:
        words.append(f"in {city}" + (f", {place_name(place)}" if place else ""))
    elif place:
        if spans:
            words.append("in " + " of ".join(spans))
        words.append(f"in {place_name(place)}")
    elif spans:
        words.append("in " + " of ".join(spans))
    return " ".join(w for w in words if w)


def previous(claim: Mapping[str, Any]) -> str:
    """What the figure beats: ``previous highest worldwide total: 54`` or ``first figure for Italy``."""
    beats = claim.get("beats")
    place = claim.get("place")
    if place is None:
        return "first worldwide figure" if beats is None else f"previous highest worldwide total: {beats}"
    where = place_name(place)
    if beats is None:
        return f"first figure for {where}"
    return f"previous highest total for {where}: {beats}"
