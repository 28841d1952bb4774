"""Listings and tables: a place and a count per row or item, with nothing else said.

News pages list the stations by country or city as text: bulleted lines ("• Italie – 11
postes"), table rows flattened to lines ("이탈리아 | 11", "イタリア 11"), items on one line
("Italy: 11 | Spain: 9"), numbered lists ("1. Milano (2)"), and totals ("Total em
Portugal: 3 | Europa: pelo menos 41 | Mundo: 102"). Read as prose, the count of one row
takes the place of the next. Here each row or item is read on its own: its head is a
place (or a region, or a worldwide word, after an optional "total in"), then a separator,
then the count with an optional qualifier, then at most a facility noun or counter and a
parenthesis. Anything else in the row and it is not a listing row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.analysis.focus import DocPlaces
from crawler.analysis.lexicon import Lexicon
from crawler.analysis.modifiers import MULTI, PLACE, disambiguate
from crawler.analysis.numbers import find_numbers
from crawler.analysis.places import Mention, find_places

_BULLET = re.compile(r"[\s\-–—•▪■*·◦►]*(?:\d{1,2}[.)]\s+)?")
_ITEMS = re.compile(r"\s*[|•▪■◦►]\s*")
_SEP = re.compile(r"\s*(?:[:|–—=]|-(?!\d)|\()?\s*")
_PAREN = re.compile(r"\s*\)?\s*(?:\([^()]{0,40}\))?")
_ROW_MAX = 80  # a row longer than this is prose
# a number near the end of the line or of an item ("Italy: 11", "Milano (2) |", "11 postes")
_ROW_SHAPE = re.compile(r"[0-9０-９][^0-9０-９|•▪■◦►]{0,24}(?:$|[|•▪■◦►])")
_END = re.compile(r"\s*[.;]?\s*$")


@dataclass(frozen=True, slots=True)
class Row:
    """One listed count: where, how many, and the scope of the place."""

    count: int
    qualifier: str
    place: str | None
    city: str | None
    scope: str  # modifiers.PLACE or MULTI


def listing_rows(line: str, lex: Lexicon, doc: DocPlaces | None = None) -> list[Row]:
    """The rows of ``line`` when the whole line is a listing (one row, or items separated by
    '|', '•'...); an empty list when any part of it is not. ``doc`` settles city names
    shared by several countries ("Valencia" in a list that names Spain)."""
    if len(line) > _ROW_MAX and not _ITEMS.search(line):
        return []
    if not _ROW_SHAPE.search(line):
        return []  # no number closing a short item: prose (most sentences stop here)
    whole = _row(line, lex, doc)
    if whole is not None:
        return [whole]
    items = [i for i in _ITEMS.split(line) if i.strip()]
    if len(items) < 2:
        return []
    rows = [_row(item, lex, doc) for item in items]
    if any(r is None for r in rows):
        return []
    return [r for r in rows if r is not None]


def _row(text: str, lex: Lexicon, doc: DocPlaces | None) -> Row | None:
    bullet = _BULLET.match(text)
    pos = bullet.end() if bullet else 0
    head = _head(text, pos, lex, doc)
    if head is None:
        return None
    place, city, scope, pos = head
    sep = _SEP.match(text, pos)
    pos = sep.end() if sep else pos
    qualifier = None
    q = _qualifier_at(text, pos, lex)
    if q is not None:
        qualifier, pos = q
    numbers = [n for n in find_numbers(text[pos:], lex.pack) if n.start == 0]
    if not numbers or not 0 < numbers[0].value <= 999:
        return None
    n = numbers[0]
    pos += n.end
    pos = _tail(text, pos, lex)
    if not _END.match(text, pos):
        return None
    return Row(n.value, qualifier or n.qualifier or "exact", place, city, scope)


def _head(text: str, pos: int, lex: Lexicon,
          doc: DocPlaces | None) -> tuple[str | None, str | None, str, int] | None:
    """(place, city, scope, end) of a row's head: a place, a region or a worldwide word,
    after an optional "total in"."""
    total = lex.total.match(text, pos)
    if total:
        pos = total.end()
        while pos < len(text) and text[pos] == " ":
            pos += 1
        loc = lex.loc_at.match(text, pos)
        if loc:
            pos = loc.end()
        while pos < len(text) and text[pos] == " ":
            pos += 1
    world = lex.worldwide.match(text, pos)
    if world:
        return None, None, MULTI, world.end()
    mentions = [m for m in find_places(text[pos:], lex.pack) if m.start == 0]
    if not mentions:
        if total and _SEP.match(text, pos) and text[pos:pos + 1] in ":|–—=":
            return None, None, MULTI, pos  # "Total: 102"
        return None
    return _placed(mentions[0], pos, lex, doc)


def _placed(m: Mention, offset: int, lex: Lexicon,
            doc: DocPlaces | None) -> tuple[str | None, str | None, str, int]:
    end = offset + m.end
    if m.place.kind == "region" or m.place.code is None:
        return None, None, MULTI, end
    code = m.place.code
    if m.alternatives:
        code = disambiguate(code, m.alternatives, set(), lex.pack.home, doc)
    city = m.place.city if m.place.kind == "city" else None
    return code, city, PLACE, end


def _qualifier_at(text: str, pos: int, lex: Lexicon) -> tuple[str, int] | None:
    for key in ("more_than", "at_least", "about", "up_to"):
        frag = getattr(lex.pack, "q_" + key)
        if frag:
            m = re.compile(rf"(?:{frag})\s*", re.IGNORECASE).match(text, pos)
            if m:
                return key, m.end()
    return None


def _tail(text: str, pos: int, lex: Lexicon) -> int:
    """Past what may follow a listed count: a counter or facility noun, a parenthesis."""
    m = lex.counter_facility_at.match(text, pos) or lex.counter_generic_at.match(text, pos)
    if m:
        pos = m.end()
    else:
        space = pos
        while space < len(text) and text[space] == " ":
            space += 1
        m = lex.facility_at.match(text, space)
        if m:
            pos = m.end()
    paren = _PAREN.match(text, pos)  # "Milano (2)", "Deutschland: 1 (Frankfurt)"
    return paren.end() if paren else pos
