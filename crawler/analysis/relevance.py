"""Is a document coverage of China's overseas police stations? A score in [0, 1] + boolean.

Evidence is gathered per sentence, in one pass of a few compiled patterns over the
normalised text: a topic phrase (built-in per language, or the config's [topic.keywords]
for that language) weighs most; a police-facility word together with China and an
"abroad" word in one sentence, or a "secret / illegal / alleged" word said of the
facility itself, weighs almost as much; a facility word
with China alone weighs a little less (little in CJK text, where China is everywhere); with
"abroad" alone, little. The NGO's name with any facility word counts as the full signal. Sentences about neighbouring stories (Confucius
Institutes, joint patrols, emergency numbers, help centres) subtract, and in a text about
one of them the counts it states do not support the topic. "The Chinese community /
tourists / traders" do not name China the state. The total t maps to
1 - exp(-t), so one clear statement of the topic crosses 0.5 and repetition saturates.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from crawler.analysis.lexicon import lexicon
from crawler.analysis.places import find_places
from crawler.analysis.relevance_data import (
    ABROAD,
    ANAPHORA,
    ANAPHORA_STRONG,
    CHINA,
    COMMUNITY,
    DOMESTIC,
    FACILITY,
    FRAME,
    KEYWORDS,
    NEAR_MISS,
    NGO,
    PRODUCTS,
    SHADY,
    SHADY_REACH,
    STATION,
)

log = logging.getLogger(__name__)

THRESHOLD = 0.5
W_KEYWORD = 1.0
W_TITLE = 1.0
W_FULL = 0.8
W_CHINA = 0.75
W_WEAK = 0.3
_CJK_LANGS = frozenset({"zh", "ja", "ko"})
W_NEAR_MISS = 0.5
W_DOMESTIC = 0.6
W_FAMILY = 0.3
W_FRAME = 0.4
W_ANAPHORA = 0.4
_DECIDED = 3.0  # total evidence beyond which the score is above 0.95 whatever else is said
W_TOPIC_CLAIMS = 0.5
W_PLACE_CLAIMS = 0.35
_QUOTES = re.compile("[\"'“”‘’«»„「」『』‹›`´]")
_NGO = re.compile(NGO)
_CJK_START = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")


@dataclass(frozen=True, slots=True)
class Relevance:
    relevant: bool
    score: float


def normalise(text: str) -> str:
    """Case-folded, quotes as spaces; same length as ``text`` (offsets stay valid)."""
    unquoted = _QUOTES.sub(" ", text)
    folded = unquoted.lower()
    return folded if len(folded) == len(text) else unquoted


def _phrase(p: str) -> str:
    # no look-behind and no IGNORECASE: the text is lower-cased already, and a pattern
    # that starts with plain literals lets the regex engine skip ahead (10-30x faster);
    # word starts are checked on each match instead (see _at_word_start)
    words = normalise(p).split()
    if _CJK_START.match(words[0]):  # CJK: quotes (now spaces) may sit between the words
        return r"\s?".join(re.escape(ch) for ch in "".join(words))
    return r"\s+".join(re.escape(w) for w in words)


def _at_word_start(text: str, pos: int) -> bool:
    return pos == 0 or not text[pos - 1].isalnum() or bool(_CJK_START.match(text[pos]))


@lru_cache(maxsize=64)
def _keyword_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = [_phrase(p) for p in phrases if p.strip()]
    return re.compile("|".join(parts)) if parts else None


@lru_cache(maxsize=32)
def _signal(table_name: str, langs: tuple[str, ...]) -> re.Pattern[str]:
    table = {"facility": FACILITY, "china": CHINA, "abroad": ABROAD, "near": NEAR_MISS,
             "station": STATION, "frame": FRAME, "domestic": DOMESTIC,
             "anaphora": ANAPHORA, "shady": SHADY, "community": COMMUNITY,
             "products": PRODUCTS, "such": ANAPHORA_STRONG}[table_name]
    return re.compile("|".join(table[lang] for lang in langs if lang in table))


def _langs(lang: str | None) -> tuple[str, ...]:
    if lang is None or lang not in KEYWORDS:
        return tuple(KEYWORDS)
    return (lang,) if lang == "en" else (lang, "en")


def _keywords(langs: tuple[str, ...], override: Mapping[str, Sequence[str]] | None) -> tuple[str, ...]:
    phrases: list[str] = []
    for lang in langs:
        if override is not None and lang in override:
            phrases.extend(override[lang])
        else:
            phrases.extend(KEYWORDS.get(lang, ()))
    return tuple(dict.fromkeys(phrases))


def _matches(pattern: re.Pattern[str], where: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(where) if _at_word_start(where, m.start())]


def _sentence(starts: Sequence[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1


def _china_sentences(norm: str, langs: tuple[str, ...],
                     starts: Sequence[int]) -> tuple[set[int], bool]:
    """Sentences naming China, the state ("the Chinese community", "Chinese cameras" are
    not it), and whether China is named otherwise than for goods (people still frame a
    passage: a community denying a station)."""
    spans = _matches(_signal("china", langs), norm)
    if spans and any(x in COMMUNITY for x in langs):
        goods = _matches(_signal("products", langs), norm)
        spans = [(a, b) for a, b in spans if not any(pa <= a < pb for pa, pb in goods)]
        named = bool(spans)
        people = _matches(_signal("community", langs), norm)
        spans = [(a, b) for a, b in spans if not any(pa <= a < pb for pa, pb in people)]
        return {_sentence(starts, a) for a, _ in spans}, named
    return {_sentence(starts, a) for a, _ in spans}, bool(spans)


def _shady_sentences(norm: str, langs: tuple[str, ...], starts: Sequence[int],
                     fac_at: list[tuple[int, int]]) -> set[int]:
    """Sentences where "secret", "illegal", "alleged"... is said of a facility."""
    out: set[int] = set()
    for a, b in _matches(_signal("shady", langs), norm):
        if any(fa - SHADY_REACH <= b and a <= fb + SHADY_REACH and
               _sentence(starts, fa) == _sentence(starts, a) for fa, fb in fac_at):
            out.add(_sentence(starts, a))
    return out


def score_relevance(
    text: str,
    *,
    sentence_starts: Sequence[int],
    title: str | None = None,
    lang: str | None = None,
    keywords: Mapping[str, Sequence[str]] | None = None,
    topic_claims: bool = False,
    place_claims: bool = False,
) -> Relevance:
    """Relevance of ``text`` whose sentences start at ``sentence_starts`` (ascending).

    ``topic_claims``: the text states facility counts the way this story does (an
    increment, or a count across several countries); ``place_claims``: a count in one
    host country or city.
    """
    evidence = weigh(text, sentence_starts=sentence_starts, title=title, lang=lang,
                     keywords=keywords)
    return evidence.relevance(topic_claims=topic_claims, place_claims=place_claims)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a text says for and against the topic, before its counts are known."""

    decided: float | None   # the total, when it is certain whatever the counts say
    total: float            # sentence-level evidence
    passage: bool           # a facility or station word: passage-level signals apply
    family: float           # China / abroad / the NGO named anywhere
    anaphora: float
    such: bool              # "such stations", "ces commissariats": refers to a known set
    frame: float
    neighbour: bool         # a text about a neighbouring network: its counts are not ours
    penalty: float          # near misses and domestic police news

    def relevance(self, *, topic_claims: bool, place_claims: bool) -> Relevance:
        if self.decided is not None:
            return Relevance(relevant=True, score=round(1.0 - math.exp(-self.decided), 4))
        if self.neighbour:
            topic_claims = place_claims = False
        total = self.total
        if (self.passage or topic_claims or place_claims) and (
                self.family or self.such or topic_claims or place_claims):
            # "the stations" and a frame with neither China, "abroad", the NGO, "such
            # stations" nor counts of this story: local police news reads like that too
            topical = self.family + self.anaphora + W_TOPIC_CLAIMS * topic_claims
            if topical:
                total += topical + self.frame + W_PLACE_CLAIMS * place_claims
        total -= self.penalty
        score = 1.0 - math.exp(-total) if total > 0 else 0.0
        return Relevance(relevant=score >= THRESHOLD, score=round(score, 4))

    def possible(self) -> bool:
        """Whether counts in the text could make it coverage (if not, they need no reading)."""
        return self.relevance(topic_claims=True, place_claims=True).relevant


