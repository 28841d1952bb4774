"""Sentence splitting for every language the coverage comes in (CJK 。！？ included).

Pure and cheap: one precompiled pattern finds candidate boundaries; a small guard keeps
abbreviations of the text's language pack ("U.S.", "Mr.", "e.g.") and numbers ("1.000")
inside their sentence. A line break always ends a sentence: the text holds one block
(headline, byline, paragraph, list item) per line, and a sentence never spans two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from crawler.analysis.langs import PACKS, LangPack


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int  # offset of ``text`` in the document
    block: int = 0  # index of the block (line) it is in
    block_end: bool = False  # the last sentence of its block


# A candidate boundary starts with one end mark or a line break (a single character class
# first lets the regex engine skip ahead fast); what follows decides in split_sentences:
# Latin end punctuation needs a space after it, CJK end punctuation does not.
# a line break right after the mark (blank lines too) is part of the same match: a line
# break always ends a sentence, and one match per paragraph end keeps the loop short
_BOUNDARY = re.compile(r"""[.!?…。！？\n][.!?…。！？]*["'”’»)\]」』）]*([^\S\n]*\n\s*)?""")
_CJK_END = frozenset("。！？")
_SPACE = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"[^\S ]|  ")
_ORDINAL_DATE = re.compile(r"(?<!\d)\d{1,2}$")
_NEVER = re.compile(r"(?!x)x")


@cache
def _month(code: str) -> re.Pattern[str]:
    month = PACKS[code].month
    return re.compile(rf"(?:{month})\b", re.IGNORECASE) if month else _NEVER


@cache
def _ordinal(code: str) -> re.Pattern[str]:
    words = PACKS[code].ordinal_before
    return re.compile(rf"(?<![^\W\d_])(?:{words})\s+\d{{1,3}}$", re.IGNORECASE) if words else _NEVER


def _is_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """True when the '.' at ``dot`` ends an abbreviation or initial, not a sentence."""
    j = dot
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "([\"'“‘«":
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return True
    return word in abbreviations or word.rstrip(".") in abbreviations


def split_sentences(text: str, pack: LangPack | None = None) -> list[Sentence]:
    """The sentences of ``text`` in order, stripped, with their offsets and blocks."""
    abbreviations = pack.abbreviations if pack is not None else frozenset()
    month = (_month(pack.code) if pack is not None and pack.ordinal_day_dot
             and pack.code in PACKS else _NEVER)
    ordinal = (_ordinal(pack.code) if pack is not None and pack.ordinal_day_dot
               and pack.code in PACKS else _NEVER)
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
            if first == "." and _is_abbreviation(text, m.start(), abbreviations):
                continue
            if first == "." and end < n:
                # "the U.S. said" / "3. Oktober": next word lower case or a digit → no boundary
                nxt = text[end:end + 12].lstrip()
                if nxt[:1].islower() or nxt[:1].isdigit():
                    continue
                if _ORDINAL_DATE.search(text[max(0, m.start() - 3):m.start()]) and month.match(nxt):
                    continue  # German ordinal date: "am 3. Oktober"
                if ordinal.search(text, max(0, m.start() - 12), m.start()):
                    continue  # "dem 10. Bezirk": an article before "N." makes an ordinal
        _emit(text, start, end, out)
        start = end
    _emit(text, start, n, out)
    return _blocks(text, out)


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    if _ODD_SPACE.search(stripped):  # tabs, runs of spaces: one space each
        stripped = _SPACE.sub(" ", stripped)
    out.append(Sentence(text=stripped, start=start + lead))


def _blocks(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """Number the blocks: a line break between two sentences starts a new block."""
    out: list[Sentence] = []
    block = 0
    for i, s in enumerate(sentences):
        if i and "\n" in text[sentences[i - 1].start:s.start]:
            block += 1
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        last = nxt is None or "\n" in text[s.start:nxt.start]
        out.append(Sentence(s.text, s.start, block, last))
    return out


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
_CLAUSE = re.compile(r"(?<!\d),(?!\d)|(?<=\d),(?=\s)|[;:，；：—–…]|\s-\s|[()（）]")
