"""Sub-national regions (Länder, régions, comunidades autónomas, provinces, states...) of
the countries this story plays out in, by name in every language of the packs, each to
its country: "Île-de-France", "Thüringen", "Lombardia", "Cataluña", "魁北克省" → FR, DE,
IT, ES, CA. Read from pycountry's ISO 3166-2 data and its translations (iso-codes'
gettext catalogues), first-level subdivisions only.

Only the countries where stations were reported (STORY_HOSTS) are read: first-level
names of the whole world include many that are also plain words ("Nord", "Centre",
"Acre", "Mono") and would place counts in the wrong country.
"""

from __future__ import annotations

import gettext
import logging
import re
from collections.abc import Iterable, Iterator

log = logging.getLogger(__name__)

# Host countries of the reports (DOMAIN.md); also the tie-break for city names shared by
# several countries (modifiers.disambiguate)
STORY_HOSTS = frozenset("IT ES FR DE NL GB IE PT CZ HU RS AT BE CH SE GR HR RO SK SI PL CA US "
                        "JP KR AU NZ BR AR CL EC".split())
_MIN_LENGTH = 4      # Latin names
_MIN_CJK_LENGTH = 3  # CJK names are matched inside running text: two characters are a word
# kinds left out: small units (Slovenia's 212 municipalities) and overseas territories
# (their own ISO countries, or islands far from the country's press)
_SKIP_TYPES = re.compile(r"municipality|county rights|overseas|dependency|outlying|island", re.I)
_BRACKETS = re.compile(r"^(?P<a>[^\[]+?)\s*\[(?P<b>[^\]]+)\]$")   # "Catalunya [Cataluña]"
_INVERTED = re.compile(r"^(?P<name>[^,]+),\s*(?P<head>[^,]+)$")   # "Madrid, Comunidad de"


def _forms(name: str) -> list[str]:
    """The names a catalogue entry stands for."""
    if ";" in name:  # "Jeju-do; Jeju Eiland"
        return [form for part in name.split(";") for form in _forms(part.strip())]
    m = _BRACKETS.match(name)
    if m:
        return [*_forms(m.group("a")), *_forms(m.group("b"))]
    m = _INVERTED.match(name)
    if m:
        head = m.group("head")
        space = "" if head.endswith(("'", "’")) else " "
        joined = f"{head}{space}{m.group('name')}"
        return [joined, m.group("name")] if head[:1].isupper() else [joined]
    return [name]


def _catalogue(locale: str) -> gettext.NullTranslations:
    import pycountry

    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[locale])
    except OSError:
        log.warning("no iso3166-2 names for locale %r", locale)
        return gettext.NullTranslations()


def subdivision_names(locales: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(name, ISO alpha-2 country) of the first-level subdivisions of STORY_HOSTS, in
    their own names and in each of ``locales`` (iso-codes locale names: "de", "zh_CN")."""
    import pycountry

    catalogues = [_catalogue(loc) for loc in dict.fromkeys(locales)]
    seen: set[tuple[str, str]] = set()
    for sub in pycountry.subdivisions:
        if (sub.parent_code is not None or sub.country_code not in STORY_HOSTS
                or _SKIP_TYPES.search(sub.type)):
            continue
        names = {sub.name, *(c.gettext(sub.name) for c in catalogues)}
        for raw in names:
            for name in _forms(raw):
                key = (name, sub.country_code)
                cjk = bool(_CJK.search(name))
                if (key in seen or any(ch.isdigit() for ch in name)
                        or len(name) < (_MIN_CJK_LENGTH if cjk else _MIN_LENGTH)
                        or not (cjk or name[:1].isupper())):
                    continue
                seen.add(key)
                yield key


_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")
