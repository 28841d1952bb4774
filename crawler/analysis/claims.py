"""Facility-count claims of a document, read sentence by sentence in small stages:

1. numbers (numbers.py) → 2. what each counts (phrase.py) → 3. qualifier, increment,
place and the countries/cities spans tied to it (modifiers.py) → 4. ClaimData with the
sentence as evidence. A cheap prefilter skips every sentence without a facility noun, so
the heavier stages run on a handful of sentences per article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial

from crawler.analysis.articles import in_lists
from crawler.analysis.counts import (
    changes,
    newly_found,
    other_org,
    placed_members,
    predicate_of_blocked,
    respective_pairs,
    retracted,
    span_for,
)
from crawler.analysis.focus import DocPlaces
from crawler.analysis.langs import LangPack, pack_for
from crawler.analysis.lexicon import Lexicon, has_word, lexicon
from crawler.analysis.listing import listing_rows
from crawler.analysis.modifiers import (
    MULTI,
    PLACE,
    SUBJECT_PLACE_MAX,
    UNKNOWN,
    Placed,
    added_before,
    distributed,
    hosts,
    is_each,
    place_of,
    qualifier_before,
    sentence_places,
)
from crawler.analysis.numbers import FULLWIDTH, Number, find_numbers, has_number
from crawler.analysis.phrase import Counted, classify
from crawler.analysis.text import Sentence, clauses
from crawler.analysis.types import ClaimData

_WORDS = re.compile(r"[^\W\d_]+")

MAX_COUNT = 999  # nobody reports a thousand stations; larger numbers are something else
CONTEXT_SENTENCES = 2  # bare counts are read this many sentences after a facility is named
_DENSE_MIN = 10  # characters of a CJK sentence that stands as one (its words are not spaced)
EXCERPT_SENTENCES = 3  # a text this short that names no facility is read as an excerpt


def mentions_facility(sentence: str, pack: LangPack) -> bool:
    """True when the sentence names a facility (the cheap prefilter of every stage)."""
    lex = lexicon(pack)
    lowered = sentence.lower()
    text = lowered if len(lowered) == len(sentence) else sentence
    return (has_word(lex.facility, text, inside=pack.compounds)
            or lex.pronoun_verb.search(text) is not None  # "l'ONG en dénombre..."
            or lex.of_this_kind.search(text) is not None)  # "100 such bureaus"


def _pack(lang: str | LangPack | None) -> LangPack:
    if isinstance(lang, LangPack):
        return lang
    pack = pack_for(lang)
    if pack is None:
        raise ValueError(f"no language pack for {lang!r}")
    return pack


def sentence_claims(sentence: str, lang: str | LangPack | None, *, context: bool = False,
                    checked: bool = False) -> list[ClaimData]:
    """The claims one sentence makes (``lang``: a pack or its code; None: the fallback)

    ``context``: the sentence names no facility but follows one that does; then only a
    bare count tied to a place, a region, an increment or a counting verb is read
    ("Italy has 11", "quatre en France", "36 in Europe", "the group had documented 54").
    """
    return [r.claim for r in _read(sentence, lexicon(_pack(lang)), context=context,
                                   checked=checked)]


@dataclass(frozen=True, slots=True)
class Reading:
    """A claim and why its place is what it is (modifiers.PLACE, MULTI or UNKNOWN)."""

    claim: ClaimData
    scope: str


@dataclass(frozen=True, slots=True)
class _Read:
    claim: ClaimData
    scope: str   # PLACE, MULTI or UNKNOWN (see modifiers.Placed)
    cue: bool    # a counting verb is said with the count ("had documented 54")
    others: bool = False  # an increment said as "others" ("otras tres")
    member: bool = False  # "una de esas oficinas está en X": a placed member of a set


def _read(sentence: str, lex: Lexicon, *, context: bool = False, checked: bool = False,
          doc: DocPlaces | None = None,
          before: Callable[[], str | None] | None = None) -> list[_Read]:
    pack = lex.pack
    s = sentence if sentence.isascii() else sentence.translate(FULLWIDTH)
    if not context and not checked and not mentions_facility(s, pack):
        return []
    if not has_number(s, pack):
        return []
    nums = find_numbers(s, pack)
    hypothetical = lex.hypothetical.search(s)
    if hypothetical:  # "imagine the outcry if Washington ran a hundred": no figure is claimed
        nums = [n for n in nums if n.start < hypothetical.start()]
    if not nums:
        return []
    spans = clauses(s)
    found: list[tuple[Number, Counted, tuple[int, int]]] = []
    skip = False
    last_kind, last_other_end = "", 0
    changed = changes(s, nums, lex)
    for i, n in enumerate(nums):
        if skip:
            skip = False
            continue
        clause = next(((a, b) for a, b in spans if a <= n.start < b), (0, len(s)))
        nxt = nums[i + 1] if i + 1 < len(nums) else None
        counted = classify(s, n, nxt, lex, clause[1])
        if counted is None:
            continue
        if i in changed:  # "from 54 to 102": the earlier figure, and not a range
            counted = Counted("elliptic", n.end, None, False)
        elif i - 1 in changed and counted.kind == "other":
            counted = Counted("elliptic", n.end, None, False)
        if n.kind == "phrase" and counted.kind != "facility":
            continue  # "die beiden sind 61": a pair of people, not a count standing alone
        if counted.kind == "elliptic" and predicate_of_blocked(s, n, clause, lex):
            continue  # "le richieste arrivate sono state solo quattro": requests
        if counted.kind == "other":
            if n.kind != "article":
                last_kind, last_other_end = "other", n.end
            continue
        if (counted.kind == "elliptic" and last_kind == "other"
                and clause[0] <= last_other_end  # in the same clause, not after a comma
                and lex.conj.search(s, last_other_end, n.start)):
            continue  # "two men in Paris and three in Rome": the unit carries over
        if (counted.kind == "elliptic" and last_kind in ("countries", "cities") and found
                and not any(c.kind in ("facility", "elliptic") for _, c, _ in found)
                and lex.from_word.search(s, found[-1][0].end, n.start)):
            continue  # "it spans 53 countries, up from 21": still countries
        last_kind = counted.kind
        skip = counted.skip_next
        found.append((n, counted, clause))
    # an indefinite article counts one only beside numerals in a list of the same things,
    # placed as they are ("une adresse en Corée du Sud et une à New York, deux au Japon"; not
    # "tres, que sus empleados describen como un punto de ayuda", nor "100 Stationen im
    # Ausland; in Dokumenten war auch von einer Station in Wien die Rede")
    listed = in_lists(s, found, lex)
    found = [(n, Counted("facility", c.noun_end, c.qualifier, c.added, c.skip_next), cl)
             if c.kind == "indefinite" else (n, c, cl)
             for k, (n, c, cl) in enumerate(found) if c.kind != "indefinite" or k in listed]
    if not any(c.kind in ("facility", "elliptic") for _, c, _ in found):
        return []
    # the two figures of a change ("salito da 54 a 102") are framed as counts of something
    moved = {nums[j].start for i in changed for j in (i, i + 1)}
    read = _build(s, sentence, found, lex, nums, spans, doc, context, before, moved)
    if context:
        framed = bool(lex.total.search(s))
        read = [r for r in read if _stands_alone(r, framed)]
    return read


def _part_of_last(s: str, n: Number, counted: Counted, whole: ClaimData, lex: Lexicon) -> bool:
    """A smaller count said as a part of the increment read just before it in the sentence:
    "including two", "undici delle quali", "其中2个", or after a colon."""
    if not whole.added or n.value >= whole.count:
        return False
    near = s[max(0, n.start - 14):n.start]
    return bool(lex.part_before.search(s, max(0, n.start - 10), n.start)
                or lex.example_before.search(near)
                or lex.part_any.search(s, n.end, min(len(s), max(n.end, counted.noun_end) + 14))
                or ":" in near or "：" in near)


def _stands_alone(r: _Read, framed: bool) -> bool:
    """Whether a bare count in a sentence that names no facility is one (see _read)."""
    c = r.claim
    if c.place:
        return c.count <= SUBJECT_PLACE_MAX
    return c.added or (c.countries or 0) > 1 or framed or r.scope == MULTI or r.cue


def _build(
    s: str, evidence: str, found: list[tuple[Number, Counted, tuple[int, int]]],
    lex: Lexicon, nums: list[Number], spans: list[tuple[int, int]], doc: DocPlaces | None,
    context: bool, before: Callable[[], str | None] | None = None,
    moved: frozenset[int] | set[int] = frozenset(),
) -> list[_Read]:
    """``before``: the one country the sentence before names, for a small count this
    sentence does not place ("Portugal ha pedido explicaciones. Son tres, según la ONG")."""
    mentions = sentence_places(s, lex)
    # a small count opening a sentence that names no place takes the one country of the
    # sentence before ("Portugal ha pedido explicaciones. Son tres, según la ONG")
    fallback = before if not mentions else None  # computed only when a count needs it
    codes = {m.place.code for m in hosts(s, mentions, lex) if m.place.code
             and (m.place.kind == "country" or not m.alternatives)}
    own_country = codes.pop() if len(codes) == 1 else None
    facilities = [i for i, (_, c, _) in enumerate(found) if c.kind in ("facility", "elliptic")]
    out: list[_Read] = []
    part_place: str | None = None
    withdrawn_added = False  # the figure a correction just took back was an increment
    paired = respective_pairs(s, found, facilities, lex, mentions, doc)
    for idx in facilities:
        n, counted, clause = found[idx]
        if idx in paired:  # "France and Spain have 4 and 9 respectively"
            p = paired[idx]
            qual = qualifier_before(s, n, lex, clause[0]) or n.qualifier or counted.qualifier
            out.append(_Read(ClaimData(n.value, qual or "exact", p.place, p.city,
                                       counted.added, None, None, evidence), PLACE, False))
            continue
        if n.value > MAX_COUNT or other_org(s, n, counted, lex):
            continue
        if retracted(s, n, counted, lex):
            # the figure that corrects it is as new as it was ("'58' new ones, should be 48")
            withdrawn_added = counted.added or added_before(s, n, lex, clause[0])
            continue
        countries = span_for(s, lex, found, facilities, idx, "countries")
        cities = span_for(s, lex, found, facilities, idx, "cities")
        qual = (qualifier_before(s, n, lex, clause[0]) or n.qualifier or counted.qualifier
                or "exact")
        added = (counted.added or added_before(s, n, lex, clause[0])
                 or newly_found(s, counted, clause, nums, lex) or withdrawn_added)
        withdrawn_added = False
        later = [m.start for m in nums if m.start > counted.noun_end]
        noun_end, part = counted.noun_end, False
        if counted.part_of_next and idx + 1 < len(found):
            # "eleven of the 102 sites are in Italy": placed after the whole's noun
            noun_end, part = found[idx + 1][1].noun_end, True
            later = [m.start for m in nums if m.start > noun_end]
        placed = place_of(
            s, n, lex, clause=clause, noun_end=noun_end, part=part,
            next_start=later[0] if later else len(s),
            has_span=countries is not None and countries > 1, mentions=mentions,
            spans=spans, doc=doc,
            next_count=next((found[f][0].start for f in facilities if f > idx), len(s)),
        )
        if is_each(s, n, lex, counted.noun_end):
            prev = [found[f][1].noun_end for f in facilities if f < idx]
            parts = distributed(s, n, lex, noun_end=counted.noun_end,
                                prev_end=prev[-1] if prev else 0,
                                next_start=next((found[f][0].start for f in facilities
                                                 if f > idx), len(s)), spans=spans,
                                mentions=mentions, doc=doc)
            if parts:  # "one each in Austria and Sweden": one count per place
                out.extend(_Read(ClaimData(n.value, qual, part.place, part.city, added,
                                           None, None, evidence), PLACE, False)
                           for part in parts)
                continue
        if n.value == 1 and placed.scope == UNKNOWN and lex.other_one.search(s, n.end):
            continue  # "one was in an office block, the other in a flat": a known set
        if (lex.part_before.search(s, max(0, n.start - 10), n.start) and out
                and out[-1].scope == PLACE and part_place is None):
            part_place = out[-1].claim.place  # "…3个，其中2个…，1个…": parts of a placed count
        if placed.scope == UNKNOWN and part_place is not None:
            placed = Placed(part_place, None, PLACE)  # a part is where its whole is
        elif (placed.scope == UNKNOWN and fallback is not None and n.value <= SUBJECT_PLACE_MAX
              and (len(_WORDS.findall(s, 0, n.start)) <= 4
                   or lex.recount.search(s, max(0, n.start - 30), n.start))
              and (len(_WORDS.findall(s)) >= 3 or (lex.counters and len(s.strip()) >= _DENSE_MIN))
              and not lex.other_one.search(s) and (country := fallback()) is not None):
            placed = Placed(country, None, PLACE)
        elif (placed.scope == UNKNOWN and own_country and n.value <= SUBJECT_PLACE_MAX
              and not lex.abroad.search(s, clause[0], clause[1])
              and not lex.other_one.search(s)):
            # the one country its sentence names ("Son tres, repartidas entre Lisboa y Oporto")
            placed = Placed(own_country, None, PLACE)
        if (added and placed.scope == PLACE and any(r.scope == PLACE for r in out)
                and lex.others_before.search(s, max(0, n.start - 12), n.start)):
            added = False  # "tres en Barcelona, otras tres en Madrid": a breakdown, not new
        if (not added and lex.increase_by.search(s, max(clause[0], n.start - 6), n.start)
                and lex.increase_verbs.search(s, clause[0], clause[1])):
            added = True  # "ist die Zahl damit um 48 gestiegen", "grew by 48": new ones
        if not added and out and _part_of_last(s, n, counted, out[-1].claim, lex):
            added = True  # "48 new stations, including two in Los Angeles": new ones too
        cue = context and placed.place is None and bool(
            n.start in moved
            or lex.recount.search(s, max(clause[0], n.start - 40), n.start)
            or lex.earlier_figure.search(s, max(0, n.start - 25), n.start)
            or lex.recount.search(s, counted.noun_end, min(clause[1], counted.noun_end + 30)))
        claim = ClaimData(count=n.value, qualifier=qual, place=placed.place, city=placed.city,
                          added=added, countries=countries, cities=cities, evidence=evidence)
        others = added and bool(lex.others_before.search(s, max(0, n.start - 12), n.start))
        out.append(_Read(claim, placed.scope, cue, others, counted.member))
    return out


def document_claims(sentences: Iterable[str | Sentence],
                    lang: str | LangPack | None) -> list[ClaimData]:
    """The claims of a document's sentences (see read_document)."""
    return [r.claim for r in read_document(sentences, lang)]


