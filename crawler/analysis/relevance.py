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

The words come from the language pack (and the packs it ``also_reads``: the press quotes
English names), each pack's patterns compiled on their own. A language without a pack
is read through its [topic.keywords] only.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from crawler.analysis.accents import fold, plain
from crawler.analysis.homes import home_countries
from crawler.analysis.langs import PACKS, LangPack, pack_for
from crawler.analysis.places import china_spans, find_places

THRESHOLD = 0.5
W_KEYWORD = 1.0
W_TITLE = 1.0
W_FULL = 0.8
W_CHINA = 0.75
W_WEAK = 0.3
W_NEAR_MISS = 0.5
W_DOMESTIC = 0.6
W_FAMILY = 0.3
W_FRAME = 0.4
W_ANAPHORA = 0.4
_DECIDED = 3.0  # total evidence beyond which the score is above 0.95 whatever else is said
W_TOPIC_CLAIMS = 0.5
W_PLACE_CLAIMS = 0.35
W_EXCERPT = 0.45
# a text this short (a brief, an excerpt, a listing) is judged by its counts too
BRIEF_SENTENCES = 5
BRIEF_CHARS = 600
SHADY_REACH = 40  # "secret", "illegal"... counts when said within this many characters of a facility
POLICE_REACH = 20  # "offices run by the Fuzhou police": a police said this soon after a facility
FOREIGN_REACH = 25  # "foreign" / China said this close to a police: a foreign police
_QUOTES = re.compile("[\"'“”‘’«»„「」『』‹›`´]")
_NEVER = re.compile(r"(?!x)x")
_CJK_START = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")


@dataclass(frozen=True, slots=True)
class Relevance:
    relevant: bool
    score: float


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
    # word starts are checked on each match instead (see _at_word_start)
    words = normalise(p).split()
    if _CJK_START.match(words[0]):  # CJK: quotes (now spaces) may sit between the words
        return r"\s?".join(re.escape(ch) for ch in "".join(words))
    return fold(r"\s+".join(re.escape(w) for w in words))


def _at_word_start(text: str, pos: int) -> bool:
    return pos == 0 or not text[pos - 1].isalnum() or bool(_CJK_START.match(text[pos]))


@lru_cache(maxsize=64)
def _keyword_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = [_phrase(p) for p in phrases if p.strip()]
    return re.compile("|".join(parts)) if parts else None


# the pack fields read as signals
_FIELDS = ("topic_facility", "china", "abroad", "near_miss", "station", "frame", "domestic",
           "anaphora", "anaphora_strong", "shady", "community", "products", "ngo", "police",
           "foreign", "ngo_anaphora", "other_org")


@lru_cache(maxsize=256)
def _compiled(code: str, name: str) -> re.Pattern[str]:
    frag = getattr(PACKS[code], name)
    return re.compile(fold(frag)) if frag else _NEVER


def _packs(pack: LangPack | None) -> tuple[LangPack, ...]:
    """The pack and the packs it also reads (none for a language without a pack)."""
    if pack is None:
        return ()
    return (pack, *(PACKS[c] for c in pack.also_reads if c in PACKS and c != pack.code))


def _keywords(code: str | None, packs: tuple[LangPack, ...],
              override: Mapping[str, Sequence[str]] | None) -> tuple[str, ...]:
    phrases: list[str] = []
    codes = [p.code for p in packs] or ([code] if code else [])
    for c in codes:
        if override is not None and c in override:
            phrases.extend(override[c])
        elif c in PACKS:
            phrases.extend(PACKS[c].keywords)
    return tuple(dict.fromkeys(phrases))


