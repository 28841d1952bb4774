"""A language pack's word lists compiled once into the patterns the claim stages use.

Each pattern is built from one pack's fields (langs/pack.py says what each field holds),
never from several languages at once. ``lexicon(pack)`` is cached per pack code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from crawler.analysis.accents import fold
from crawler.analysis.langs import PACKS, LangPack

QUALIFIER_KEYS = ("more_than", "at_least", "about", "up_to")
_QUOTE = r"[\"'“”‘’«»„‚‹›「」『』]?"
_NEVER = re.compile(r"(?!x)x")


@dataclass(frozen=True, slots=True)
class Lexicon:
    pack: LangPack
    counters: bool              # numbers take a counter after them (grammar "counters")
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
    here: re.Pattern[str]       # the country the article is about: "in the country", "该国"
    home_words: re.Pattern[str]  # the language's home country: "국내", "国内"
    each_before: re.Pattern[str]  # "je", "各": search, anchored at the window's end
    change_from: re.Pattern[str]  # "from" right before a number (search, anchored at the end)
    example_before: re.Pattern[str]  # "including" right before a place (anchored at the end)
    example_after: re.Pattern[str]   # "among them" right after a place (match)
    pronoun_count: re.Pattern[str]   # "en compte", "ne conta", "er zijn er": a count of them
    pronoun_verb: re.Pattern[str]    # "en dénombre": the facilities named by a pronoun
    noun_before: re.Pattern[str]     # "경찰서가 (약) ": the counted noun said before the number
    countries_before: re.Pattern[str]  # "21개국 ": a countries span right before the number
    total_before: re.Pattern[str]    # "数は", "总数为": the total right before a bare number
    others_before: re.Pattern[str]   # "otras" right before a number
    part_before: re.Pattern[str]     # "其中", "dont" shortly before a number
    member_one: re.Pattern[str]      # "の一つ", "之一" around a one
    other_one: re.Pattern[str]       # "the other": one of an enumeration of a known set
    erratum: re.Pattern[str]         # "in an earlier version": a correction's wrong version
    erratum_after: re.Pattern[str]   # "とあったのは": right after a wrong figure (match)
    contrast_word: re.Pattern[str]   # "but", "mais": what follows corrects what came before
    indefinite_counter: re.Pattern[str]  # "处": with it, "一" is an article
    part_any: re.Pattern[str]        # "of them", "dont", "其中" anywhere
    abroad: re.Pattern[str]          # "abroad", "overseas", "outside China"
    change_to: re.Pattern[str]    # the whole gap between the two figures: " stations to "
    each_after: re.Pattern[str]   # "each", "cada": search in a window after the count
    recount: re.Pattern[str]    # verbs that count what was named before: "documented 54"
    conj: re.Pattern[str]       # "and" / "or": search; ends the place of the count before it
    prefix_block: re.Pattern[str]
    emergency: re.Pattern[str]
    overseas_name: re.Pattern[str]
    age: re.Pattern[str]        # "years old" right after a number
    hypothetical: re.Pattern[str]  # "imagine", "如果": the counts after it are not claims
    networks: re.Pattern[str]   # help centres, Confucius Institutes: counts of their own
    increase_by: re.Pattern[str]   # "um", "by" right before a number (anchored at the end)
    increase_verbs: re.Pattern[str]  # "gestiegen", "grew": a rise said with "by"
    countries_noun: re.Pattern[str]  # "所在国家至少有": countries said before a bare number
    total_after: re.Pattern[str]     # "o número total": the number is the total itself
    topic_words: re.Pattern[str]  # the stations named as such ("police stations", "据点")
    total: re.Pattern[str]      # "the total / number": a bare count is framed
    hq_before: re.Pattern[str]
    hq_after: re.Pattern[str]
    after_stop: re.Pattern[str]  # group 1: "and in"; else "while", "but"
    from_word: re.Pattern[str]
    # grammar "words" (never matching for counters)
    word_at: re.Pattern[str]   # one match per word; lastgroup names its class
    stop_at: re.Pattern[str]
    filler_at: re.Pattern[str]
    loc_at: re.Pattern[str]
    others_at: re.Pattern[str]  # "two others were in X": members of a known set
    range_at: re.Pattern[str]
    kind_before_at: re.Pattern[str]  # "such", "solche": the next noun stands for the facilities
    kind_after_at: re.Pattern[str]   # "of this kind", "de este tipo"
    of_this_kind: re.Pattern[str]    # a number, then a noun said with "such" / "of this kind"
    month: re.Pattern[str]
    month_end: re.Pattern[str]
    weekday_end: re.Pattern[str]  # a weekday right before a number: "terça-feira (25)"
    date_after: re.Pattern[str]   # what may stand between a day and its month: ". ", " de "
    ordinal_after: re.Pattern[str]
    of_word: re.Pattern[str]
    comparative: re.Pattern[str]
    definite_before: re.Pattern[str]
    of_report: re.Pattern[str]
    relative_after: re.Pattern[str]
    single_after: re.Pattern[str]
    single_before: re.Pattern[str]
    earlier_figure: re.Pattern[str]   # "up from" right before a number
    earlier_numeral: re.Pattern[str]  # the same, a qualifier allowed between, loose "von" too
    earlier_article: re.Pattern[str]  # the same for an article ("von einer"): no loose "von"
    one_of: re.Pattern[str]
    aged_before: re.Pattern[str]
    age_after: re.Pattern[str]
    # grammar "counters" (never matching for words)
    counter_facility_at: re.Pattern[str]
    counter_generic_at: re.Pattern[str]
    located_after: re.Pattern[str]
    to_after: re.Pattern[str]
    particle: re.Pattern[str]


def has_word(pattern: re.Pattern[str], lowered: str, *, inside: bool = False) -> bool:
    """True when bare ``pattern`` matches lower-cased text at a word start (anywhere when
    ``inside``, for compounding languages)."""
    if inside:
        return pattern.search(lowered) is not None
    pos = 0  # a match inside a word may hide one that starts a word within its reach
    while (m := pattern.search(lowered, pos)) is not None:
        i = m.start()
        if i == 0 or not lowered[i - 1].isalnum() or cjk_char(lowered[i]):
            return True
        pos = i + 1
    return False


def cjk_char(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3"


def _word(frag: str, anchor: str = "") -> re.Pattern[str]:
    """A fragment bounded as whole words (case-insensitive)."""
    if not frag:
        return _NEVER
    return re.compile(rf"{anchor}(?<![\w])(?:{frag})(?![\w])", re.IGNORECASE)


def _plain(frag: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(f"(?:{frag})", flags) if frag else _NEVER


def _at(frag: str, before: str = r"\s*", after: str = "") -> re.Pattern[str]:
    """``frag`` matched at a position, after optional space."""
    return re.compile(rf"{before}(?:{frag}){after}", re.IGNORECASE) if frag else _NEVER


def _ending(frag: str, tail: str = r"\s+$") -> re.Pattern[str]:
    """``frag`` as whole words right before the end of a window."""
    return re.compile(rf"(?<![\w])(?:{frag}){tail}", re.IGNORECASE) if frag else _NEVER


def _either(*frags: str) -> str:
    return "|".join(f for f in frags if f)


def _qualifier_groups(p: LangPack) -> str:
    return "|".join(f"(?P<{k}>{getattr(p, 'q_' + k)})" for k in QUALIFIER_KEYS
                    if getattr(p, "q_" + k))


def _word_classes(p: LangPack) -> re.Pattern[str]:
    """The word classes read after a number, by priority: the first that matches wins."""
    if p.grammar != "words":
        return _NEVER
    prefix = "[\\w-]*?" if p.compounds else ""
    classes = (
        ("facility", prefix + p.facility), ("countries", p.countries),
        ("cities", p.cities), ("blocked", _either(p.blocked, p.month, p.rank_words)),
        ("added", p.added_after), ("loc", p.loc), ("filler", p.filler),
        ("copula", p.copula), ("conj", p.conj), ("stop", p.stop),
    )
    body = "|".join(f"(?P<{name}>{frag})" for name, frag in classes if frag)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


def _q_before(p: LangPack) -> re.Pattern[str]:
    groups = _qualifier_groups(p)
    if not groups:
        return _NEVER
    joiners = rf"(?:(?:{p.qualifier_joiners})\s+)?" if p.qualifier_joiners else ""
    if p.grammar == "counters":
        joiners = rf"(?:{p.qualifier_joiners})?" if p.qualifier_joiners else ""
        return re.compile(rf"(?:{groups})\s*{joiners}\s*$")
    return re.compile(rf"(?<![\w])(?:{groups})\s*{_QUOTE}\s*{joiners}$", re.IGNORECASE)


def _q_after(p: LangPack) -> tuple[tuple[re.Pattern[str], str], ...]:
    bound = "(?![\\w])" if p.grammar == "words" else ""
    return tuple((re.compile(rf"\s*(?:{getattr(p, 'qa_' + k)}){bound}", re.IGNORECASE), k)
                 for k in QUALIFIER_KEYS if getattr(p, "qa_" + k))


def _earlier(p: LangPack, loose: bool) -> re.Pattern[str]:
    quals = "|".join(getattr(p, "q_" + k) for k in QUALIFIER_KEYS if getattr(p, "q_" + k))
    words = _either(p.from_before, p.from_loose if loose else "")
    if not words:
        return _NEVER
    between = rf"(?:(?:{quals})\s+)?" if quals else ""
    return re.compile(rf"(?<![\w])(?:{words})\s+{between}$", re.IGNORECASE)


def _folded(p: LangPack) -> LangPack:
    """``p`` with its patterns accepting words written without accents (accents.py)."""
    from dataclasses import fields, replace

    from crawler.analysis.langs.pack import LITERAL

    changes: dict[str, Any] = {}  # field name -> folded pattern (str fields only)
    for f in fields(p):
        value = getattr(p, f.name)
        if f.type == "str" and f.name not in LITERAL and value and fold(value) != value:
            changes[f.name] = fold(value)
    return replace(p, **changes)


def _compile(pack: LangPack) -> Lexicon:
    p = _folded(pack) if pack.script == "latin" else pack
    words = p.grammar == "words"
    counters = not words
    prefix = "[\\w-]*?" if p.compounds else ""
    if counters:
        # the marker, its particle, and at most one word between ("새로 드러난 48곳"), but no
        # other number: in "新たに48カ所　計102カ所" the marker is the first count's
        added_before = (re.compile(rf"(?:{p.added_before})[^，。、,\s\d]{{0,4}}"
                                   rf"(?:\s[^，。、,\s\d]{{1,5}})?\s*$")
                        if p.added_before else _NEVER)
    else:
        added_before = _ending(p.added_before, rf"\s*{_QUOTE}\s*$")
    conj_loc = rf"((?:{p.conj})\s+(?:{p.loc})\s)" if p.conj and p.loc else ""
    contrast = rf"(?:{p.contrast})(?![\w])" if p.contrast else ""
    after_stop = _either(conj_loc, contrast)
    age_words = rf"\s?-?\s?(?:{p.age_words})" if words else f"(?:{p.age_words})"
    return Lexicon(
        pack=pack, counters=counters,
        facility=re.compile(p.facility),
        facility_at=_word(prefix + p.facility) if words else _plain(p.facility),
        countries_at=_word(p.countries) if words else _plain(p.counter_countries),
        cities_at=_word(p.cities) if words else _plain(p.counter_cities),
        blocked_at=(_word(_either(p.blocked, p.month, p.rank_words)) if words
                    else _plain(p.counter_blocked)),
        q_before=_q_before(p), q_after=_q_after(p),
        added_before=added_before,
        added_after_at=_word(p.added_after) if words else _plain(p.added_after),
        worldwide=(_word if words else _plain)(p.worldwide),
        other_org=(_word if words else _plain)(p.other_org),
        here=(_word if words else _plain)(p.here),
        home_words=(_word if words else _plain)(p.home_words),
        each_before=(_ending(p.each_before, r"\s*$") if words else
                     re.compile(rf"(?:{p.each_before})\s*$") if p.each_before else _NEVER),
        each_after=(_word if words else _plain)(p.each_after),
        change_from=_ending(p.change_from, r"\s*$"),
        example_before=(_ending(p.example_before, r"\s+(?:the\s+)?$") if words else
                        re.compile(rf"(?:{p.example_before})\s*$") if p.example_before else _NEVER),
        pronoun_verb=(re.compile(rf"(?<![\w])(?:{p.pronoun})\s+(?:{p.recount})", re.IGNORECASE)
                      if p.pronoun and p.recount else _NEVER),
        noun_before=(re.compile(rf"(?:{p.facility})[」』”\"']?\s?(?:{p.particles})?\s*(?:(?:{_either(p.q_about, p.q_at_least, p.q_up_to, p.q_more_than)})\s*)?$")
                     if counters else _NEVER),
        countries_before=(re.compile(rf"(?:{p.counter_countries})\s*$") if counters else _NEVER),
        total_before=(re.compile(rf"(?:{_either(p.total_words, p.sum_words)})\s*$")
                      if counters and p.total_words else _NEVER),
        others_before=(re.compile(rf"(?:{p.others})[^，。、,\s]{{0,2}}\s*$") if counters and p.others
                       else _ending(p.others)),
        part_before=(re.compile(rf"(?:{p.part_of})\s*[^\W\d_]{{0,3}}\s*$", re.IGNORECASE) if p.part_of
                     else _NEVER),
        member_one=_plain(p.member_one),
        other_one=(_word if words else _plain)(p.other_one),
        erratum=(_word if words else _plain)(p.erratum),
        erratum_after=re.compile(p.erratum_after) if p.erratum_after else _NEVER,
        contrast_word=_word(p.contrast),
        indefinite_counter=_plain(p.indefinite_counters),
        part_any=(_word if words else _plain)(p.part_of),
        abroad=(_word if words else _plain)(p.abroad),
        example_after=_at(p.example_after, after=r"(?![\w])" if words else ""),
        pronoun_count=(re.compile(rf"(?<![\w])(?:{p.pronoun})\s+(?:[^\W\d_]+\s+){{0,3}}?$",
                                  re.IGNORECASE) if p.pronoun else _NEVER),
        change_to=(re.compile(rf"\s*(?:[^\W\d_]+\s+){{0,3}}?(?:{p.change_to})\s*$", re.IGNORECASE)
                   if p.change_to else _NEVER),
        recount=(_word if words else _plain)(p.recount),
        conj=(_word if words else _plain)(p.conj),
        prefix_block=_ending(p.prefix_block, r"\s*$") if words else re.compile(
            rf"(?:{p.prefix_block})\s*$"),
        emergency=_plain(p.emergency), overseas_name=_plain(p.overseas_name),
        age=re.compile(age_words, re.IGNORECASE) if p.age_words else _NEVER,
        hypothetical=(_word if words else _plain)(p.hypothetical),
        networks=(_word if words else _plain)(p.networks),
        increase_by=_ending(p.increase_by, r"\s+$"),
        increase_verbs=_word(p.increase_verbs),
        countries_noun=(re.compile(rf"(?:{p.countries_noun})(?:{_either(p.q_at_least, p.q_more_than, p.q_about)})?"
                                   rf"(?:{p.qualifier_joiners or '(?!x)x'})?\s*$")
                        if counters and p.countries_noun else _NEVER),
        total_after=(re.compile(rf"\s+(?:[^\W\d_]{{1,3}}\s+)?(?:{p.total_words})(?![\w])", re.IGNORECASE)
                     if words and p.total_words else _NEVER),
        topic_words=(_word if words else _plain)(_either(p.topic_facility, p.station)),
        total=_plain(p.total_words),
        hq_before=(_ending(p.hq_before, r"\s+(?:\w+\s*,\s*)?$") if words
                   else _plain(rf"(?:{p.hq_before})\s*$" if p.hq_before else "")),
        hq_after=_at(p.hq_after, before="", after=r"(?![\w])" if words else ""),
        after_stop=re.compile(rf"(?<![\w])(?:{after_stop})", re.IGNORECASE) if after_stop else _NEVER,
        from_word=_word(p.from_words),
        word_at=_word_classes(p),
        stop_at=_word(p.stop), filler_at=_word(p.filler), loc_at=_word(p.loc),
        others_at=_word(p.others),
        range_at=_at(p.range, after=r"\s*"),
        kind_before_at=_word(p.kind_before, r"\s*") if words else _NEVER,
        kind_after_at=_word(p.kind_after, r"\s*") if words else _NEVER,
        of_this_kind=(re.compile(rf"\d\s+(?:\w+\s+){{0,2}}?(?:{p.kind_before})\s+[^\W\d_]+|"
                                 rf"(?<![\w])(?:[^\W\d_]+)\s+(?:{p.kind_after})(?![\w])",
                                 re.IGNORECASE) if words and p.kind_before else _NEVER),
        weekday_end=_ending(p.weekdays, r"\s*[,(]?\s*$"),
        month=_word(p.month), month_end=_at(p.month, before="", after=r"\.?\s*$"),
        date_after=re.compile(rf"\.?\s*(?:(?:{p.date_joiner})\s+)?" if p.date_joiner else r"\.?\s*",
                              re.IGNORECASE),
        ordinal_after=(re.compile(rf"(?:{p.ordinal_after})(?![\w])|\.\s*[a-zäöü]")
                       if p.ordinal_after else _NEVER),
        of_word=_at(p.of_words, after=r"\b"),
        comparative=_plain(p.comparative),
        definite_before=_ending(p.definite),
        of_report=_at(p.of_report),
        relative_after=_at(p.relative, after=r"\b"),
        single_after=_at(p.single, after=r"\b"),
        single_before=re.compile(rf"\b(?:{p.single})\s+$", re.IGNORECASE) if p.single else _NEVER,
        earlier_figure=_ending(_either(p.from_before, p.from_loose)),
        earlier_numeral=_earlier(p, loose=True), earlier_article=_earlier(p, loose=False),
        one_of=_ending(p.one_of, r"\s+(?:[^\W\d_]+\s+){0,3}$"),
        aged_before=_ending(p.aged_before, rf"\s+(?:\d+\s*(?:,|{p.number_and or ','})\s*)*$"),
        age_after=re.compile(rf"\s*[,)]|-(?:{p.age_after})", re.IGNORECASE) if p.age_after else _NEVER,
        counter_facility_at=_plain(p.counter_facility) if counters else _NEVER,
        counter_generic_at=_plain(p.counter_generic) if counters else _NEVER,
        located_after=_at(p.located_after), to_after=_at(p.to_after),
        particle=re.compile(rf"\s*(?:{p.particles})?\s*") if p.particles else re.compile(r"\s*"),
    )


@cache
def _compiled(code: str) -> Lexicon:
    return _compile(PACKS[code])


def lexicon(pack: LangPack) -> Lexicon:
    """The compiled patterns of ``pack`` (built once per registered pack)."""
    if PACKS.get(pack.code) is pack:
        return _compiled(pack.code)
    return _compile(pack)  # a pack built elsewhere (tests): compiled each time
