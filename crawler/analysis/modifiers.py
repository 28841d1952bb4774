"""Stage 3: qualifier, increment and place of a counted number.

Place rules (general, not per sentence): a place named after the count in its clause
("11 in Italy", "two stations in Amsterdam") wins; otherwise the one before it in the clause
("Italy hosts 11", "이탈리아에 11곳"), for small counts only, since a single country hosting
dozens is not how this story reads. A region, a worldwide phrase, a countries span or
several countries make the count multi-country (place None). "X-based" / "headquartered in"
mentions describe an organisation, not a host. A count that closes its clause takes the
places of an apposition after it ("at least two, in Prato and Florence"). A count the
sentence does not place, said "in the country" / "sur le territoire", takes the country the
document is about (focus.py), which also settles city names shared by several countries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crawler.analysis.focus import DocPlaces
from crawler.analysis.lexicon import Lexicon
from crawler.analysis.numbers import Number
from crawler.analysis.places import Mention, find_places
from crawler.analysis.subdivisions import STORY_HOSTS

SUBJECT_PLACE_MAX = 30  # counts above this are not read as one country's from context


def qualifier_before(s: str, n: Number, lex: Lexicon, clause_start: int) -> str | None:
    window = s[max(clause_start, n.start - 40):n.start]
    m = lex.q_before.search(window)
    return m.lastgroup if m else None


def added_before(s: str, n: Number, lex: Lexicon, clause_start: int) -> bool:
    window = s[max(clause_start, n.start - 30):n.start]
    risen = _risen_to(lex.pack.added_before, lex.pack.to_after).search(window) if lex.counters else None
    if risen and not re.fullmatch(lex.pack.added_before, risen.group().rstrip()):
        return False  # "从54个增加到102个": a total risen to ("추가로" is a marker of its own)
    return bool(lex.added_before.search(window))


@lru_cache(maxsize=16)
def _risen_to(markers: str, to_words: str) -> re.Pattern[str]:
    """An increment marker said with 'to' right before a number ("增加到", "新增至")."""
    if not markers or not to_words:
        return re.compile(r"(?!)")
    return re.compile(rf"(?:{markers})(?:{to_words})\s*$")


def hosts(s: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Mentions that may be a host country: not "X-based" / "headquartered in X", not a
    country given as one of several ("including Korea"; a city example still places the
    count: "Montreal and others in Quebec")."""
    out = []
    for m in mentions:
        if lex.hq_before.search(s, max(0, m.start - 40), m.start) or lex.hq_after.match(s, m.end):
            continue
        if is_example(s, m, lex):
            continue  # "53 countries including Korea", "한국을 포함해 29곳": one of several
        out.append(m)
    return out


def is_example(s: str, m: Mention, lex: Lexicon) -> bool:
    """A country given as one of several: "including Korea", "한국 등", "日本など"."""
    return m.place.kind == "country" and bool(
        lex.example_before.search(s, max(0, m.start - 20), m.start)
        or lex.example_after.match(s, m.end))


# Where a city name is shared (Valencia ES/VE, Barcelona ES/VE, London GB/CA), prefer the
# country named in the sentence, then the countries the document names, then the home
# country of the text's language, then the countries where this story has played out
# (the reports' host countries, STORY_HOSTS).


def disambiguate(code: str, alternatives: tuple[str, ...], sentence_codes: set[str],
                  home: str | None, doc: DocPlaces | None) -> str:
    candidates = (code, *alternatives)
    if any(c in sentence_codes for c in candidates):
        return next(c for c in candidates if c in sentence_codes)
    if doc is not None:  # the countries the whole document names, most named first
        best = doc.most_named(candidates)
        if best:
            return best
    for test in (lambda c: c == home, lambda c: c in STORY_HOSTS):
        for c in candidates:
            if test(c):
                return c
    return code


