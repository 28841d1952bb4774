"""What the counts of one sentence say about each other, and about themselves.

Stage 3 helpers of claims.py: a change "from 54 to 102" (not a range), counts of a list
said "respectively" paired with their places, the countries/cities span tied to a count,
a figure a correction takes back, and counts of a near-topic network.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol, TypeVar

from crawler.analysis.focus import DocPlaces
from crawler.analysis.lexicon import Lexicon
from crawler.analysis.modifiers import Placed, is_each, joined, respective
from crawler.analysis.numbers import Number
from crawler.analysis.phrase import Counted
from crawler.analysis.places import Mention
from crawler.analysis.types import ClaimData

Found = list[tuple[Number, Counted, tuple[int, int]]]  # each number, what it counts, its clause


_PREDICATE_WORDS = 3  # words between a copula and the count said of its subject, at most
_SUBJECT_WORDS = 1  # words between the subject and its copula, at most


def predicate_of_blocked(s: str, n: Number, clause: tuple[int, int], lex: Lexicon) -> bool:
    """A bare count said, after a copula, of a subject that stations never are: "le
    richieste arrivate sono state solo quattro", "the arrests were three"."""
    words = list(lex.word_at.finditer(s, clause[0], n.start))
    cop = next((k for k in range(len(words) - 1, -1, -1)
                if words[k].lastgroup == "copula"), None)
    if cop is None or len(s[words[cop].end():n.start].split()) > _PREDICATE_WORDS:
        return False
    head = next((w for w in reversed(words[:cop]) if w.lastgroup in ("facility", "blocked")),
                None)
    # the subject itself: right before its verb ("le richieste arrivate sono")
    return (head is not None and head.lastgroup == "blocked"
            and len(s[head.end():words[cop].start()].split()) <= _SUBJECT_WORDS)


def changes(s: str, nums: list[Number], lex: Lexicon) -> set[int]:
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


def respective_pairs(s: str, found: Found,
                facilities: list[int], lex: Lexicon, mentions: list[Mention],
                doc: DocPlaces | None) -> dict[int, Placed]:
    """Counts of a list said "respectively" / "each" (分别, 각각, それぞれ), paired in order
    with the places named before the list."""
    out: dict[int, Placed] = {}
    k = 0
    while k < len(facilities):
        group = [facilities[k]]
        while (k + 1 < len(facilities)
               and joined(s, found[group[-1]][1].noun_end, found[facilities[k + 1]][0].start, lex)):
            k += 1
            group.append(facilities[k])
        k += 1
        if len(group) < 2 or not (
                any(is_each(s, found[g][0], lex, found[g][1].noun_end) for g in group)
                or _each_said_after(s, found[group[-1]][1].noun_end, lex)):
            continue
        before = [f for f in facilities if f < group[0]]
        prev_end = found[before[-1]][1].noun_end if before else 0
        places = respective(s, [(found[g][0].start, found[g][1].noun_end) for g in group], lex,
                            prev_end=prev_end, mentions=mentions, doc=doc)
        if places:
            out.update(zip(group, places, strict=True))
    return out


_EACH_AFTER_REACH = 6  # characters after a list of counts where "respectively" may follow


def _each_said_after(s: str, end: int, lex: Lexicon) -> bool:
    """Counters: "respectively" said after the list ("2곳과 1곳을 각각 폐쇄했다",
    "2カ所、1カ所がそれぞれ")."""
    if not lex.counters or not lex.pack.each_before:
        return False
    return _each_words(lex.pack.each_before).search(s, end, end + _EACH_AFTER_REACH) is not None


@lru_cache(maxsize=16)
def _each_words(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{words})")


def _goes_on(s: str, lex: Lexicon, clause: tuple[int, int], later: tuple[int, int]) -> bool:
    """Whether clause ``later`` goes on with the place of ``clause``: it comes right after
    it and opens with a preposition of place (", in 25 cities in 21 countries")."""
    if later[0] != clause[1] + 1 and s[clause[1]:later[0]].strip(" ,") != "":
        return False
    return bool(lex.loc_at.match(s, later[0] + len(s[later[0]:later[1]]) - len(s[later[0]:later[1]].lstrip())))


def span_for(s: str, lex: Lexicon, found: Found,
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


def retracted(s: str, n: Number, counted: Counted, lex: Lexicon) -> bool:
    """A figure a correction takes back: said right before "とあったのは" / "应为", or in a
    sentence telling the earlier version, unless after a "but" ("not three but four")."""
    if lex.erratum_after.match(s, counted.noun_end if counted.noun_end > n.end else n.end):
        return True
    wrong = lex.erratum.search(s)
    return bool(wrong) and not lex.contrast_word.search(s, 0, n.start)


def other_org(s: str, n: Number, counted: Counted, lex: Lexicon) -> bool:
    """A count of a near-topic network: one named around it, or a network (help centres,
    Confucius Institutes) named before it in the sentence with no station named since
    ("华助中心…到2019年已在39国设立45个")."""
    window = s[max(0, n.start - 30):min(len(s), counted.noun_end + 25)]
    if lex.other_org.search(window):
        return True
    last = max(lex.networks.finditer(s, 0, n.start), key=lambda m: m.start(), default=None)
    return last is not None and not lex.topic_words.search(s, last.end(), max(n.end, counted.noun_end))


_NEWLY_REACH = 12  # characters between a counted noun and "newly found" said of it, at most


def newly_found(s: str, counted: Counted, clause: tuple[int, int], nums: list[Number],
                lex: Lexicon) -> bool:
    """Counters: the count is the object of "newly found" said after it ("48곳의 존재를 새로
    확인했다", "48カ所の存在を新たに確認した"), and no other count follows in its clause
    (in "54곳 외에 새로 확인된 48곳" the new ones are the later count)."""
    if not lex.counters or any(counted.noun_end <= m.start < clause[1] for m in nums):
        return False
    end = min(clause[1], counted.noun_end + _NEWLY_REACH)
    marker = _newly(lex.pack.added_before, lex.pack.recount).search(s, counted.noun_end, end)
    return marker is not None


@lru_cache(maxsize=16)
def _newly(markers: str, verbs: str) -> re.Pattern[str]:
    if not markers or not verbs:
        return re.compile(r"(?!)")
    return re.compile(rf"(?:{markers})\s?(?:{verbs})")


class _Member(Protocol):
    @property
    def claim(self) -> ClaimData: ...
    @property
    def member(self) -> bool: ...


R = TypeVar("R", bound=_Member)


def placed_members(reads: list[R]) -> list[R]:
    """A placed member of a set ("one of these offices is in X") counts one for its country
    when the set is that country's ("Britain has four; one of those is in Belfast"), or when
    the text gives the country no figure of its own; a member of the worldwide set placed
    in a country counted elsewhere in the text is part of that country's figure, and a
    member placed nowhere known is no count."""
    counted_at = {r.claim.place for r in reads if not r.member and r.claim.count > 1}
    out: list[R] = []
    last: R | None = None
    for r in reads:
        if not r.member:
            last = r
        elif r.claim.place is None or (r.claim.place in counted_at and (
                last is None or last.claim.place != r.claim.place)):
            continue
        out.append(r)
    return out
