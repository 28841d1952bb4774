"""Where relevance's signals are in a text: each pack's words found at word starts in
the normalised text (case-folded, quotes as spaces, Latin accents dropped), and the few
signals composed of two words near each other (a police facility, "secret" said of a
facility, a foreign police, China the state rather than its goods or people).

The words come from the language pack and the packs it ``also_reads``, each pack's
patterns compiled on their own (relevance.py weighs what is found here).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

from crawler.analysis.accents import fold, plain
from crawler.analysis.langs import PACKS, LangPack
from crawler.analysis.places import china_spans

SHADY_REACH = 40  # "secret", "illegal"... counts when said within this many characters of a facility
POLICE_REACH = 20  # "offices run by the Fuzhou police": a police said this soon after a facility
FOREIGN_REACH = 25  # "foreign" / China said this close to a police: a foreign police
LOCATED_REACH = 12  # a facility or police said this soon after China names it ("Chinese police")
# a facility's own "of service" complement: "centro di servizio legato alla polizia"
_OF_SERVICE = re.compile(r"\s+(?:de|di|da|do|du|of)\s+servi\w*")
# the cities whose police run the stations: "the police in Fuzhou" is the story's own
_RUNNERS = re.compile(r"fuzhou|qingtian|nantong|wenzhou|lishui")
_QUOTES = re.compile("[\"'“”‘’«»„「」『』‹›`´]")
_NEVER = re.compile(r"(?!x)x")
_WORD_REST = re.compile(r"[^\W\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]+")  # a Latin word's rest
_CJK_START = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")


def normalise(text: str) -> str:
    """Case-folded, quotes as spaces, accents of Latin letters dropped ("chinês" reads as
    "chines", so a pattern's stem written either way finds both); same length as ``text``
    (offsets stay valid)."""
    unquoted = _QUOTES.sub(" ", text)
    folded = unquoted.lower()
    return plain(folded if len(folded) == len(text) else unquoted)


def _phrase(p: str) -> str:
    # no look-behind and no IGNORECASE: the text is lower-cased already, and a pattern
    # that starts with plain literals lets the regex engine skip ahead (10-30x faster);
    # word starts are checked on each match instead (see at_word_start)
    words = normalise(p).split()
    if _CJK_START.match(words[0]):  # CJK: quotes (now spaces) may sit between the words
        return r"\s?".join(re.escape(ch) for ch in "".join(words))
    return fold(r"\s+".join(re.escape(w) for w in words))


def at_word_start(text: str, pos: int) -> bool:
    return pos == 0 or not text[pos - 1].isalnum() or bool(_CJK_START.match(text[pos]))


@lru_cache(maxsize=64)
def keyword_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = [_phrase(p) for p in phrases if p.strip()]
    return re.compile("|".join(parts)) if parts else None


# the pack fields read as signals

@lru_cache(maxsize=256)
def compiled(code: str, name: str) -> re.Pattern[str]:
    frag = getattr(PACKS[code], name)
    return re.compile(fold(frag)) if frag else _NEVER


def packs_of(pack: LangPack | None) -> tuple[LangPack, ...]:
    """The pack and the packs it also reads (none for a language without a pack)."""
    if pack is None:
        return ()
    return (pack, *(PACKS[c] for c in pack.also_reads if c in PACKS and c != pack.code))


def keywords_of(code: str | None, packs: tuple[LangPack, ...],
              override: Mapping[str, Sequence[str]] | None) -> tuple[str, ...]:
    phrases: list[str] = []
    codes = [p.code for p in packs] or ([code] if code else [])
    for c in codes:
        if override is not None and c in override:
            phrases.extend(override[c])
        elif c in PACKS:
            phrases.extend(PACKS[c].keywords)
    return tuple(dict.fromkeys(phrases))


def word_starts(pattern: re.Pattern[str], where: str) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` that start a word. A match inside a word is dropped and the
    search goes on from the next word, not after the match: "os" inside "indícios" must not
    hide "estas esquadras" that starts within its reach."""
    pos = 0
    while (m := pattern.search(where, pos)) is not None:
        if at_word_start(where, m.start()):
            yield m
            pos = max(m.end(), m.start() + 1)
        else:  # on to the next word start (a word of a script without spaces is a letter)
            rest = _WORD_REST.match(where, m.start() + 1)
            pos = rest.end() if rest is not None and rest.end() > m.start() + 1 else m.start() + 1


def _matches(pattern: re.Pattern[str], where: str) -> list[tuple[int, int]]:
    return [m.span() for m in word_starts(pattern, where)]


def signal_spans(name: str, packs: tuple[LangPack, ...], where: str) -> list[tuple[int, int]]:
    """Word-start matches of one signal in the text, pack by pack."""
    out: list[tuple[int, int]] = []
    for p in packs:
        out.extend(_matches(compiled(p.code, name), where))
    return out


def sentence_of(starts: Sequence[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1


def china_named_spans(norm: str, packs: tuple[LangPack, ...]) -> tuple[list[tuple[int, int]], bool]:
    """Where China, the state, is named ("the Chinese community", "Chinese cameras" are
    not it), and whether China is named otherwise than for goods (people still frame a
    passage: a community denying a station)."""
    spans = signal_spans("china", packs, norm)
    if spans and any(p.community for p in packs):
        goods = signal_spans("products", packs, norm)
        spans = [(a, b) for a, b in spans if not any(pa <= a < pb for pa, pb in goods)]
        named = bool(spans)
        people = signal_spans("community", packs, norm)
        spans = [(a, b) for a, b in spans if not any(pa <= a < pb for pa, pb in people)]
        return spans, named
    return spans, bool(spans)


@lru_cache(maxsize=64)
def _located_before(code: str) -> re.Pattern[str]:
    """A location word ("in", "en", "a", "em") and at most two words before the window's end."""
    loc = PACKS[code].loc
    return re.compile(rf"(?<![^\W\d_])(?:{fold(loc)})\s+(?:[^\W\d_]+\s+){{0,2}}$") if loc else _NEVER


def located_in_china(text: str, norm: str, packs: tuple[LangPack, ...], starts: Sequence[int],
                     china_at: list[tuple[int, int]], facilities: list[tuple[int, int]],
                     ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """China (or one of its cities) named as where something is, and the facilities said to
    be there: "police stations in China", "commissariati a Pechino", "een politiebureau in
    de Chinese provincie Guangdong" are China's own police, and China there is a place, not
    the state that runs a police abroad. Not when a facility or a police follows ("in
    Chinese police stations"), nor for the story's own cities ("the police in Fuzhou").
    Returns (the China spans, the facility spans right before them)."""
    words = [p for p in packs if p.grammar == "words" and p.loc]
    if not words or not china_at:
        return [], []
    police = facilities + signal_spans("police", packs, norm)
    spans: list[tuple[int, int]] = []
    there: list[tuple[int, int]] = []
    for a, b in china_at + china_spans(text):
        if _RUNNERS.match(norm, a):
            continue
        head_at = max(starts[sentence_of(starts, a)], a - 40)
        found = [m for p in words if (m := _located_before(p.code).search(norm, head_at, a))]
        if not found or any(b <= fa <= b + LOCATED_REACH for fa, _ in police):
            continue
        spans.append((a, b))
        loc_at = min(m.start() for m in found)
        there.extend((fa, fb) for fa, fb in facilities if 0 <= loc_at - fb <= 1)
    return spans, there


def foreign_police(text: str, norm: str, packs: tuple[LangPack, ...], starts: Sequence[int],
                    china_at: list[tuple[int, int]],
                    located: list[tuple[int, int]] | None = None) -> set[int]:
    """Sentences naming a foreign police: "polizia straniera", "Fuzhou police", "중국 공안",
    "난퉁시 공안국" (China's police, or one of its cities', is foreign except to the Chinese
    press)."""
    police = signal_spans("police", packs, norm)
    if not police:
        return set()
    marks = signal_spans("foreign", packs, norm)
    if packs and packs[0].china_foreign:
        marks = marks + china_at + outside(china_spans(text), located or [])
    if not marks:
        return set()
    out: set[int] = set()
    for a, b in police:
        if any(ma - FOREIGN_REACH <= b and a <= mb + FOREIGN_REACH
               and sentence_of(starts, ma) == sentence_of(starts, a) for ma, mb in marks):
            out.add(sentence_of(starts, a))
    return out


def outside(spans: list[tuple[int, int]],
             within: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans not inside one of ``within``."""
    if not within:
        return spans
    return [(a, b) for a, b in spans if not any(wa <= a and b <= wb for wa, wb in within)]


def police_facilities(norm: str, packs: tuple[LangPack, ...],
                       starts: Sequence[int]) -> list[tuple[int, int]]:
    """A facility said to be of a police force is a police facility: "centri della polizia
    cinese", "postos ligados à polícia chinesa", "offices run by the Fuzhou police" (in
    languages that write the police a facility is of as a word of its own)."""
    police = signal_spans("police", packs, norm) if packs and packs[0].grammar == "words" else []
    if not police:
        return []
    out = []
    # (the claims' nouns are whole words: "office" is not the start of "officers")
    nouns = [(a, b) for a, b in signal_spans("facility", packs, norm)
             if b >= len(norm) or not norm[b].isalnum()]
    for a, b in nouns:
        if (service := _OF_SERVICE.match(norm, b)) is not None:
            b = service.end()  # the reach is measured from the end of "centre de service"
        for pa, pb in police:
            if (0 <= pa - b <= POLICE_REACH or 0 <= a - pb <= 2) and (
                    sentence_of(starts, pa) == sentence_of(starts, a)):
                out.append((min(a, pa), max(b, pb)))
                break
    return out


def shady_sentences(norm: str, packs: tuple[LangPack, ...], starts: Sequence[int],
                     fac_at: list[tuple[int, int]]) -> set[int]:
    """Sentences where "secret", "illegal", "alleged"... is said of a facility."""
    out: set[int] = set()
    for a, b in signal_spans("shady", packs, norm):
        if any(fa - SHADY_REACH <= b and a <= fb + SHADY_REACH and
               sentence_of(starts, fa) == sentence_of(starts, a) for fa, fb in fac_at):
            out.add(sentence_of(starts, a))
    return out