def read_document(sentences: Iterable[str | Sentence],
                  lang: str | LangPack | None) -> list[Reading]:
    """Claims of all sentences, one per (count, place, added, city): a figure restated later
    in the text is the same claim, and the fullest statement of it is kept; two cities of one
    country with the same figure are two claims, and a city-less restatement of a city's
    figure is not another. A count whose sentence names no place at all ("the two
    stations") is dropped when the document places the same figure."""
    items = [s if isinstance(s, Sentence) else Sentence(s, 0) for s in sentences]
    texts = [s.text for s in items]
    lex = lexicon(_pack(lang))
    doc = DocPlaces(texts, lex.pack)
    best: dict[tuple[int, str | None, bool, str | None], _Read] = {}
    names = [mentions_facility(t, lex.pack) for t in texts]
    rows = [listing_rows(t, lex, doc) if has_number(t, lex.pack) else [] for t in texts]
    # a listing is read when the document names the facilities, or lists two counts or more
    listing = any(names) or sum(len(r) for r in rows) >= 2
    since_one = CONTEXT_SENTENCES + 1  # sentences since the last one naming a facility
    # an excerpt that never names the facilities (its noun is in the article around it:
    # "Son tres, según la ONG, repartidas entre Lisboa y Oporto") is read as their context
    # (a text this short is read so whole: its noun may come after the counts)
    excerpt = len(texts) <= EXCERPT_SENTENCES
    for i, (sentence, names_one, listed) in enumerate(zip(texts, names, rows, strict=True)):
        if listed and listing:
            since_one = 0
            for row in listed:
                _keep(best, _Read(ClaimData(row.count, row.qualifier, row.place, row.city, False,
                                            None, None, sentence), row.scope, False))
            continue
        since_one = 0 if names_one else since_one + 1
        context = 0 < since_one <= CONTEXT_SENTENCES or (excerpt and not names_one)
        if not names_one and not context:
            continue
        read = _read(sentence, lex, context=context, checked=True, doc=doc,
                     before=partial(_neighbour_country, doc, i, len(texts),
                                    sentence[:1] in _OPEN_QUOTES))
        if context and read:
            since_one = 0  # a list of counts goes on: "Spain has nine. Portugal had three."
        for r in read:
            _keep(best, r)
    reads = breakdowns(list(best.values()))
    placed = {(c.count, c.added) for c in (r.claim for r in reads) if c.place}
    in_city = {(c.count, c.place, c.added) for c in (r.claim for r in reads) if c.city}
    reads = placed_members(reads)
    return [Reading(r.claim, r.scope) for r in reads
            if not (r.scope == UNKNOWN and (r.claim.count, r.claim.added) in placed)
            # no country hosts dozens of these stations: "600 British police stations"
            # are the country's own
            and not (r.claim.place is not None and r.claim.count > SUBJECT_PLACE_MAX)
            and not (r.claim.city is None and (r.claim.count, r.claim.place, r.claim.added) in in_city)]


