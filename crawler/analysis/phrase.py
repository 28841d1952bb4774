"""Stage 2: what does a number count? Facility, countries, cities, or something else.

For a number found in a sentence, read the words after it (within its clause) the way
the language builds a noun phrase: European languages put adjectives and quotes between
number and noun ("48 additional 'Overseas 110 Service Stations'"); CJK languages put a
counter after the number (102个, 53개국, 2カ所). The answer is a Counted, or None when the
number counts people, time, money, zones, or is a year, date, ordinal, phone or
emergency number.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from crawler.analysis.lexicon import Lexicon
from crawler.analysis.lexicon_eu import FROM_BEFORE, FROM_LOOSE, SINGLE
from crawler.analysis.numbers import Number

log = logging.getLogger(__name__)

_MAX_WORDS = 7
_QUOTES = "\"'“”‘’«»「」『』 \u00a0"
_EMERGENCY = re.compile(
    r"emergency|hotline|dial|notruf|urgence|emergencia|emergenza|alarmnummer|noodnummer|"
    r"emergência|报警|報警|电话|電話|紧急|緊急|긴급|신고|번호|通報|番号|急救",
    re.IGNORECASE,
)
_OVERSEAS_NAME = re.compile(
    r"overseas|海外|해외|oltremare|ultramar|outre-mer|übersee|overzee|d'outre", re.IGNORECASE
)
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th|º|ª|er|ème|e|ste|te|de|ten)(?![\w])|\.\s*[a-zäöü]")
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥₩]|US\$|HK\$|RMB|CNY|USD|EUR)\s*$")
_OF_WORD = re.compile(r"\s*(?:of|des|d'entre|de|del|der|dei|degli|delle|dos|das|van|von)\b",
                      re.IGNORECASE)
_WORD = re.compile(r"[\w-]+")
_COMPARATIVE = re.compile(r"than|do\s+que|que|als|dan|rispetto", re.IGNORECASE)
_CJK_LOCATED = re.compile(r"\s*(?:位于|位於|设在|設在|设于|設於|分布在|分布於|在|は|が|に)")
_CJK_TO = re.compile(r"\s*(?:으로|로|까지|に|至|到)")
_DEFINITE_BEFORE = re.compile(r"(?<![\w])(?:the|las|los|les|le|la|die|den|der|gli|i|le|de|het|as|os)\s+$",
                              re.IGNORECASE)
_OF_REPORT = re.compile(r"\s*(?:of\s+the|del|de\s+la|du|dello|della|des|van\s+het|van\s+de|do|da)\s+"
                        r"(?:\w+\s+)?(?:report|informe|rapport|rapporto|relatório|bericht|lista|list)",
                        re.IGNORECASE)
_RELATIVE_AFTER = re.compile(r"\s*(?:that|which|que|qui|che|die|dat|welche)\b", re.IGNORECASE)
_TIME_AFTER = re.compile(r"[hH]\d\d")
_DATE_AFTER = re.compile(r"\.?\s*(?:de\s+)?")
_SINGLE_AFTER = re.compile(rf"\s*(?:{SINGLE})\b", re.IGNORECASE)
_SINGLE_BEFORE = re.compile(rf"\b(?:{SINGLE})\s+$", re.IGNORECASE)
# "up from 54", "von 54 ausgegangen": an earlier figure of the same count
EARLIER_FIGURE = re.compile(rf"(?<![\w])(?:{FROM_BEFORE}|{FROM_LOOSE})\s+$", re.IGNORECASE)
# "Lu Jianwang, 63," / "Lu (63)" / "a 63-year-old": ages
_ONE_OF = re.compile(
    r"(?<![\w])(?:one|l['’]une?|uno|una|eine[rs]?|een|um|uma)\s+"
    r"(?:of|des|d['’]entre|de|dei|delle|degli|von|van|dos|das)\s+(?:[^\W\d_]+\s+){0,3}$",
    re.IGNORECASE,
)
# "aged 61", "aged 61 and 59", "âgés de 45", "im Alter von 50": ages
_AGED_BEFORE = re.compile(
    r"(?<![\w])(?:aged|âgée?s?\s+de|im\s+alter\s+von|di\s+età|de\s+edad|com\s+idade\s+de|"
    r"in\s+de\s+leeftijd\s+van)\s+(?:\d+\s*(?:,|and|et|y|e|und|en)\s*)*$",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(r"[A-ZÀ-Þ][\w'’-]+\s*(?:,|\()\s*$")
_AGE_AFTER = re.compile(r"\s*[,)]|-(?:year|jährig|jarig|anni|años|ans)", re.IGNORECASE)
_AGE = re.compile(
    r"\s?-?\s?(?:years?[- ]old|yr[- ]old|-?jährig|-?jarig|enne\b|ans\b|años\b|anos\b|"
    r"anni\b|jaar\s+oud|jahre\s+alt|(?:歳|岁|歲|세|살)(?:の|의|的)?)",
    re.IGNORECASE,
)
_CJK_PUNCT = "，。、；：！？,.;:!?（）()「」『』\"“”"
_PARTICLE = re.compile(r"\s*(?:的|の|의|은|는|이|가|을|를|에|が|を|は|も|で|에서|으로|로)?\s*")


@dataclass(frozen=True, slots=True)
class Counted:
    kind: str            # facility | elliptic | countries | cities
    noun_end: int        # end offset of the counted phrase in the sentence
    qualifier: str | None
    added: bool
    skip_next: bool = False  # the number after this one is the top of a range


@cache
def _earlier(lang: str, article: bool) -> re.Pattern[str]:
    """An earlier figure right before a number, a qualifier allowed between ("up from
    more than 50", "von bis zu vier"); a loose "von"/"van" not before an article."""
    from crawler.analysis.lexicon_eu import EU

    d = EU.get(lang, EU["en"])
    quals = "|".join(d[k] for k in ("q_more_than", "q_at_least", "q_about", "q_up_to") if d.get(k))
    words = FROM_BEFORE if article else f"{FROM_BEFORE}|{FROM_LOOSE}"
    return re.compile(rf"(?<![\w])(?:{words})\s+(?:(?:{quals})\s+)?$", re.IGNORECASE)


@cache
def _month_end(lang: str) -> re.Pattern[str]:
    from crawler.analysis.lexicon import lexicon

    month = lexicon(lang).month
    return re.compile(rf"(?:{month.pattern if month else '(?!x)x'})\s*$", re.IGNORECASE)


OTHER = Counted("other", 0, None, False)  # counts something else: people, time, money...


def is_special(s: str, n: Number, lex: Lexicon) -> bool:
    """Years, dates, ordinals, money, percentages, phone and emergency numbers."""
    before = s[max(0, n.start - 25):n.start]
    after = s[n.end:n.end + 12]
    if n.kind == "digits":
        if 1900 <= n.value <= 2100 and not lex.cjk:
            return True
        if after[:1] in ("/", ":", "%", "％", "-") and after[1:2].isdigit():
            return True
        if after[:1] in ("%", "％") or after.lstrip()[:1] in ("%", "％"):
            return True
        if before[-1:] in ("/", ":", "#", "+", "-") or before[-1:].isdigit():
            return True
        if (before[-1:] in ("h", "H") and before[-2:-1].isdigit()) or _TIME_AFTER.match(after):
            return True  # 10h15
        if not lex.cjk and _ORDINAL_AFTER.match(after):
            return True
        if lex.month is not None and (m := _DATE_AFTER.match(after)) and lex.month.match(after, m.end()):
            return True  # "5. Dezember", "4 December"
    if _CURRENCY_BEFORE.search(before):
        return True
    if n.kind == "digits" and _AGE_BEFORE.search(before) and _AGE_AFTER.match(after):
        return True
    if _AGE.match(s, n.end) or _AGED_BEFORE.search(s, max(0, n.start - 40), n.start):
        return True  # "a 61-year-old", "61-jährigen", "sessantenne", "61岁", "61세"
    if lex.prefix_block is not None and (m := lex.prefix_block.search(before)):
        # "Top 10" is page chrome; "stations abroad top 100" is a verb of exceeding
        word = m.group().strip()
        if not (word == "top" and m.start() > 0 and before[:m.start()].strip()):
            return True
    if (lex.lang == "en" and n.kind == "digits" and n.value <= 31
            and _month_end(lex.lang).search(before)):
        return True  # "December 4" (elsewhere the day comes first: "4 décembre", "im November zwei")
    if n.value in (110, 112):
        around = s[max(0, n.start - 15):n.end + 15]
        if _EMERGENCY.search(s) or _OVERSEAS_NAME.search(around):
            return True
        if before[-1:] in _QUOTES[:-2] or after[:1] in _QUOTES[:-2]:
            return True
    return False


def classify(s: str, n: Number, nxt: Number | None, lex: Lexicon, clause_end: int) -> Counted | None:
    if is_special(s, n, lex):
        return None
    if lex.cjk:
        return _classify_cjk(s, n, lex, clause_end)
    return _classify_eu(s, n, nxt, lex, clause_end)


def _qualifier_after(text: str, pos: int, lex: Lexicon) -> tuple[str | None, int]:
    for pat, qual in lex.q_after:
        m = pat.match(text, pos)
        if m:
            return qual, m.end()
    return None, pos


def _said_single(s: str, n: Number, lex: Lexicon) -> bool:
    """An article that counts: "au moins une", "eine einzige", "apenas uma", "un seul"."""
    before = s[max(0, n.start - 30):n.start]
    return bool(_SINGLE_AFTER.match(s, n.end) or _SINGLE_BEFORE.search(before)
                or lex.q_before.search(before))


def _classify_eu(s: str, n: Number, nxt: Number | None, lex: Lexicon, end: int) -> Counted | None:
    assert lex.range_at is not None
    pos = n.end
    qual, pos = _qualifier_after(s, pos, lex)
    skip_next = False
    rng = lex.range_at.match(s, pos)
    if nxt is not None and rng and rng.end() == nxt.start and nxt.start < end:
        # "three to four stations": read the phrase after the upper bound, keep the lower
        pos, skip_next = nxt.end, True
        qual = qual or "at_least"
    if n.value == 1 and _OF_WORD.match(s, pos) and not lex.filler_at.match(s, pos + 1 if s[pos:pos + 1] == " " else pos):
        return OTHER  # "one of the stations" names a member; "one of them in Tokyo" counts
    from_before = bool(_earlier(lex.lang, n.kind == "article").search(s, max(0, n.start - 40),
                                                                       n.start))
    if _DEFINITE_BEFORE.search(s[max(0, n.start - 8):n.start]) and (
            _RELATIVE_AFTER.match(s, pos) or _OF_REPORT.match(s, pos)):
        # "las 54 que ya había identificado", "the 54 that it named": the known set
        return Counted("elliptic", n.end, qual, False, skip_next)
    # "one of three feared to be in Britain": the count is of what "one" names
    member_of = bool(_ONE_OF.search(s, max(0, n.start - 45), n.start))
    added = False
    others_at = 0  # where an "other(s)" word made the count an increment
    only_fillers = True
    after_copula = False  # "11 are in Italy": after the verb only a place may follow
    words = 0
    word_at = lex.word_at
    assert word_at is not None
    while words < _MAX_WORDS:
        while pos < end and s[pos] in _QUOTES:
            pos += 1
        if pos >= end:
            break
        if nxt is not None and not skip_next and pos >= nxt.start and n.kind != "article":
            # "eleven of the more than 100 stations": the noun is the next number's; this
            # one counts a part of them
            return Counted("elliptic", n.end, qual, added, skip_next)
        ch = s[pos]
        if not (ch.isalnum() or ch in "-#"):
            break  # punctuation closes the phrase
        m = word_at.match(s, pos)
        kind = m.lastgroup if m else None
        if after_copula and kind not in ("loc", "filler"):
            return OTHER  # "two were arrested at the station": the verb ended the phrase
        if m is None or (kind == "loc" and not only_fillers):
            w = _WORD.match(s, pos)
            if not w:
                break
            if not w.group().isdigit():
                only_fillers = False
                words += 1
            pos = w.end()
            continue
        if kind == "facility":
            after = lex.added_after_at.match(s, m.end() + 1) if m.end() < end else None
            if n.kind == "article" and qual is None and not _said_single(s, n, lex):
                return OTHER  # "una comisaría" is "a station", not a count of one
            return Counted("facility", m.end(), qual, added or bool(after), skip_next)
        if kind in ("countries", "cities"):
            if not only_fillers:
                return OTHER
            return Counted(kind, m.end(), qual, False, skip_next)
        if kind == "copula":
            if not only_fillers:
                return OTHER
            if added and others_at and _loc_after(s, m.end(), lex):
                # "two others were in Barcelona": the rest of a known set, placed
                return Counted("elliptic", n.end, qual, False, skip_next)
            if added:  # "48 more were identified"
                return Counted("elliptic", n.end, qual, True, skip_next)
            after_copula = True
        if kind == "conj" and only_fillers:
            # "Spain with nine and France with four": the count stands alone
            return Counted("elliptic", n.end, qual, added, skip_next)
        if kind == "blocked":
            if from_before and not only_fillers:  # "up from the 54 it reported last September"
                return Counted("elliptic", n.end, qual, added, skip_next)
            return OTHER
        if kind in ("stop", "conj"):
            # "48 more were identified": an increment may stand for its noun
            if added and only_fillers:
                return Counted("elliptic", n.end, qual, True, skip_next)
            return Counted("elliptic", n.end, qual, False, skip_next) if member_of else OTHER
        if kind == "loc":
            return Counted("elliptic", n.end, qual, added, skip_next)
        if kind == "added" and only_fillers:  # "48 more", not "11 of the more than 100"
            added = True
            if lex.others_at is not None and lex.others_at.match(s, m.start()):
                others_at = m.start()
        if kind == "filler" and only_fillers and _COMPARATIVE.fullmatch(m.group()):
            # "mais 48 do que as 54", "48 more than the 54": compared with another figure
            return Counted("elliptic", n.end, qual, added, skip_next)
        pos = m.end()  # added or filler words: read on
    if n.kind == "article" and not from_before:
        return OTHER  # a bare "ein" / "un" closing a clause is a particle or a pronoun
    if (only_fillers and words == 0) or from_before or member_of:
        return Counted("elliptic", n.end, qual, added, skip_next)
    return OTHER


def _loc_after(s: str, pos: int, lex: Lexicon) -> bool:
    while pos < len(s) and s[pos] == " ":
        pos += 1
    return lex.loc_at is not None and lex.loc_at.match(s, pos) is not None


def _classify_cjk(s: str, n: Number, lex: Lexicon, end: int) -> Counted | None:
    assert lex.counter_facility_at and lex.counter_generic_at
    pos = n.end
    while pos < end and s[pos] == " ":
        pos += 1
    qual, pos = _qualifier_after(s, pos, lex)
    if m := lex.countries_at.match(s, pos):
        return Counted("countries", m.end(), qual, False)
    if m := lex.cities_at.match(s, pos):
        return Counted("cities", m.end(), qual, False)
    if lex.blocked_at.match(s, pos):
        return OTHER
    site_counter = generic = False
    if m := lex.counter_facility_at.match(s, pos):
        site_counter, pos = True, m.end()
    elif m := lex.counter_generic_at.match(s, pos):
        generic, pos = True, m.end()
        if m2 := lex.countries_at.match(s, pos):  # "53개 국가"
            return Counted("countries", m2.end(), qual, False)
        if m2 := lex.cities_at.match(s, pos):
            return Counted("cities", m2.end(), qual, False)
    q2, pos = _qualifier_after(s, pos, lex)
    qual = qual or q2
    if lex.lang in ("zh", "ja") and pos < end and s[pos].isspace() and (site_counter or generic):
        # headline: "已达102个 分布在…" - a space ends the phrase after the counter
        return Counted("elliptic", pos, qual, False)
    tail_end = pos
    while tail_end < end and tail_end - pos < 14 and s[tail_end] not in _CJK_PUNCT:
        tail_end += 1
    tail = s[pos:tail_end]
    # "102곳으로 늘었다" rose *to* 102: a total, not an increment
    added = bool(lex.added_after_at.search(tail[:8])) and not _CJK_TO.match(tail)
    if (site_counter or generic) and _CJK_LOCATED.match(tail):
        return Counted("elliptic", pos, qual, added)  # 其中三个位于马德里
    lead = _PARTICLE.match(s, pos)
    lead_end = lead.end() if lead else pos
    if lex.blocked_at.match(s, lead_end) and not lex.facility_at.match(s, lead_end):
        return OTHER
    fac = lex.facility.search(tail)
    if n.value == 1 and n.kind in ("cjk", "ko") and not (fac and fac.start() <= 2):
        # 一家中餐馆 / 한 곳의 식당 / 一つの店: "a restaurant", unless the facility follows
        t = tail.strip()
        noun_follows = t.startswith(("의", "の")) if lex.lang in ("ko", "ja") else bool(t)
        if noun_follows:
            return OTHER
    if fac and (site_counter or generic or fac.start() <= 2):
        return Counted("facility", pos + fac.end(), qual, added)
    if site_counter:
        return Counted("elliptic", pos, qual, added)
    if generic and (lead_end >= tail_end or not tail.strip()):
        return Counted("elliptic", pos, qual, added)
    if generic and len(tail) <= 3:
        return Counted("elliptic", pos, qual, added)
    return OTHER
