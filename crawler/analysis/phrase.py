"""Stage 2: what does a number count? Facility, countries, cities, or something else.

For a number found in a sentence, read the words after it (within its clause) the way
the language builds a noun phrase: European languages put adjectives and quotes between
number and noun ("48 additional 'Overseas 110 Service Stations'"); CJK languages put a
counter after the number (102个, 53개국, 2カ所). The answer is a Counted, or None when the
number counts people, time, money, zones, or is a year, date, ordinal, phone or
emergency number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from crawler.analysis.lexicon import Lexicon
from crawler.analysis.numbers import Number
from crawler.analysis.special import is_special

_MAX_WORDS = 7
_QUOTES = "\"'“”‘’«»„‚‹›「」『』 \u00a0"
_WORD = re.compile(r"[\w-]+")
_PARTITIVE_GAP = re.compile(r"\s*(?:[^\W\d_]+['’]?\s*){1,4}$")  # "of the", "de ces", "van de"
_CJK_PUNCT = "，。、；：！？,.;:!?（）()「」『』\"“”"
_ADDED_REACH = 3  # characters after a counter where an increment marker is still its own
_TAIL_END = "，。、；：！？,.;:!?（）()"  # quotes do not end a counted noun: 两个由…设立的“服务站”


@dataclass(frozen=True, slots=True)
class Counted:
    kind: str            # facility | elliptic | countries | cities | indefinite | other
    noun_end: int        # end offset of the counted phrase in the sentence
    qualifier: str | None
    added: bool
    skip_next: bool = False  # the number after this one is the top of a range
    part_of_next: bool = False  # "eleven of the 102 sites": a part of the next count
    member: bool = False  # "una de esas oficinas está en X": one member of a set, placed


OTHER = Counted("other", 0, None, False)  # counts something else: people, time, money...


def classify(s: str, n: Number, nxt: Number | None, lex: Lexicon, clause_end: int) -> Counted | None:
    if is_special(s, n, lex):
        return None
    if lex.counters:
        rng = lex.range_at.match(s, n.end)
        if (nxt is not None and rng and rng.end() == nxt.start and nxt.start < clause_end
                and 0 < nxt.value - n.value <= max(2, n.value // 2)):
            # "3~4곳", "三到四個", "3〜4カ所": read the counter after the upper bound, keep
            # the lower (a change "54个增至102个" has its counter before the "to")
            upper = _classify_counters(s, nxt, lex, clause_end)
            if upper is None or upper.kind == "other":
                return upper
            return replace(upper, qualifier=upper.qualifier or n.qualifier or "at_least",
                           skip_next=True)
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
    if n.value == 1 and qual == "at_least":
        return OTHER  # "one or more", "één of meerdere": some, no number
    if (lex.increase_by.search(s, max(0, n.start - 6), n.start)
            and lex.increase_verbs.search(s, pos, end)):
        return Counted("elliptic", n.end, qual, True)  # "damit um 48 gestiegen": the rise
    if n.kind != "article" and lex.total_after.match(s, pos):
        return Counted("elliptic", n.end, qual, False)  # "eleva para 102 o número total"
    skip_next = False
    rng = lex.range_at.match(s, pos)
    if (nxt is not None and rng and rng.end() == nxt.start and nxt.start < end
            and 0 < nxt.value - n.value <= max(2, n.value // 2) and not _said_each(s, nxt, lex)):
        # "three to four stations" ("3 and 5 respectively" is a list): read the phrase after the upper bound, keep the lower
        pos, skip_next = nxt.end, True
        qual = qual or "at_least"
    elif (nxt is not None and rng and rng.end() == nxt.start and nxt.start < end
          and _classify_words(s, nxt, None, lex, end) is OTHER):
        return OTHER  # "de 61 y 59 años": the noun after the second number is the first's
    one_of_these = such = False  # "such": the next unknown noun stands for the facilities
    if n.value == 1 and lex.of_word.match(s, pos) and not lex.filler_at.match(
            s, pos + 1 if s[pos:pos + 1] == " " else pos) and not _said_each(s, n, lex):
        k = lex.kind_before_at.match(s, pos + 1 if s[pos:pos + 1] == " " else pos)
        if k is None or not lex.of_word.match(s, k.start()):
            return OTHER  # "one of the stations" names a member; "one of them in Tokyo" counts
        # "una de esas oficinas está en X": one member of a known set, placed
        one_of_these, such, pos = True, True, k.end()
    elif n.value == 1 and n.kind == "article" and (
            k := lex.kind_before_at.match(s, pos + 1 if s[pos:pos + 1] == " " else pos)):
        one_of_these, such, pos = True, True, k.end()  # "um desses", "eine dieser"
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
    # (an article only when said single: "ce ne sarebbe una sola")
    by_pronoun = ((n.kind != "article" or _said_single(s, n, lex))
                  and bool(lex.pronoun_count.search(s, max(0, n.start - 30), n.start)))
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
            between = _WORD.findall(s, n.end, nxt.start)
            if len(between) <= 2 and all(word_at.fullmatch(w) or w.lower() in lex.pack.function_words
                                         for w in between):
                return Counted("elliptic", n.end, qual, added, skip_next)  # "48 alle 54"
            return OTHER  # "a dozen tips concerning the two stations": another noun
        ch = s[pos]
        if not (ch.isalnum() or ch in "-#"):
            break  # punctuation closes the phrase
        if k := lex.kind_before_at.match(s, pos):
            such, pos = True, k.end()  # "100 such bureaus": the noun after stands for them
            continue
        m = word_at.match(s, pos)
        kind = m.lastgroup if m else None
        if after_copula and kind not in ("loc", "filler"):
            return OTHER  # "two were arrested at the station": the verb ended the phrase
        if m is None or (kind == "loc" and not only_fillers):
            w = _WORD.match(s, pos)
            if not w:
                break
            if m is None and not w.group().isdigit() and n.value > 1 and (
                    such or lex.kind_after_at.match(s, w.end())):
                # "100 such bureaus", "54 dependencias de este tipo": the facilities
                return Counted("facility", w.end(), qual, added, skip_next)
            if not w.group().isdigit():
                only_fillers = False
                words += 1
            pos = w.end()
            continue
        if kind == "facility" and one_of_these:
            # a member counts only where the sentence places it ("... estaría en Lisboa")
            if not _placed_after(s, m.end(), lex, end):
                return OTHER
            return Counted("facility", m.end(), qual, False, skip_next, member=True)
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
            nxt_word = word_at.match(s, m.end() + 1) if s[m.end():m.end() + 1] == " " else None
            if nxt_word is None or nxt_word.lastgroup != "facility":
                return OTHER
            # "quattro sospetti avamposti": an adjective that is also a noun; read on
            pos, only_fillers = m.end(), False
            continue
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
        if (kind == "filler" and only_fillers and lex.comparative.fullmatch(m.group())
                and n.kind != "article"):  # "ein als Polizeistation genutztes Büro": "as"
            # "mais 48 do que as 54", "48 more than the 54": compared with another figure
            return Counted("elliptic", n.end, qual, added, skip_next)
        pos = m.end()  # added or filler words: read on
    if n.kind == "article" and not from_before and not _said_single(s, n, lex):
        return OTHER  # a bare "ein" / "un" closing a clause is a particle or a pronoun
    # a loose "van"/"von" before the number allows one word at most ("von drei die Rede",
    # not "van 15 criminologen gespecialiseerd in…")
    from_strict = from_before and bool(lex.earlier_article.search(s, max(0, n.start - 40), n.start))
    if ((only_fillers and words == 0) or (from_before and words <= 1)
            or from_strict or member_of or by_pronoun):
        return Counted("elliptic", n.end, qual, added, skip_next)
    return OTHER


def _verb_after(s: str, pos: int, lex: Lexicon) -> bool:
    """A counting verb right after the number, not a noun it counts ("the 54 found"; "le 54
    già indicate": an adverb of the fillers may come between)."""
    pos += s[pos:pos + 1] == " "
    word = lex.word_at.match(s, pos)
    if word is not None and word.lastgroup == "filler" and not lex.recount.match(s, pos):
        pos = word.end() + (s[word.end():word.end() + 1] == " ")
        word = lex.word_at.match(s, pos)
    if word is not None and word.lastgroup in ("facility", "countries", "cities", "blocked"):
        return False
    return lex.recount.match(s, pos) is not None


def _placed_after(s: str, pos: int, lex: Lexicon, end: int) -> bool:
    """A place word follows within a few words: adjectives, fillers and a verb of being
    may stand between ("secretas estaría en", "está localizado em")."""
    unknown = 0
    while pos < end:
        while pos < end and s[pos] in _QUOTES:
            pos += 1
        m = lex.word_at.match(s, pos)
        if m is not None and m.lastgroup == "loc":
            return True
        if m is not None and m.lastgroup in ("filler", "copula"):
            pos = m.end()
            continue
        w = _WORD.match(s, pos)
        if w is None or m is not None or unknown >= 2:
            return False
        unknown, pos = unknown + 1, w.end()
    return False


def _loc_after(s: str, pos: int, lex: Lexicon) -> bool:
    while pos < len(s) and s[pos] == " ":
        pos += 1
    return lex.loc_at.match(s, pos) is not None


def _case_particle(s: str, pos: int, lex: Lexicon) -> bool:
    """A particle other than the genitive right after a counter, then a break: the
    count is a noun phrase of its own ("48개가 추가로")."""
    m = lex.particle.match(s, pos)
    if m is None or m.end() == pos:
        return False
    word = s[pos:m.end()].strip()
    if not word or word == lex.pack.genitive:
        return False
    return m.end() >= len(s) or not s[m.end()].isalnum() or s[m.end() - 1].isspace()


def _after_each(s: str, n: Number, lex: Lexicon) -> bool:
    """'Each' said right before the number ("各有一个", "각각 한 곳")."""
    return bool(lex.pack.each_before
                and re.search(lex.pack.each_before, s[max(0, n.start - 6):n.start]))


def _article_one(s: str, n: Number, lex: Lexicon) -> bool:
    """"一家位于三楼的机构": one with a counter that is also an article, not said as a part
    of a set ("其中一个位于"): "a place located on", no count."""
    return (n.value == 1 and n.kind == "cjk" and lex.indefinite_counter.match(s, n.end) is not None
            and not lex.part_before.search(s, max(0, n.start - 10), n.start))


def _added_after(s: str, pos: int, lex: Lexicon) -> bool:
    marker = lex.added_after_at.search(s, pos, min(len(s), pos + 8))
    # "102개로 늘었다" rose *to* 102: a total, not an increment
    return (marker is not None and marker.start() - pos <= _ADDED_REACH
            and not lex.to_after.match(s, pos))


def _classify_counters(s: str, n: Number, lex: Lexicon, end: int) -> Counted | None:
    pos = n.end
    if (lex.total_before.search(s, max(0, n.start - 6), n.start)
            and not lex.blocked_at.match(s, pos)):  # "計19人": people
        return Counted("elliptic", pos, None, False)  # "その数は32": the total of them
    while pos < end and s[pos] == " ":
        pos += 1
    qual, pos = _qualifier_after(s, pos, lex)
    if m := lex.countries_at.match(s, pos):
        return Counted("countries", m.end(), qual, False)
    if lex.countries_noun.search(s, max(0, n.start - 8), n.start):
        return Counted("countries", pos, qual, False)  # "所在国家至少有53个": countries
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
    if generic and (q2 or _case_particle(s, pos, lex)):
        # "48개가 추가로", "102개 이상을", "100개 이상 설치된": the counted phrase ends at the
        # counter (a case particle or a qualifier after it; "102개의 경찰서" goes on)
        return Counted("elliptic", pos, qual, _added_after(s, pos, lex))
    if lex.pack.space_ends_phrase and pos < end and s[pos].isspace() and (site_counter or generic):
        # headline: "已达102个 分布在…" - a space ends the phrase after the counter
        return Counted("elliptic", pos, qual, False)
    tail_end = pos
    while (tail_end < end and tail_end - pos < 14 and s[tail_end] not in _TAIL_END
           and not s[tail_end].isdigit()):  # the next number's noun is its own
        tail_end += 1
    tail = s[pos:tail_end]
    # "102곳으로 늘었다" rose *to* 102: a total, not an increment
    # "48个新站点", "2곳이 추가로": the marker right after the counter ("20間警署試行新的系統":
    # the new thing is another)
    marker = lex.added_after_at.search(tail[:8])
    added = marker is not None and marker.start() <= _ADDED_REACH and not lex.to_after.match(tail)
    if (site_counter or generic) and lex.located_after.match(tail):
        # 其中三个位于马德里; "一家位于三楼的机构" is "a place on the third floor": a count
        # only in a list beside other numerals (claims.py)
        kind = "indefinite" if _article_one(s, n, lex) else "elliptic"
        return Counted(kind, pos, qual, added)
    lead = lex.particle.match(s, pos)
    lead_end = lead.end() if lead else pos
    linked = bool(lex.pack.genitive) and s[pos:lead_end].strip() == lex.pack.genitive
    if ((not site_counter or linked) and lex.blocked_at.match(s, lead_end)
            and not lex.facility_at.match(s, lead_end)):
        return OTHER  # "5개 지방 공안국", "4つの地域": counts something else
    fac = lex.facility.search(tail)
    quoted = len(tail) - len(tail.lstrip(_QUOTES))  # 一个“福州…服务站”: the name is the noun
    if n.value == 1 and lex.member_one.search(s, max(0, n.start - 2), min(len(s), n.end + 3)):
        return OTHER  # "拠点の一つ", "站点之一": one of them, no count
    if (n.value == 1 and n.kind == "cjk" and site_counter and fac and fac.start() <= 2
            and lex.indefinite_counter.match(s, n.end)
            and not _after_each(s, n, lex)):  # "各設有一個": one each, a count
        # "运营一处秘密警察站": "a station"; a count only beside other numerals (claims.py)
        return Counted("indefinite", pos + fac.end(), qual, added)
    if n.value == 1 and n.kind == "cjk" and not (site_counter or generic):
        return OTHER  # 逐一, 统一, 一直: a word, not a count, without a counter after it
    if (n.value == 1 and n.kind in ("cjk", "native") and not (fac and fac.start() <= 2 + quoted)
            and not _after_each(s, n, lex)):  # "各有一个这种哨所": one each, a count
        # 一家中餐馆 / 한 곳의 식당 / 一つの店: "a restaurant", unless the facility follows
        t = tail.strip()
        genitive = lex.pack.genitive
        noun_follows = t.startswith(genitive) if genitive else bool(t)
        if noun_follows:
            return OTHER
    if fac and (site_counter or generic or fac.start() <= 2):
        # "48カ所の海外警察署を新たに設けた": the marker after the noun and its particle
        added = added or _added_after(s, pos + fac.end(), lex)
        return Counted("facility", pos + fac.end(), qual, added)
    if site_counter:
        return Counted("elliptic", pos, qual, added)
    if generic and (lead_end >= tail_end or not tail.strip()):
        return Counted("elliptic", pos, qual, added)
    if generic and len(tail) <= 3:
        return Counted("elliptic", pos, qual, added)
    # no counter: only a number that closes its phrase or takes a qualifier ("派出所」50超か")
    bare = not (site_counter or generic) and (
        qual is not None or n.qualifier is not None or pos >= end or s[pos] in _TAIL_END
        or s[pos].isspace())
    if (generic or bare) and (
            lex.noun_before.search(s, max(0, n.start - 16), n.start)
            or (generic and lex.countries_before.search(s, max(0, n.start - 6), n.start))):
        # "경찰서가 102개 이상", "21개국 54개를": the noun (or the countries) said first
        return Counted("elliptic", pos, qual, added)
    return OTHER
