"""The language packs and their registry: one module per language, one ``PACK`` each.

``pack_for(code)`` is the pack of an ISO 639-1 code, or None when there is none: a
language without a pack is not read for claims (document.py says so in the result),
never read as English. README.md, "Adding a language", says how to add one.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from crawler.analysis.langs import de, en, es, fr, it, ja, ko, nl, pt, zh
from crawler.analysis.langs.pack import LangPack

PACKS: Mapping[str, LangPack] = MappingProxyType(
    {p.code: p for p in (en.PACK, fr.PACK, es.PACK, pt.PACK, de.PACK, it.PACK, nl.PACK,
                         zh.PACK, ja.PACK, ko.PACK)})
# read when a text says too little to tell its language (a few words, no hint)
FALLBACK = PACKS["en"]


def pack_for(code: str | None) -> LangPack | None:
    """The pack of ``code``; the fallback pack for None (language unknown); None for a
    language that has no pack."""
    if code is None:
        return FALLBACK
    return PACKS.get(code)


__all__ = ["FALLBACK", "PACKS", "LangPack", "pack_for"]
