"""When an indefinite article counts one: as an item of a list of counts.

"une adresse en Corée du Sud et une à New York, deux au Japon" counts each address; "a
station in Tokyo", or "100 Stationen im Ausland; in Dokumenten war auch von einer Station
in Wien die Rede", count nothing: the article is not an item of a list holding a numeral.
"""

from __future__ import annotations

import re

from crawler.analysis.lexicon import Lexicon
from crawler.analysis.numbers import Number
from crawler.analysis.phrase import Counted

_WORDS = re.compile(r"[^\W\d_]+")
_LIST_GAP = 90  # characters between two items of one list of counts, at most
_LIST_GAP_DENSE = 30  # the same in Chinese, Japanese and Korean, which say it in fewer


def in_lists(s: str, found: list[tuple[Number, Counted, tuple[int, int]]],
             lex: Lexicon) -> set[int]:
    """Indices of the indefinite counts that are items of a list holding a numeral count,
    placed as the items are: linked to a numeral, or to another such item."""
    if not any(c.kind in ("facility", "elliptic") and n.kind != "article" for n, c, _ in found):
        return set()
    kept = {k for k, (_, c, _) in enumerate(found) if c.kind in ("facility", "elliptic")}
    candidates = {k for k, (_, c, _) in enumerate(found) if c.kind == "indefinite"
                  and (lex.counters or _placed_after(s, c.noun_end, lex))}
    gap = _LIST_GAP_DENSE if lex.counters else _LIST_GAP
    grew = True
    while grew:
        grew = False
        for k in sorted(candidates - kept):
            n, c, _ = found[k]
            if any(_listed_with(s, n, c, found[j][0], found[j][1], gap) for j in kept):
                kept.add(k)
                grew = True
    return kept & candidates


def _listed_with(s: str, n: Number, c: Counted, m: Number, d: Counted, most: int) -> bool:
    """Whether two counts are near items of one list: no ';' or ':' between them, and
    little else."""
    a, b = (c.noun_end, m.start) if n.start < m.start else (d.noun_end, n.start)
    gap = s[a:b] if a <= b else ""
    return len(gap) <= most and not any(ch in gap for ch in ";:；：")


def _placed_after(s: str, pos: int, lex: Lexicon) -> bool:
    """A preposition of place follows the noun, after its adjectives ("una oficina en …")."""
    words = _WORDS.finditer(s, pos, min(len(s), pos + 40))
    for k, w in enumerate(words):
        if lex.loc_at.fullmatch(w.group()):
            return True
        if k >= 2:
            break
    return False
