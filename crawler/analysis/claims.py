"""Facility-count claims of a document, read sentence by sentence in small stages:

1. numbers (numbers.py) → 2. what each counts (phrase.py) → 3. qualifier, increment,
place and the countries/cities spans tied to it (modifiers.py) → 4. ClaimData with the
sentence as evidence. A cheap prefilter skips every sentence without a facility noun, so
the heavier stages run on a handful of sentences per article.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

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

log = logging.getLogger(__name__)

_WORDS = re.compile(r"[^\W\d_]+")

MAX_COUNT = 999  # nobody reports a thousand stations; larger numbers are something else
CONTEXT_SENTENCES = 2  # bare counts are read this many sentences after a facility is named


def mentions_facility(sentence: str, pack: LangPack) -> bool:
    """True when the sentence names a facility (the cheap prefilter of every stage)."""
    lex = lexicon(pack)
    lowered = sentence.lower()
    text = lowered if len(lowered) == len(sentence) else sentence
    return (has_word(lex.facility, text, inside=pack.compounds)
            or lex.pronoun_verb.search(text) is not None)  # "l'ONG en dénombre..."


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
    if not nums:
        return []
    spans = clauses(s)
    found: list[tuple[Number, Counted, tuple[int, int]]] = []
    skip = False
    last_kind, last_other_end = "", 0
    changes = _changes(s, nums, lex)
    for i, n in enumerate(nums):
        if skip:
            skip = False
            continue
        clause = next(((a, b) for a, b in spans if a <= n.start < b), (0, len(s)))
        nxt = nums[i + 1] if i + 1 < len(nums) else None
        counted = classify(s, n, nxt, lex, clause[1])
        if counted is None:
            continue
        if i in changes:  # "from 54 to 102": the earlier figure, and not a range
            counted = Counted("elliptic", n.end, None, False)
        elif i - 1 in changes and counted.kind == "other":
            counted = Counted("elliptic", n.end, None, False)
        if counted.kind == "other":
            if n.kind != "article":
                last_kind, last_other_end = "other", n.end
            continue
        if (counted.kind == "elliptic" and last_kind == "other"
                and lex.conj.search(s, last_other_end, n.start)):
            continue  # "two men in Paris and three in Rome": the unit carries over
        if (counted.kind == "elliptic" and last_kind in ("countries", "cities") and found
                and not any(c.kind in ("facility", "elliptic") for _, c, _ in found)
                and lex.from_word.search(s, found[-1][0].end, n.start)):
            continue  # "it spans 53 countries, up from 21": still countries
        last_kind = counted.kind
        skip = counted.skip_next
        found.append((n, counted, clause))
    numerals = [c for n, c, _ in found if c.kind in ("facility", "elliptic") and n.kind != "article"]
    # an indefinite article counts one only beside numerals in a list of the same things
    found = [(n, Counted("facility", c.noun_end, c.qualifier, c.added, c.skip_next), cl)
             if c.kind == "indefinite" else (n, c, cl)
             for n, c, cl in found if c.kind != "indefinite" or numerals]
    if not any(c.kind in ("facility", "elliptic") for _, c, _ in found):
        return []
    read = _build(s, sentence, found, lex, nums, spans, doc, context, before)
    if context:
        framed = bool(lex.total.search(s))
        read = [r for r in read if _stands_alone(r, framed)]
    return read


def _changes(s: str, nums: list[Number], lex: Lexicon) -> set[int]:
    """Indices of numbers that open a change "from N to M" (a figure that rose or fell),
    told from a range ("three to four") by the "from" and by the size of the change."""
    out: set[int] = set()
    for i in range(len(nums) - 1):
        a, b = nums[i], nums[i + 1]
        if (lex.change_from.search(s, max(0, a.start - 8), a.start)
                and lex.change_to.match(s[a.end:b.start])
                and abs(b.value - a.value) > max(2, min(a.value, b.value) // 2)):
            out.add(i)
    return out


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
    for idx in facilities:
        n, counted, clause = found[idx]
        if n.value > MAX_COUNT or _other_org(s, n, counted, lex) or _retracted(s, n, counted, lex):
            continue
        countries = _span_for(s, lex, found, facilities, idx, "countries")
        cities = _span_for(s, lex, found, facilities, idx, "cities")
        qual = (qualifier_before(s, n, lex, clause[0]) or n.qualifier or counted.qualifier
                or "exact")
        added = counted.added or added_before(s, n, lex, clause[0])
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
              and len(_WORDS.findall(s)) >= 3
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
        cue = context and placed.place is None and bool(
            lex.recount.search(s, max(clause[0], n.start - 40), n.start)
            or lex.earlier_figure.search(s, max(0, n.start - 25), n.start)
            or lex.recount.search(s, counted.noun_end, min(clause[1], counted.noun_end + 30)))
        claim = ClaimData(count=n.value, qualifier=qual, place=placed.place, city=placed.city,
                          added=added, countries=countries, cities=cities, evidence=evidence)
        out.append(_Read(claim, placed.scope, cue))
    return out


def _goes_on(s: str, lex: Lexicon, clause: tuple[int, int], later: tuple[int, int]) -> bool:
    """Whether clause ``later`` goes on with the place of ``clause``: it comes right after
    it and opens with a preposition of place (", in 25 cities in 21 countries")."""
    if later[0] != clause[1] + 1 and s[clause[1]:later[0]].strip(" ,") != "":
        return False
    return bool(lex.loc_at.match(s, later[0] + len(s[later[0]:later[1]]) - len(s[later[0]:later[1]].lstrip())))


def _span_for(s: str, lex: Lexicon, found: list[tuple[Number, Counted, tuple[int, int]]],
              facilities: list[int], idx: int, kind: str) -> int | None:
    """The countries/cities figure tied to facility count ``idx`` in its clause: the first
    one after it (before the next facility count); else, for the first count of the
    sentence only, the nearest one before it ("在53个国家设立了102个")."""
    later = [f for f in facilities if f > idx]
    stop = later[0] if later else len(found)
    clause = found[idx][2]
    for j in range(idx + 1, stop):
        if found[j][1].kind == kind and (found[j][2] == clause or _goes_on(s, lex, clause, found[j][2])):
            return found[j][0].value
    if any(f < idx for f in facilities):
        return None  # a span before this count belongs to the count before it
    for j in range(idx - 1, -1, -1):
        if found[j][1].kind == kind and found[j][2] == clause:
            return found[j][0].value
    return None


def _retracted(s: str, n: Number, counted: Counted, lex: Lexicon) -> bool:
    """A figure a correction takes back: said right before "とあったのは" / "应为", or in a
    sentence telling the earlier version, unless after a "but" ("not three but four")."""
    if lex.erratum_after.match(s, counted.noun_end if counted.noun_end > n.end else n.end):
        return True
    wrong = lex.erratum.search(s)
    return bool(wrong) and not lex.contrast_word.search(s, 0, n.start)


def _other_org(s: str, n: Number, counted: Counted, lex: Lexicon) -> bool:
    window = s[max(0, n.start - 30):min(len(s), counted.noun_end + 25)]
    return bool(lex.other_org.search(window))


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
    for i, (sentence, names_one, listed) in enumerate(zip(texts, names, rows, strict=True)):
        if listed and listing:
            since_one = 0
            for row in listed:
                _keep(best, _Read(ClaimData(row.count, row.qualifier, row.place, row.city, False,
                                            None, None, sentence), row.scope, False))
            continue
        since_one = 0 if names_one else since_one + 1
        context = 0 < since_one <= CONTEXT_SENTENCES
        if not names_one and not context:
            continue
        read = _read(sentence, lex, context=context, checked=True, doc=doc,
                     before=partial(doc.single_country, i - 1) if i else None)
        if context and read:
            since_one = 0  # a list of counts goes on: "Spain has nine. Portugal had three."
        for r in read:
            _keep(best, r)
    placed = {(c.count, c.added) for c in (r.claim for r in best.values()) if c.place}
    in_city = {(c.count, c.place, c.added) for c in (r.claim for r in best.values()) if c.city}
    return [Reading(r.claim, r.scope) for r in best.values()
            if not (r.scope == UNKNOWN and (r.claim.count, r.claim.added) in placed)
            and not (r.claim.city is None and (r.claim.count, r.claim.place, r.claim.added) in in_city)]


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
