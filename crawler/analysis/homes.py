"""The countries whose own press writes in a language: where its local news happens.

A count of police stations in one of them, in that language, may be local news (a
Brazilian paper on its delegacias, a British one on its stations); in another country it
is news from abroad. The countries come from CLDR (babel's territory language data):
those where the language is official, or official in fact, and spoken by at least
``SHARE`` of the people; the pack's ``home`` is always one of them.
"""

from __future__ import annotations

from functools import lru_cache

from crawler.analysis.langs.pack import LangPack

SHARE = 30.0  # per cent of a territory's people


@lru_cache(maxsize=32)
def _official(code: str) -> frozenset[str]:
    from babel import Locale
    from babel.languages import get_territory_language_info

    out: set[str] = set()
    for territory in Locale("en").territories:
        if not isinstance(territory, str) or len(territory) != 2 or not territory.isalpha():
            continue  # regions ("150"), not countries
        for lang, info in get_territory_language_info(territory).items():
            if (lang.split("_")[0] == code
                    and info.get("official_status") in ("official", "de_facto_official")
                    and float(info.get("population_percent") or 0.0) >= SHARE):
                out.add(territory)
    return frozenset(out)


def home_countries(pack: LangPack | None) -> frozenset[str]:
    """ISO alpha-2 codes of the countries whose press writes in ``pack``'s language."""
    if pack is None:
        return frozenset()
    homes = _official(pack.code)
    return homes | {pack.home} if pack.home else homes
