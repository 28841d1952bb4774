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

from crawler.analysis.lexicon import Lexicon
from crawler.analysis.numbers import Number

log = logging.getLogger(__name__)

_MAX_WORDS = 7
_QUOTES = "\"'“”‘’«»「」『』 \u00a0"
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥₩]|US\$|HK\$|RMB|CNY|USD|EUR)\s*$")
_WORD = re.compile(r"[\w-]+")
_TIME_AFTER = re.compile(r"[hH]\d\d")
# "Lu Jianwang, 63," / "Lu (63)": an age after a name
_AGE_BEFORE = re.compile(r"[A-ZÀ-Þ][\w'’-]+\s*(?:,|\()\s*$")
_PARTITIVE_GAP = re.compile(r"\s*(?:[^\W\d_]+['’]?\s*){1,4}$")  # "of the", "de ces", "van de"
_CJK_PUNCT = "，。、；：！？,.;:!?（）()「」『』\"“”"


@dataclass(frozen=True, slots=True)
class Counted:
    kind: str            # facility | elliptic | countries | cities | indefinite | other
    noun_end: int        # end offset of the counted phrase in the sentence
    qualifier: str | None
    added: bool
    skip_next: bool = False  # the number after this one is the top of a range
    part_of_next: bool = False  # "eleven of the 102 sites": a part of the next count


OTHER = Counted("other", 0, None, False)  # counts something else: people, time, money...


def is_special(s: str, n: Number, lex: Lexicon) -> bool:
    """Years, dates, ordinals, money, percentages, phone and emergency numbers."""
    before = s[max(0, n.start - 25):n.start]
    after = s[n.end:n.end + 12]
    if n.kind == "digits":
        if 1900 <= n.value <= 2100 and not lex.counters:
            return True
        if after[:1] in ("/", ":", "%", "％", "-") and after[1:2].isdigit():
            return True
        if after[:1] in ("%", "％") or after.lstrip()[:1] in ("%", "％"):
            return True
        if before[-1:] in ("/", "#", "+", "-") or before[-1:].isdigit() or (
                before[-1:] == ":" and before[-2:-1].isdigit()):  # 10:30, not "Spain: 9"
            return True
        if (before[-1:] in ("h", "H") and before[-2:-1].isdigit()) or _TIME_AFTER.match(after):
            return True  # 10h15
        if lex.ordinal_after.match(after):
            return True
        if (m := lex.date_after.match(after)) and lex.month.match(after, m.end()):
            return True  # "5. Dezember", "4 December"
    if _CURRENCY_BEFORE.search(before):
        return True
    if n.kind == "digits" and _AGE_BEFORE.search(before) and lex.age_after.match(after):
        return True
    if lex.age.match(s, n.end) or lex.aged_before.search(s, max(0, n.start - 40), n.start):
        return True  # "a 61-year-old", "61-jährigen", "sessantenne", "61岁", "61세"
    if m := lex.prefix_block.search(before):
        # "Top 10" is page chrome; "stations abroad top 100" is a verb of exceeding
        word = m.group().strip()
        if not (word == "top" and m.start() > 0 and before[:m.start()].strip()):
            return True
    if (lex.pack.month_day and n.kind == "digits" and n.value <= 31
            and lex.month_end.search(before)):
        return True  # "December 4" (elsewhere the day comes first: "4 décembre", "im November zwei")
    if n.value in (110, 112):
        around = s[max(0, n.start - 15):n.end + 15]
        if lex.emergency.search(s) or lex.overseas_name.search(around):
            return True
        if before[-1:] in _QUOTES[:-2] or after[:1] in _QUOTES[:-2]:
            return True
    return False


def classify(s: str, n: Number, nxt: Number | None, lex: Lexicon, clause_end: int) -> Counted | None:
    if is_special(s, n, lex):
        return None
    if lex.counters:
        return _classify_counters(s, n, lex, clause_end)
    return _classify_words(s, n, nxt, lex, clause_end)


def _qualifier_after(text: str, pos: int, lex: Lexicon) -> tuple[str | None, int]:
    for pat, qual in lex.q_after:
        m = pat.match(text, pos)
        if m:
            return qual, m.end()
    return None, pos