def _resolve(mentions: list[Mention], sentence_codes: set[str], home: str | None = None,
             doc: DocPlaces | None = None) -> tuple[str | None, str | None, bool]:
    """(place, city, decided) from the mentions of one window."""
    if not mentions:
        return None, None, False
    if any(m.place.kind == "region" for m in mentions):
        return None, None, True
    codes: list[str] = []
    cities: list[str] = []
    for m in mentions:
        code = m.place.code
        if code and m.place.kind == "city" and m.alternatives:
            code = disambiguate(code, m.alternatives, sentence_codes, home, doc)
        if code and code not in codes:
            codes.append(code)
        if m.place.kind == "city" and m.place.city and m.place.city not in cities:
            cities.append(m.place.city)
    if len(codes) != 1:
        return None, None, True
    city = cities[0] if len(cities) == 1 else None
    return codes[0], city, True


PLACE, MULTI, UNKNOWN = "place", "multi", "unknown"


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a count is: ``scope`` says why ``place`` is None (MULTI: worldwide, a region,
    a countries span or several countries; UNKNOWN: the sentence does not say)."""

    place: str | None
    city: str | None
    scope: str


_NOWHERE = Placed(None, None, UNKNOWN)
_MULTI = Placed(None, None, MULTI)


def place_of(
    s: str, n: Number, lex: Lexicon, *, clause: tuple[int, int], noun_end: int,
    next_start: int, has_span: bool, mentions: list[Mention],
    spans: list[tuple[int, int]] | None = None, doc: DocPlaces | None = None,
    next_count: int | None = None, part: bool = False,
) -> Placed:
    """The ISO code and English city the count is about (see the module docstring).
    ``part``: the count is a part of the next one ("eleven of the 102 sites ... in
    Italy"): its place is read after the whole's noun phrase, and the whole's
    worldwide words are not its own."""
    cs, ce = clause
    after_end = min(ce, next_start)
    cut = lex.after_stop.search(s, noun_end, after_end)
    if cut is not None and cut.group(1) is not None and next_start >= len(s):
        cut = None  # "two in Amsterdam and in Rotterdam": no count follows, one place list
    if cut is None and next_start < len(s):
        cut = lex.conj.search(s, noun_end, after_end)
    if cut:
        # "three in Madrid and in Barcelona two", "Portugal has three and France four"
        after_end = cut.start()
    before_text = s[cs:n.start]
    # after the count: in its noun phrase ("two London sites") or after it, in its clause
    raw_after = [m for m in mentions if n.end <= m.start < after_end]
    if lex.counters and not lex.located_after.match(s, noun_end):
        # counters put the place first: one well after the count is another phrase's
        raw_after = [m for m in raw_after if m.start - noun_end <= _COUNTER_REACH]
    if lex.counters and lex.pack.space_ends_phrase:
        # a space ends a headline's phrase: "「海外派出所」50超か 東京にも拠点"
        gap = _SPACE.search(s, noun_end, after_end)
        if gap is not None:
            raw_after = [m for m in raw_after if m.start < gap.start()]
    before_n = [m for m in mentions if cs <= m.start and m.end <= n.start]
    if any(is_example(s, m, lex) for m in raw_after) or (
            before_n and is_example(s, before_n[-1], lex)):
        # "48곳에는 호주와 일본 등이", "한국을 포함해 29곳": some of several (an example list
        # earlier in the clause is not: "한국, 일본 등에서 48개를 …, 한국에선 1곳이")
        return _MULTI
    after = hosts(s, raw_after, lex)
    # a worldwide phrase may hold a number ("on five continents"): read it up to the next
    # count of facilities (or the "and" before it), not the next number; a place named
    # before it is the count's own ("two in the Netherlands ... a worldwide network of 46")
    world_end = min(ce, next_count if next_count is not None else after_end,
                    cut.start() if cut else len(s))
    world = lex.worldwide.search(s, noun_end, max(world_end, after_end))
    if world and after and after[0].start < world.start():
        world = None
    world_before = max(lex.worldwide.finditer(before_text), key=lambda m: m.start(), default=None)
    if world_before is not None and (any(
            cs + world_before.end() <= m.start and m.end <= n.start
            for m in hosts(s, mentions, lex) if m.place.kind != "region")
            or (lex.pack.home and lex.home_words.search(s, cs + world_before.end(), n.start))):
        world_before = None  # "전 세계에 100곳이 넘는 … 한국에도(국내에서도) 한 곳": a nearer place
    # counters: a place said right after the count ("102곳 중 11곳은 이탈리아")
    located = lex.located_after.match(s, noun_end) if lex.counters else None
    own = bool(located and after and after[0].start - located.end() <= _LOCATED_GAP)
    if not part and (has_span or world or (world_before and not own)):
        return _MULTI  # (a part of a worldwide total is somewhere: "eleven of them in X")
    # countries named in the sentence, and those of cities whose name is unambiguous
    sentence_codes = {m.place.code for m in mentions if m.place.code
                      and (m.place.kind == "country" or not m.alternatives)}
    if not after and spans and after_end == ce:
        after = _apposition(s, lex, noun_end, ce, next_start, spans, mentions)
    if lex.total_before.search(s, max(0, n.start - 6), n.start):
        # "トロントに3カ所、ニューヨークに1カ所の計4カ所": a total of the places before it
        codes = {m.place.code for m in hosts(s, [m for m in mentions if m.end <= n.start], lex)
                 if m.place.code}
        if len(codes) > 1:
            return _MULTI
    # before the count, in its clause or earlier ones: the nearest place ("Italy hosts the
    # most, 11"; "en Barcelona dos"); its city only when the sentence names no other place
    nearest = hosts(s, [m for m in mentions if m.end <= n.start], lex)[-1:]
    # counters put the place first, unless the count says where it is right after it
    # ("其中两个在荷兰", "うち2カ所は東京に")
    order = (nearest, after) if lex.counters and not own else (after, nearest)
    if lex.counters and not own and _pair_before(s, n, lex, cs, mentions):
        return _MULTI  # "미국과 캐나다에 8곳": the two together (one each: distributed())
    if (nearest and nearest[0].place.kind == "region" and lex.pack.home and not own
            and n.value <= SUBJECT_PLACE_MAX and lex.home_words.search(s, nearest[0].end, n.start)):
        return Placed(lex.pack.home, None, PLACE)  # "전 세계에 … 국내에서도 1곳": home is nearer
    for window in order:
        if (window is nearest and n.value > SUBJECT_PLACE_MAX
                and not (nearest and nearest[0].place.kind == "region")):
            continue  # one country hosting dozens is not how this story reads; a region is
        place, city, decided = _resolve(window, sentence_codes, lex.pack.home, doc)
        if decided:
            if window is nearest and city is not None:
                cities_before = [m for m in mentions if cs <= m.start < n.start
                                 and m.place.kind == "city"]
                own_place = lex.loc_at.match(s, noun_end + 1)
                if nearest[0].start < cs or len(cities_before) != 1 or own_place:
                    # a city of an earlier clause, one of several, or the count names
                    # its own (unknown) place: "duas em Lisboa e uma na Madeira"
                    city = None
            return Placed(place, city, PLACE) if place else _MULTI
    if n.value <= SUBJECT_PLACE_MAX:  # "in the country" is said of a country's own figure
        if lex.pack.home and lex.home_words.search(s):
            # "국내 거점 1곳", "国内の拠点": the home country of the language, said outright;
            # in a story about another country that never names its own, that country's
            # ("英国の担当相は…国内3拠点")
            focus = doc.host_focus() if doc is not None else None
            if (focus and focus != lex.pack.home and doc is not None
                    and focus in (doc.single_country(0), doc.country_before(s))
                    and not doc.names(lex.pack.home)):
                return Placed(focus, None, PLACE)  # (its lead, or the sentence before, names it)
            return Placed(lex.pack.home, None, PLACE)
        if doc is not None and lex.here.search(s):
            # "four on the territory", "três no país": the country the article is about,
            # else the home country of the language
            focus = doc.focus() or lex.pack.home
            if focus:
                return Placed(focus, None, PLACE)
    world_frame = max(lex.worldwide.finditer(s, 0, cs), key=lambda m: m.start(), default=None)
    if world_frame is not None and not any(world_frame.end() <= m.start and m.end <= n.start
                                           for m in mentions):
        return _MULTI  # "从全球看，此类站点已超过100个": a worldwide frame for the sentence
    return _NOWHERE


_WORDS = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s")
_LOCATED_GAP = 1  # "两个在荷兰": the place right after the word that locates a count
_PARTICLE_MAX = 3  # characters of the particle between a place and its count ("에만")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
_COUNTER_REACH = 8  # characters after a counted noun where its place may still be named
_APPOSITION_GAP = 3  # adjectives after the noun ("deux postes de police chinois, à Lyon")


def _apposition(s: str, lex: Lexicon, noun_end: int, ce: int, next_start: int,
                spans: list[tuple[int, int]], mentions: list[Mention]) -> list[Mention]:
    """Places in an apposition after a count that closes its clause: "at least two, in
    Prato and Florence", "trois, à Londres, Glasgow et Belfast"."""
    if lex.counters or len(_WORDS.findall(s, noun_end, ce)) > _APPOSITION_GAP:
        return []  # the clause goes on after the count: not a count closing it
    following = [(a, b) for a, b in spans if a >= ce]
    if not following or following[0][1] > next_start:
        return []
    a, b = following[0]
    lead = len(s[a:b]) - len(s[a:b].lstrip())
    loc = lex.loc_at.match(s, a + lead)
    out = [m for m in mentions if a <= m.start < b]
    if not loc or not out or out[0].start - loc.end() > _APPOSITION_GAP * 2:
        return []  # ", in Prato and Florence" - not ", in a report published in Madrid"
    for a2, b2 in following[1:]:  # the list goes on: ", Glasgow and Belfast"
        if b2 > next_start:
            break
        head = a2 + len(s[a2:b2]) - len(s[a2:b2].lstrip())
        more = [m for m in mentions if a2 <= m.start < b2]
        if not more or more[0].start != head:
            break
        out.extend(more)
    return hosts(s, out, lex)


def sentence_places(s: str, lex: Lexicon) -> list[Mention]:
    """Place mentions of a sentence, computed once and shared by its counts."""
    return find_places(s, lex.pack)


def is_each(s: str, n: Number, lex: Lexicon, noun_end: int) -> bool:
    """A count said of each of several places: "je eine", "各2个", "one each", "um posto cada"."""
    if lex.each_before.search(s, max(0, n.start - 12), n.start):
        return True
    return bool(lex.each_after.search(s, n.end, min(len(s), max(noun_end, n.end) + 30)))


def distributed(s: str, n: Number, lex: Lexicon, *, noun_end: int, prev_end: int,
                next_start: int, spans: list[tuple[int, int]], mentions: list[Mention],
                doc: DocPlaces | None) -> list[Placed]:
    """One place per country (or per city, when all are in one country) that a count said
    of each is about: those named after it up to the clause of the next count ("one each
    in Austria and Sweden, in Hungary, as well as two in..."), else those before it since
    the count before ("Oostenrijk, Zweden en Hongarije hebben elk één")."""
    stop = len(s)
    if next_start < len(s):
        # up to the next count's clause, or the "and" that brings it in ("e due alla...")
        stop = next((a for a, b in spans if a <= next_start < b), next_start)
        joins = [m.start() for m in lex.conj.finditer(s, stop, next_start)]
        stop = joins[-1] if joins else stop
    for mark in (";", "；"):
        cut = s.find(mark, noun_end, stop)
        if cut >= 0:
            stop = cut
    start = max(prev_end, s.rfind(";", 0, n.start) + 1, s.rfind("；", 0, n.start) + 1)
    located = lex.located_after.match(s, prev_end) if lex.counters and prev_end else None
    if located:  # "其中两个在荷兰，英国和加拿大各有3个": the Netherlands is the count before's
        own = [m for m in mentions if 0 <= m.start - located.end() <= _LOCATED_GAP]
        start = max(start, own[0].end if own else start)
    after = hosts(s, [m for m in mentions if noun_end <= m.start < stop], lex)
    before = hosts(s, [m for m in mentions if start <= m.start and m.end <= n.start], lex)
    # counters put the places first ("미국·아일랜드·일본에서는 각 1곳"), words after
    window = (before or after) if lex.counters else (after or before)
    codes = {m.place.code for m in mentions if m.place.code and m.place.kind == "country"}
    places: list[tuple[str, str | None]] = []
    for m in window:
        if m.place.kind == "region" or not m.place.code:
            continue
        code = m.place.code
        if m.alternatives:
            code = disambiguate(code, m.alternatives, codes, lex.pack.home, doc)
        city = m.place.city if m.place.kind == "city" else None
        if (code, city) not in places:
            places.append((code, city))
    countries = list(dict.fromkeys(code for code, _ in places))
    if len(countries) > 1:
        return [Placed(code, None, PLACE) for code in countries]
    cities = [city for _, city in places if city]
    if len(cities) > 1:
        return [Placed(countries[0], city, PLACE) for city in cities]
    return []


_JOINER = re.compile(r"[\s,、，;；と]*")  # と: Japanese "and" between two counts


def respective(s: str, counts: list[tuple[int, int]], lex: Lexicon, *, prev_end: int,
               mentions: list[Mention], doc: DocPlaces | None) -> list[Placed] | None:
    """Places paired in order with a list of counts said "respectively" ("France and Spain
    have 4 and 9 respectively", "法国和西班牙分别有4个和9个"): the places named before the
    first count (since ``prev_end``), one per count; None when they do not pair up.
    ``counts``: (start, noun end) of each count of the list."""
    window = hosts(s, [m for m in mentions if prev_end <= m.start and m.end <= counts[0][0]], lex)
    codes = {m.place.code for m in mentions if m.place.code and m.place.kind == "country"}
    places: list[tuple[str, str | None]] = []
    for m in window:
        if m.place.kind == "region" or not m.place.code:
            return None
        code = m.place.code
        if m.alternatives:
            code = disambiguate(code, m.alternatives, codes, lex.pack.home, doc)
        city = m.place.city if m.place.kind == "city" else None
        if (code, city) not in places:
            places.append((code, city))
    if len(places) != len(counts):
        return None
    return [Placed(code, city, PLACE) for code, city in places]


def _pair_before(s: str, n: Number, lex: Lexicon, cs: int, mentions: list[Mention]) -> bool:
    """The count follows, with only a short particle between (no word: "에", "에만"), the
    last of two joined countries of its clause: it is a count of both."""
    named = [m for m in hosts(s, [m for m in mentions if cs <= m.start and m.end <= n.start],
                              lex) if m.place.kind == "country" and m.place.code]
    if len(named) < 2:
        return False
    a, b = named[-2], named[-1]
    gap = s[b.end:n.start].strip()
    return (a.place.code != b.place.code and len(gap) <= _PARTICLE_MAX
            and not _IDEOGRAPH.search(gap) and joined(s, a.end, b.start, lex))


def joined(s: str, a: int, b: int, lex: Lexicon) -> bool:
    """Whether s[a:b] only joins two items of a list (commas, "and", "和")."""
    gap = s[a:b]
    m = _JOINER.match(gap)
    rest = gap[m.end():] if m else gap
    if not rest:
        return True
    c = lex.conj.match(rest)
    return c is not None and not rest[c.end():].strip(" ,、，")