def weigh(
    text: str,
    *,
    sentence_starts: Sequence[int],
    title: str | None = None,
    lang: str | None = None,
    keywords: Mapping[str, Sequence[str]] | None = None,
) -> Evidence:
    """The evidence of ``text`` (see the module docstring); counts are weighed later."""
    langs = _langs(lang)
    norm = normalise(text)
    starts = list(sentence_starts) or [0]

    def sentences_of(pattern: re.Pattern[str] | None, where: str) -> set[int]:
        if pattern is None:
            return set()
        return {bisect.bisect_right(starts, m.start()) - 1 for m in pattern.finditer(where)
                if _at_word_start(where, m.start())}

    kw = _keyword_pattern(_keywords(langs, keywords))
    hits = sentences_of(kw, norm)
    if W_KEYWORD * len(hits) >= _DECIDED:  # plain coverage: no need to weigh the rest
        return Evidence(W_KEYWORD * len(hits), 0.0, False, 0.0, 0.0, False, 0.0, False, 0.0)
    fac_at = _matches(_signal("facility", langs), norm)
    fac = {_sentence(starts, a) for a, _ in fac_at}
    china, china_named = _china_sentences(norm, langs, starts)
    station_at = _matches(_signal("station", langs), norm)
    abroad = sentences_of(_signal("abroad", langs), norm)
    abroad |= _shady_sentences(norm, langs, starts, fac_at + station_at)
    near = sentences_of(_signal("near", langs), norm)
    ngo = sentences_of(_NGO, norm)
    if ngo:  # "Safeguard Defenders found 48 more stations": any facility word will do
        generic = set().union(*(sentences_of(lexicon(x).facility, norm) for x in langs))
        fac |= ngo & generic
        abroad |= ngo
        china |= ngo & generic
    # a facility and China in a sentence that names a host country or city: the topic
    for i in (fac & china) - hits - (fac & china & abroad):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        if any(m.place.code for m in find_places(text[starts[i]:end])):
            abroad.add(i)
    full = (fac & china & abroad) - hits
    # a police station and China in one sentence: topical in the foreign press; in Chinese,
    # Japanese and Korean text China is named everywhere, so it weighs little there
    china_fac = (fac & china) - hits - full
    w_china = W_WEAK if lang in _CJK_LANGS else W_CHINA
    weak = (fac & abroad) - hits - full - china_fac
    total = (W_KEYWORD * len(hits) + W_FULL * len(full) + w_china * len(china_fac)
             + W_WEAK * len(weak))
    if title and kw is not None and any(
            _at_word_start(t, m.start()) for t in [normalise(title)] for m in kw.finditer(t)):
        total += W_TITLE
    if total >= _DECIDED:  # already certain: the passage-level signals could only add
        return Evidence(total, 0.0, False, 0.0, 0.0, False, 0.0, False, 0.0)
    # passage level: short excerpts name the stations and frame them without naming China
    # (framing and counts in one place support the topic; alone they also fit local news)
    strong = hits | full
    passage = bool(fac or station_at)
    family = W_FAMILY * ((bool(china) or china_named) + bool(abroad) + bool(ngo))
    anaphora = W_ANAPHORA * bool(sentences_of(_signal("anaphora", langs), norm))
    frame = W_FRAME * bool(sentences_of(_signal("frame", langs), norm))
    penalty = (W_NEAR_MISS * len(near - strong)
               + W_DOMESTIC * len(sentences_of(_signal("domestic", langs), norm) - strong))
    # a text about a neighbouring network (help centres, Confucius Institutes): the counts
    # it states are that network's, not this story's
    neighbour = bool(near - strong) and not strong
    such = bool(anaphora) and bool(sentences_of(_signal("such", langs), norm))
    return Evidence(None, total, passage, family, anaphora, such, frame, neighbour, penalty)
