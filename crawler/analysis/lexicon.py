"""The per-language lexicons, compiled once: the data each claim stage plugs in.

Keys of every language's table (regex fragments, see lexicon_eu.py / lexicon_cjk.py):
facility (nouns naming a facility), countries/cities
(unit nouns of a span), blocked (people, time, money, zones, other units), q_* / qa_*
(qualifiers before / after the number), added_before/added_after (increment markers),
worldwide (a global total), other_org (near-topic networks), here ("in the country": the
country the article is about), recount (verbs that count a set named before: "documented
54"), and for European languages stop/filler/copula/conj/loc/others/range/month/
prefix_block; for CJK the counter_* fragments.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from crawler.analysis.lexicon_cjk import CJK
from crawler.analysis.lexicon_eu import EU

log = logging.getLogger(__name__)

QUALIFIER_KEYS = ("more_than", "at_least", "about", "up_to")
_QUOTE = r"[\"'“”‘’«»「」『』]?"


@dataclass(frozen=True, slots=True)
class Lexicon:
    lang: str
    cjk: bool
    compound: bool
    facility: re.Pattern[str]       # bare, lower-case: search with has_word()
    facility_at: re.Pattern[str]    # match at a position
    countries_at: re.Pattern[str]
    cities_at: re.Pattern[str]
    blocked_at: re.Pattern[str]
    q_before: re.Pattern[str]   # search, anchored at window end; the group name is the qualifier
    q_after: tuple[tuple[re.Pattern[str], str], ...]    # match at a position
    added_before: re.Pattern[str]
    added_after_at: re.Pattern[str]
    worldwide: re.Pattern[str]
    other_org: re.Pattern[str]
    here: re.Pattern[str]       # the country the article is about: "in the country", "自国"
    recount: re.Pattern[str]    # verbs that count what was named before: "documented 54"
    conj: re.Pattern[str]       # "and" / "or": search; ends the place of the count before it
    # European languages only (None for CJK)
    word_at: re.Pattern[str] | None   # one match per word; lastgroup names its class
    stop_at: re.Pattern[str] | None
    filler_at: re.Pattern[str] | None
    loc_at: re.Pattern[str] | None
    others_at: re.Pattern[str] | None  # "two others were in X": members of a known set
    range_at: re.Pattern[str] | None
    month: re.Pattern[str] | None
    prefix_block: re.Pattern[str] | None
    # CJK only
    counter_facility_at: re.Pattern[str] | None
    counter_generic_at: re.Pattern[str] | None


COMPOUNDING = frozenset({"de", "nl"})  # facility nouns end compounds: Auslandspolizeistationen


def has_word(pattern: re.Pattern[str], lowered: str, *, inside: bool = False) -> bool:
    """True when bare ``pattern`` matches lower-cased text at a word start (anywhere when
    ``inside``, for compounding languages)."""
    if inside:
        return pattern.search(lowered) is not None
    for m in pattern.finditer(lowered):
        i = m.start()
        if i == 0 or not lowered[i - 1].isalnum() or lex_cjk_char(lowered[i]):
            return True
    return False


def lex_cjk_char(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3"


def _never() -> re.Pattern[str]:
    return re.compile(r"(?!x)x")


def _word(frag: str, anchor: str = "") -> re.Pattern[str]:
    """A fragment bounded as whole words (case-insensitive)."""
    if not frag:
        return _never()
    return re.compile(rf"{anchor}(?<![\w])(?:{frag})(?![\w])", re.IGNORECASE)


def _plain(frag: str) -> re.Pattern[str]:
    return re.compile(f"(?:{frag})", re.IGNORECASE) if frag else _never()


def _word_classes(lang: str, d: dict[str, str]) -> re.Pattern[str]:
    """The word classes read after a number, by priority: the first that matches wins."""
    prefix = "[\\w-]*?" if lang in COMPOUNDING else ""
    classes = (
        ("facility", prefix + d["facility"]), ("countries", d["countries"]),
        ("cities", d["cities"]), ("blocked", d["blocked"] + "|" + d["month"]),
        ("loc", d["loc"]), ("added", d["added_after"]), ("filler", d["filler"]),
        ("copula", d["copula"]), ("conj", d["conj"]), ("stop", d["stop"]),
    )
    body = "|".join(f"(?P<{name}>{frag})" for name, frag in classes)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


def _build_eu(lang: str, d: dict[str, str]) -> Lexicon:
    groups = "|".join(f"(?P<{k}>{d['q_' + k]})" for k in QUALIFIER_KEYS if d.get("q_" + k))
    q_before = re.compile(rf"(?<![\w])(?:{groups})\s*{_QUOTE}\s*(?:an?\s+)?$", re.IGNORECASE)
    q_after = tuple(
        (re.compile(rf"\s*(?:{d['qa_' + k]})(?![\w])", re.IGNORECASE), k)
        for k in QUALIFIER_KEYS if d.get("qa_" + k)
    )
    # "+" is not a word: let it through without the word bound
    return Lexicon(
        lang=lang, cjk=False, compound=lang in COMPOUNDING,
        facility=re.compile(d["facility"]),
        facility_at=_word(("[\\w-]*?" if lang in COMPOUNDING else "") + d["facility"]),
        countries_at=_word(d["countries"]), cities_at=_word(d["cities"]),
        blocked_at=_word(d["blocked"] + "|" + d["month"]),
        q_before=q_before, q_after=q_after,
        added_before=re.compile(rf"(?<![\w])(?:{d['added_before']})\s*{_QUOTE}\s*$", re.IGNORECASE),
        added_after_at=_word(d["added_after"]),
        worldwide=_word(d["worldwide"]), other_org=_word(d["other_org"]),
        here=_word(d["here"]), recount=_word(d["recount"]),
        conj=_word(d["conj"] + (r"|as\s+well\s+as" if lang == "en" else "")),
        word_at=_word_classes(lang, d),
        stop_at=_word(d["stop"]), filler_at=_word(d["filler"]), loc_at=_word(d["loc"]),
        others_at=_word(d["others"]),
        range_at=re.compile(rf"\s*(?:{d['range']})\s*", re.IGNORECASE),
        month=_word(d["month"]), prefix_block=re.compile(
            rf"(?<![\w])(?:{d['prefix_block']})\s*$", re.IGNORECASE),
        counter_facility_at=None, counter_generic_at=None,
    )


def _build_cjk(lang: str, d: dict[str, str]) -> Lexicon:
    groups = "|".join(f"(?P<{k}>{d['q_' + k]})" for k in QUALIFIER_KEYS if d.get("q_" + k))
    q_before = re.compile(rf"(?:{groups})\s*(?:有|达|達|了|共|共有|에|で)?\s*$")
    q_after = tuple(
        (re.compile(rf"\s*(?:{d['qa_' + k]})"), k)
        for k in QUALIFIER_KEYS if d.get("qa_" + k)
    )
    generic = {"zh": r"个|個|家", "ja": r"つ|個|の", "ko": r"개|의"}[lang]
    return Lexicon(
        lang=lang, cjk=True, compound=False,
        facility=re.compile(d["facility"]), facility_at=_plain(d["facility"]),
        countries_at=_plain(d["counter_countries"]), cities_at=_plain(d["counter_cities"]),
        blocked_at=_plain(d["counter_blocked"]),
        q_before=q_before, q_after=q_after,
        added_before=re.compile(rf"(?:{d['added_before']})[^，。、,\s]{{0,4}}\s*$"),
        added_after_at=_plain(d["added_after"]),
        worldwide=_plain(d["worldwide"]), other_org=_plain(d["other_org"]),
        here=_plain(d["here"]), recount=_plain(d["recount"]),
        conj=re.compile(r"[及和与與과와]|그리고"),
        word_at=None,
        stop_at=None, filler_at=None, loc_at=None, others_at=None, range_at=None, month=None,
        prefix_block=re.compile(r"(?:第|No\.?|№|#)\s*$"),
        counter_facility_at=_plain(d["counter_facility"]),
        counter_generic_at=_plain(generic),
    )


@cache
def lexicon(lang: str) -> Lexicon:
    """The compiled lexicon of ``lang``; English for a language we have no data for."""
    if lang in CJK:
        return _build_cjk(lang, CJK[lang])
    return _build_eu(lang if lang in EU else "en", EU.get(lang, EU["en"]))


LANGS = tuple(EU) + tuple(CJK)
