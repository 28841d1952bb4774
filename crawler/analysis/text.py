"""Sentence splitting for every language the coverage comes in (CJK 。！？ included).

Pure and cheap: one precompiled pattern finds candidate boundaries; a small guard keeps
abbreviations ("U.S.", "Mr.", "e.g.") and numbers ("1.000") inside their sentence.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int  # offset of ``text`` in the document


# A candidate boundary starts with one end mark or a line break (a single character class
# first lets the regex engine skip ahead fast); what follows decides in split_sentences:
# Latin end punctuation needs a space after it, CJK end punctuation does not.
# a line break right after the mark (blank lines too) is part of the same match: a line
# break always ends a sentence, and one match per paragraph end keeps the loop short
_BOUNDARY = re.compile(r"""[.!?…。！？\n][.!?…。！？]*["'”’»)\]」』）]*([^\S\n]*\n\s*)?""")
_CJK_END = frozenset("。！？")
_ABBREV = frozenset(
    """mr mrs ms dr prof st jr sr vs etc e.g i.e u.s u.k u.n no nr art fig gen col lt sgt
    gov sen rep inc ltd co corp dept approx ca bzw z.b d.h usw sr sra dña dra av
    mme mlle m p.ex cf s.a n.º nº núm sig ecc dott ing sig.ra""".split()
)
_SPACE = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"[^\S ]|  ")
_ORDINAL_DATE = re.compile(r"(?<!\d)\d{1,2}$")
_MONTH = re.compile(
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b"
)


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at ``dot`` ends an abbreviation or initial, not a sentence."""
    j = dot
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "([\"'“‘«":
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return True
    return word in _ABBREV or word.rstrip(".") in _ABBREV


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, stripped, with their offsets."""
    out: list[Sentence] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        mark = m.group()
        first = mark[0]
        end = m.end()
        if m.start(1) < 0 and first != "\n" and first not in _CJK_END and (
                len(mark) == 1 or not _CJK_END.intersection(mark)):
            if end < n and not text[end].isspace():
                continue  # "1.000", "U.S.A", "e.g.,"
            if first == "." and _is_abbreviation(text, m.start()):
                continue
            if first == "." and end < n:
                # "the U.S. said" / "3. Oktober": next word lower case or a digit → no boundary
                nxt = text[end:end + 12].lstrip()
                if nxt[:1].islower() or nxt[:1].isdigit():
                    continue
                if _ORDINAL_DATE.search(text[max(0, m.start() - 3):m.start()]) and _MONTH.match(nxt):
                    continue  # German ordinal date: "am 3. Oktober"
        _emit(text, start, end, out)
        start = end
    _emit(text, start, n, out)
    return out


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    if _ODD_SPACE.search(stripped):  # line breaks, tabs, runs of spaces: one space each
        stripped = _SPACE.sub(" ", stripped)
    out.append(Sentence(text=stripped, start=start + lead))


def clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) spans of the clauses of a sentence, split at , ; : and CJK ，；："""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE.finditer(sentence):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return spans


# a comma between digits ("1,000") is not a clause break
_CLAUSE = re.compile(r"(?<!\d),(?!\d)|(?<=\d),(?=\s)|[;:，；：—–]|\s-\s|[()（）]")