_OPEN_QUOTES = "\"“„«「『‘'"


def breakdowns(reads: list[_Read]) -> list[_Read]:
    """Increments that are the rest of a total said before ("al menos 6 en América Latina:
    dos en Ecuador, una en Chile ... otras tres: dos en Brasil y una en Buenos Aires"): an
    "others" count that, with the countries listed since a small multi-country total, does
    not exceed it is a part of that total, and so are the counts said as its parts."""
    out: list[_Read] = []
    total: int | None = None
    listed = parts_left = 0
    seen: set[str] = set()
    for r in reads:
        c = r.claim
        if not c.added and c.place is None and r.scope == MULTI and c.count <= SUBJECT_PLACE_MAX:
            total, listed, parts_left, seen = c.count, 0, 0, set()
        elif total is not None and c.added and parts_left and c.count <= parts_left:
            parts_left -= c.count  # "dos en Brasil": a part of the "others"
            r = replace(r, claim=replace(c, added=False))
        elif total is not None and c.added and r.others and listed and listed + c.count <= total:
            listed, parts_left = listed + c.count, c.count
            r = replace(r, claim=replace(c, added=False))
        elif total is not None and not c.added and c.place is not None and c.place not in seen:
            seen.add(c.place)  # a country's figure once (its cities are its parts)
            listed += c.count
        out.append(r)
    return out


def _neighbour_country(doc: DocPlaces, i: int, count: int, quoted: bool) -> str | None:
    """The one country of the sentence before; for a quotation, else of the sentence after
    it, which says who spoke and about where ("'We are looking at three.' Britain's
    security minister said of the centres in London and Glasgow")."""
    country = doc.single_country(i - 1) if i else None
    if country is None and quoted and i + 1 < count:
        country = doc.single_country(i + 1)
    return country


def _keep(best: dict[tuple[int, str | None, bool, str | None], _Read], r: _Read) -> None:
    """Keep ``r`` unless the same figure is already kept, stated as fully."""
    c = r.claim
    key = (c.count, c.place, c.added, c.city)
    old = best.get(key)
    if old is None or _richer(c, old.claim):
        best[key] = r


def _richer(new: ClaimData, old: ClaimData) -> bool:
    def score(c: ClaimData) -> int:
        return ((c.countries is not None) + (c.cities is not None) + (c.city is not None)
                + (c.qualifier != "exact"))
    return score(new) > score(old)