def _said_single(s: str, n: Number, lex: Lexicon) -> bool:
    """An article that counts: "au moins une", "eine einzige", "apenas uma", "un seul"."""
    before = s[max(0, n.start - 30):n.start]
    return bool(lex.single_after.match(s, n.end) or lex.single_before.search(before)
                or lex.q_before.search(before) or _said_each(s, n, lex))


def _said_each(s: str, n: Number, lex: Lexicon) -> bool:
    """A count said of each place: "je eine", "una stazione ciascuno", "um posto cada"."""
    return bool(lex.each_before.search(s, max(0, n.start - 12), n.start)
                or lex.each_after.search(s, n.end, min(len(s), n.end + 40)))


def _classify_words(s: str, n: Number, nxt: Number | None, lex: Lexicon, end: int) -> Counted | None:
    pos = n.end
    qual, pos = _qualifier_after(s, pos, lex)
    skip_next = False
    rng = lex.range_at.match(s, pos)
    if nxt is not None and rng and rng.end() == nxt.start and nxt.start < end:
        # "three to four stations": read the phrase after the upper bound, keep the lower
        pos, skip_next = nxt.end, True
        qual = qual or "at_least"
    if n.value == 1 and lex.of_word.match(s, pos) and not lex.filler_at.match(
            s, pos + 1 if s[pos:pos + 1] == " " else pos) and not _said_each(s, n, lex):
        return OTHER  # "one of the stations" names a member; "one of them in Tokyo" counts
    earlier = lex.earlier_article if n.kind == "article" else lex.earlier_numeral
    from_before = bool(earlier.search(s, max(0, n.start - 40), n.start))
    if lex.definite_before.search(s[max(0, n.start - 8):n.start]) and (
            lex.relative_after.match(s, pos) or lex.of_report.match(s, pos)
            or _verb_after(s, pos, lex)):  # "the 54 found in 2022"
        # "las 54 que ya había identificado", "the 54 that it named": the known set
        return Counted("elliptic", n.end, qual, False, skip_next)
    # "one of three feared to be in Britain": the count is of what "one" names
    member_of = bool(lex.one_of.search(s, max(0, n.start - 45), n.start))
    # "l'Italie en compte onze", "er zijn er twee": a count of what the pronoun stands for
    by_pronoun = n.kind != "article" and bool(lex.pronoun_count.search(s, max(0, n.start - 30), n.start))
    added = False
    others_at = 0  # where an "other(s)" word made the count an increment
    only_fillers = True
    after_copula = False  # "11 are in Italy": after the verb only a place may follow
    words = 0
    word_at = lex.word_at
    while words < _MAX_WORDS:
        while pos < end and s[pos] in _QUOTES:
            pos += 1
        if pos >= end:
            break
        if nxt is not None and not skip_next and pos >= nxt.start and n.kind != "article":
            if _PARTITIVE_GAP.match(s[n.end:nxt.start]) and lex.of_word.match(s, n.end):
                # "eleven of the more than 100 stations": the noun is the next number's;
                # this one counts a part of them
                return Counted("elliptic", n.end, qual, added, skip_next, part_of_next=True)
            if len(_WORD.findall(s, n.end, nxt.start)) <= 2:
                return Counted("elliptic", n.end, qual, added, skip_next)  # "48 alle 54"
            return OTHER  # "a dozen tips concerning the two stations": another noun
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
                # "una comisaría" is "a station", not a count of one; unless other counts
                # go with it ("une adresse en Corée et deux au Japon"): claims.py decides
                if not only_fillers:
                    return OTHER
                return Counted("indefinite", m.end(), None, False, skip_next)
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
            # "48 more were identified", "another 48 have been added": an increment may
            # stand for its noun
            if only_fillers and (added or lex.added_before.search(s, max(0, n.start - 30), n.start)):
                return Counted("elliptic", n.end, qual, True, skip_next)
            # "two of them have been active in X": a count of what "them" stands for
            of_them = bool(lex.part_any.search(s, n.end, pos))
            return (Counted("elliptic", n.end, qual, False, skip_next)
                    if member_of or by_pronoun or of_them else OTHER)
        if kind == "loc":
            return Counted("elliptic", n.end, qual, added, skip_next)
        if kind == "added" and only_fillers:  # "48 more", not "11 of the more than 100"
            added = True
            if lex.others_at.match(s, m.start()):
                others_at = m.start()
        if kind == "filler" and only_fillers and lex.comparative.fullmatch(m.group()):
            # "mais 48 do que as 54", "48 more than the 54": compared with another figure
            return Counted("elliptic", n.end, qual, added, skip_next)
        pos = m.end()  # added or filler words: read on
    if n.kind == "article" and not from_before and not _said_single(s, n, lex):
        return OTHER  # a bare "ein" / "un" closing a clause is a particle or a pronoun
    if (only_fillers and words == 0) or from_before or member_of or by_pronoun:
        return Counted("elliptic", n.end, qual, added, skip_next)
    return OTHER