def _word_starts(pattern: re.Pattern[str], where: str) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` that start a word. A match inside a word is dropped and the
    search goes on from the next character, not after it: "os" inside "indícios" must not
    hide "estas esquadras" that starts within its reach."""
    pos = 0
    while (m := pattern.search(where, pos)) is not None:
        if _at_word_start(where, m.start()):
            yield m
            pos = max(m.end(), m.start() + 1)
        else:
            pos = m.start() + 1


def _matches(pattern: re.Pattern[str], where: str) -> list[tuple[int, int]]:
    return [m.span() for m in _word_starts(pattern, where)]


def _spans(name: str, packs: tuple[LangPack, ...], where: str) -> list[tuple[int, int]]:
    """Word-start matches of one signal in the text, pack by pack."""
    out: list[tuple[int, int]] = []
    for p in packs:
        out.extend(_matches(_compiled(p.code, name), where))
    return out


def _sentence(starts: Sequence[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1


def _names_abroad(text: str, starts: Sequence[int], i: int, pack: LangPack | None) -> bool:
    """Whether sentence ``i`` names a country other than those whose press writes in the
    language (see langs/homes.py)."""
    homes = home_countries(pack)
    if not homes:
        return False
    end = starts[i + 1] if i + 1 < len(starts) else len(text)
    return any(m.place.code and m.place.code not in homes and homes.isdisjoint(m.alternatives)
               for m in find_places(text[starts[i]:end], pack))


def _china_spans(norm: str, packs: tuple[LangPack, ...]) -> tuple[list[tuple[int, int]], bool]:
    """Where China, the state, is named ("the Chinese community", "Chinese cameras" are
    not it), and whether China is named otherwise than for goods (people still frame a
    passage: a community denying a station)."""
    spans = _spans("china", packs, norm)
    if spans and any(p.community for p in packs):
        goods = _spans("products", packs, norm)
        spans = [(a, b) for a, b in spans if not any(pa <= a < pb for pa, pb in goods)]
        named = bool(spans)
        people = _spans("community", packs, norm)
        spans = [(a, b) for a, b in spans if not any(pa <= a < pb for pa, pb in people)]
        return spans, named
    return spans, bool(spans)


def _foreign_police(text: str, norm: str, packs: tuple[LangPack, ...], starts: Sequence[int],
                    china_at: list[tuple[int, int]]) -> set[int]:
    """Sentences naming a foreign police: "polizia straniera", "Fuzhou police", "중국 공안",
    "난퉁시 공안국" (China's police, or one of its cities', is foreign except to the Chinese
    press)."""
    police = _spans("police", packs, norm)
    if not police:
        return set()
    marks = _spans("foreign", packs, norm)
    if packs and packs[0].china_foreign:
        marks = marks + china_at + china_spans(text)
    if not marks:
        return set()
    out: set[int] = set()
    for a, b in police:
        if any(ma - FOREIGN_REACH <= b and a <= mb + FOREIGN_REACH
               and _sentence(starts, ma) == _sentence(starts, a) for ma, mb in marks):
            out.add(_sentence(starts, a))
    return out


def _outside(spans: list[tuple[int, int]],
             within: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans not inside one of ``within``."""
    if not within:
        return spans
    return [(a, b) for a, b in spans if not any(wa <= a and b <= wb for wa, wb in within)]


def _police_facilities(norm: str, packs: tuple[LangPack, ...],
                       starts: Sequence[int]) -> list[tuple[int, int]]:
    """A facility said to be of a police force is a police facility: "centri della polizia
    cinese", "postos ligados à polícia chinesa", "offices run by the Fuzhou police" (in
    languages that write the police a facility is of as a word of its own)."""
    police = _spans("police", packs, norm) if packs and packs[0].grammar == "words" else []
    if not police:
        return []
    out = []
    # (the claims' nouns are whole words: "office" is not the start of "officers")
    nouns = [(a, b) for a, b in _spans("facility", packs, norm)
             if b >= len(norm) or not norm[b].isalnum()]
    for a, b in nouns:
        for pa, pb in police:
            if (0 <= pa - b <= POLICE_REACH or 0 <= a - pb <= 2) and (
                    _sentence(starts, pa) == _sentence(starts, a)):
                out.append((min(a, pa), max(b, pb)))
                break
    return out


def _shady_sentences(norm: str, packs: tuple[LangPack, ...], starts: Sequence[int],
                     fac_at: list[tuple[int, int]]) -> set[int]:
    """Sentences where "secret", "illegal", "alleged"... is said of a facility."""
    out: set[int] = set()
    for a, b in _spans("shady", packs, norm):
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
    pack: LangPack | None = None,
    keywords: Mapping[str, Sequence[str]] | None = None,
    topic_claims: bool = False,
    place_claims: bool = False,
) -> Relevance:
    """Relevance of ``text`` whose sentences start at ``sentence_starts`` (ascending).

    ``topic_claims``: the text states facility counts the way this story does (an
    increment, or a count across several countries); ``place_claims``: a count in one
    host country or city.
    """
    evidence = weigh(text, sentence_starts=sentence_starts, title=title, lang=lang, pack=pack,
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
    brief: bool = False     # a short text (a brief, an excerpt): its counts may decide
    foreign: bool = False   # "abroad", the NGO (or "the group"), a foreign police, China
    # with a facility: counts at home are not local news

    def relevance(self, *, topic_claims: bool, place_claims: bool,
                  excerpt_claims: bool = False) -> Relevance:
        """``excerpt_claims``: a short passage (an excerpt, a brief) that counts facilities:
        it says too little to name China or the NGO, and counts are most of what it says."""
        if self.decided is not None:
            return Relevance(relevant=True, score=round(1.0 - math.exp(-self.decided), 4))
        if self.neighbour:
            topic_claims = place_claims = excerpt_claims = False
        total = self.total
        if (self.passage or topic_claims or place_claims or excerpt_claims) and (
                self.family or self.such or topic_claims or place_claims or excerpt_claims):
            # "the stations" and a frame with neither China, "abroad", the NGO, "such
            # stations" nor counts of this story: local police news reads like that too
            topical = self.family + self.anaphora + W_TOPIC_CLAIMS * topic_claims
            if excerpt_claims:
                # a brief (an excerpt) that counts facilities: its counts are most of what
                # it says; local police news says what makes it local (a penalty)
                topical += W_EXCERPT
            if topical:
                total += topical + self.frame + W_PLACE_CLAIMS * place_claims
        total -= self.penalty
        score = 1.0 - math.exp(-total) if total > 0 else 0.0
        return Relevance(relevant=score >= THRESHOLD, score=round(score, 4))

    def possible(self) -> bool:
        """Whether counts in the text could make it coverage (if not, they need no reading)."""
        return self.relevance(topic_claims=True, place_claims=True,
                              excerpt_claims=self.brief).relevant


def weigh(
    text: str,
    *,
    sentence_starts: Sequence[int],
    title: str | None = None,
    lang: str | None = None,
    pack: LangPack | None = None,
    keywords: Mapping[str, Sequence[str]] | None = None,
) -> Evidence:
    """The evidence of ``text`` (see the module docstring); counts are weighed later.

    ``pack``: the language's pack; when not given, the pack of ``lang`` (for a language
    without one, only the [topic.keywords] of ``lang`` are read)."""
    if pack is None:
        pack = pack_for(lang)
    packs = _packs(pack)
    norm = normalise(text)
    starts = list(sentence_starts) or [0]

    def sentences_of(pattern: re.Pattern[str] | None, where: str) -> set[int]:
        if pattern is None:
            return set()
        return {bisect.bisect_right(starts, m.start()) - 1 for m in _word_starts(pattern, where)}

    kw = _keyword_pattern(_keywords(lang if pack is None else pack.code, packs, keywords))
    hits = sentences_of(kw, norm)
    if W_KEYWORD * len(hits) >= _DECIDED:  # plain coverage: no need to weigh the rest
        return Evidence(W_KEYWORD * len(hits), 0.0, False, 0.0, 0.0, False, 0.0, False, 0.0)
    def sentences(name: str) -> set[int]:
        return {_sentence(starts, a) for a, _ in _spans(name, packs, norm)}

    # a facility word inside a neighbouring story's phrase is that story's ("보이스피싱
    # 거점", "特殊詐欺拠点": a scam base)
    near_at = _spans("near_miss", packs, norm)
    station_at = _outside(_spans("station", packs, norm), near_at)
    fac_at = _outside(_spans("topic_facility", packs, norm) + _police_facilities(norm, packs, starts),
                      near_at)
    fac = {_sentence(starts, a) for a, _ in fac_at}
    china_at, china_named = _china_spans(norm, packs)
    china = {_sentence(starts, a) for a, _ in china_at}
    abroad = sentences("abroad")
    abroad |= _shady_sentences(norm, packs, starts, fac_at + station_at)
    abroad |= _foreign_police(text, norm, packs, starts, china_at)
    # a neighbouring story told in a sentence about the stations is their context
    # ("some of Italy's stations are linked to the joint patrol agreement")
    near = ({_sentence(starts, a) for a, _ in near_at}
            - {_sentence(starts, a) for a, _ in fac_at + station_at})
    ngo = sentences("ngo")
    if ngo:  # "Safeguard Defenders found 48 more stations": any facility word will do
        generic = set().union(*(sentences_of(_compiled(p.code, "facility"), norm)
                                for p in packs))
        fac |= ngo & generic
        abroad |= ngo
        china |= ngo & generic
    # a facility and China in a sentence that names a host country or city: the topic
    stations = {_sentence(starts, a) for a, _ in station_at}
    placed = ((fac | stations) & china) - hits - (fac & china & abroad)
    if placed:
        placed -= sentences("other_org")  # "the Chinese consulate opens two visa offices"
    for i in placed:
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        if any(m.place.code for m in find_places(text[starts[i]:end], pack)):
            abroad.add(i)
    full = (fac & china & abroad) - hits
    # a police station and China in one sentence: topical in the foreign press; in Chinese,
    # Japanese and Korean text China is named everywhere, so it weighs little there
    china_fac = (fac & china) - hits - full
    w_china = W_WEAK if pack is not None and pack.china_common else W_CHINA
    weak = (fac & abroad) - hits - full - china_fac
    total = (W_KEYWORD * len(hits) + W_FULL * len(full) + w_china * len(china_fac)
             + W_WEAK * len(weak))
    if title and kw is not None and any(True for _ in _word_starts(kw, normalise(title))):
        total += W_TITLE
    if total >= _DECIDED:  # already certain: the passage-level signals could only add
        return Evidence(total, 0.0, False, 0.0, 0.0, False, 0.0, False, 0.0)
    # passage level: short excerpts name the stations and frame them without naming China
    # (framing and counts in one place support the topic; alone they also fit local news)
    strong = hits | full
    passage = bool(fac or station_at)
    family = W_FAMILY * ((bool(china) or china_named) + bool(abroad) + bool(ngo))
    anaphora = W_ANAPHORA * bool(sentences("anaphora"))
    frame = W_FRAME * bool(sentences("frame"))
    # local police words in a sentence naming a foreign place are not local news ("a
    # neighbourhood of Madrid" in Italian text)
    domestic = {i for i in sentences("domestic") - strong
                if not _names_abroad(text, starts, i, pack)}
    penalty = W_NEAR_MISS * len(near - strong) + W_DOMESTIC * len(domestic)
    # a text about a neighbouring network (help centres, Confucius Institutes): the counts
    # it states are that network's, not this story's
    # (not when other sentences name the stations: then the text is about both)
    neighbour = bool(near - strong) and not strong and not (fac or station_at)
    such = bool(anaphora) and bool(sentences("anaphora_strong"))
    brief = len(starts) <= BRIEF_SENTENCES or len(text) <= BRIEF_CHARS
    # ("these centres", "such stations": the brief goes on with coverage said before it)
    foreign = (bool(abroad) or such or (bool(fac & china) and bool(packs) and packs[0].china_foreign)
               or ((passage or brief) and bool(sentences("ngo_anaphora"))))
    return Evidence(None, total, passage, family, anaphora, such, frame, neighbour, penalty,
                    brief, foreign)