def _verb_after(s: str, pos: int, lex: Lexicon) -> bool:
    """A counting verb right after the number, not a noun it counts ("the 54 found")."""
    pos += s[pos:pos + 1] == " "
    word = lex.word_at.match(s, pos)
    if word is not None and word.lastgroup in ("facility", "countries", "cities", "blocked"):
        return False
    return lex.recount.match(s, pos) is not None


def _loc_after(s: str, pos: int, lex: Lexicon) -> bool:
    while pos < len(s) and s[pos] == " ":
        pos += 1
    return lex.loc_at.match(s, pos) is not None


def _classify_counters(s: str, n: Number, lex: Lexicon, end: int) -> Counted | None:
    pos = n.end
    if lex.total_before.search(s, max(0, n.start - 6), n.start):
        return Counted("elliptic", pos, None, False)  # "その数は32": the total of them
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
    if lex.pack.space_ends_phrase and pos < end and s[pos].isspace() and (site_counter or generic):
        # headline: "已达102个 分布在…" - a space ends the phrase after the counter
        return Counted("elliptic", pos, qual, False)
    tail_end = pos
    while (tail_end < end and tail_end - pos < 14 and s[tail_end] not in _CJK_PUNCT
           and not s[tail_end].isdigit()):  # the next number's noun is its own
        tail_end += 1
    tail = s[pos:tail_end]
    # "102곳으로 늘었다" rose *to* 102: a total, not an increment
    added = bool(lex.added_after_at.search(tail[:8])) and not lex.to_after.match(tail)
    if (site_counter or generic) and lex.located_after.match(tail):
        return Counted("elliptic", pos, qual, added)  # 其中三个位于马德里
    lead = lex.particle.match(s, pos)
    lead_end = lead.end() if lead else pos
    linked = bool(lex.pack.genitive) and s[pos:lead_end].strip() == lex.pack.genitive
    if ((not site_counter or linked) and lex.blocked_at.match(s, lead_end)
            and not lex.facility_at.match(s, lead_end)):
        return OTHER  # "5개 지방 공안국", "4つの地域": counts something else
    fac = lex.facility.search(tail)
    if n.value == 1 and lex.member_one.search(s, max(0, n.start - 2), min(len(s), n.end + 3)):
        return OTHER  # "拠点の一つ", "站点之一": one of them, no count
    if (n.value == 1 and n.kind == "cjk" and site_counter and fac and fac.start() <= 2
            and lex.indefinite_counter.match(s, n.end)):
        # "运营一处秘密警察站": "a station"; a count only beside other numerals (claims.py)
        return Counted("indefinite", pos + fac.end(), qual, added)
    if n.value == 1 and n.kind in ("cjk", "native") and not (fac and fac.start() <= 2):
        # 一家中餐馆 / 한 곳의 식당 / 一つの店: "a restaurant", unless the facility follows
        t = tail.strip()
        genitive = lex.pack.genitive
        noun_follows = t.startswith(genitive) if genitive else bool(t)
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
    if generic and (lex.noun_before.search(s, max(0, n.start - 16), n.start)
                    or lex.countries_before.search(s, max(0, n.start - 6), n.start)):
        # "경찰서가 102개 이상", "21개국 54개를": the noun (or the countries) said first
        return Counted("elliptic", pos, qual, added)
    return OTHER
