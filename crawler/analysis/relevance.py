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
English names), found in the text by signals.py. A language without a pack is read
through its [topic.keywords] only.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crawler.analysis.homes import home_countries
from crawler.analysis.langs import LangPack, pack_for
from crawler.analysis.places import find_places
from crawler.analysis.signals import (
    china_named_spans,
    compiled,
    foreign_police,
    keyword_pattern,
    keywords_of,
    located_in_china,
    normalise,
    outside,
    packs_of,
    police_facilities,
    sentence_of,
    shady_sentences,
    signal_spans,
    word_starts,
)

THRESHOLD = 0.5
# an NGO said without its name ("the NGO", "l'ONG", "una ong"), in the packs' languages
_ANY_NGO = re.compile(r"(?:(?:the|a|an|la|le|l|une?|una|uma|della|dell|da|esta|cette|de|"
                      r"die|der|o)\s+)?(?:ngo|ong)")
# the name right after it: a capitalised word that is no article ("della ong L'associazione")
_NAME_AFTER = re.compile(r"\s+(?![Ll]['’]|(?:The|La|Le|Les|Il|Lo|El|Los|Las|O|Os|A|As|De|Die|"
                         r"Der|Das|Het|Een|Un|Une|Uma|Um|Una|Safeguards?|Saveguard|Defensores|Defenders|"
                         r"Schützen|Peter|Dahlin)\b)[A-ZÀ-Þ][^\W\d_]+")


def _other_ngo(text: str, norm: str, a: int, b: int) -> bool:
    """Whether the NGO span at [a, b) is "the NGO" followed by another NGO's name."""
    return bool(_ANY_NGO.fullmatch(norm[a:b])) and _NAME_AFTER.match(text, b) is not None
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


@dataclass(frozen=True, slots=True)
class Relevance:
    relevant: bool
    score: float


def _names_abroad(text: str, starts: Sequence[int], i: int, pack: LangPack | None) -> bool:
    """Whether sentence ``i`` names a country other than those whose press writes in the
    language (see langs/homes.py)."""
    homes = home_countries(pack)
    if not homes:
        return False
    end = starts[i + 1] if i + 1 < len(starts) else len(text)
    return any(m.place.code and m.place.code not in homes and homes.isdisjoint(m.alternatives)
               for m in find_places(text[starts[i]:end], pack))


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
    packs = packs_of(pack)
    norm = normalise(text)
    starts = list(sentence_starts) or [0]

    def sentences_of(pattern: re.Pattern[str] | None, where: str) -> set[int]:
        if pattern is None:
            return set()
        return {bisect.bisect_right(starts, m.start()) - 1 for m in word_starts(pattern, where)}

    kw = keyword_pattern(keywords_of(lang if pack is None else pack.code, packs, keywords))
    hits = sentences_of(kw, norm)
    if W_KEYWORD * len(hits) >= _DECIDED:  # plain coverage: no need to weigh the rest
        return Evidence(W_KEYWORD * len(hits), 0.0, False, 0.0, 0.0, False, 0.0, False, 0.0)
    def sentences(name: str) -> set[int]:
        return {sentence_of(starts, a) for a, _ in signal_spans(name, packs, norm)}

    # a facility word inside a neighbouring story's phrase is that story's ("보이스피싱
    # 거점", "特殊詐欺拠点": a scam base)
    near_at = signal_spans("near_miss", packs, norm)
    station_at = outside(signal_spans("station", packs, norm), near_at)
    fac_at = outside(signal_spans("topic_facility", packs, norm) + police_facilities(norm, packs, starts),
                      near_at)
    china_at, china_named = china_named_spans(norm, packs)
    # "police stations in China", "commissariati a Pechino": China as where a police is,
    # not as the state running one abroad (China is still named: the family signal stays)
    located, there = located_in_china(text, norm, packs, starts, china_at, fac_at + station_at)
    china_at = outside(china_at, located)
    if there:  # China's own police stations are not the story's
        fac_at = [s for s in fac_at if s not in there]
        station_at = [s for s in station_at if s not in there]
    fac = {sentence_of(starts, a) for a, _ in fac_at}
    china = {sentence_of(starts, a) for a, _ in china_at}
    abroad = sentences("abroad")
    abroad |= shady_sentences(norm, packs, starts, fac_at + station_at)
    abroad |= foreign_police(text, norm, packs, starts, china_at, located)
    # a neighbouring story told in a sentence about the stations is their context
    # ("some of Italy's stations are linked to the joint patrol agreement")
    near = ({sentence_of(starts, a) for a, _ in near_at}
            - {sentence_of(starts, a) for a, _ in fac_at + station_at})
    # "l'ONG Emergency", "la ONG Médicos Sin Fronteras": another NGO, named (its "two health
    # centres" are not stations); "la ong" alone is the story's
    ngo = {sentence_of(starts, a) for a, b in signal_spans("ngo", packs, norm)
           if not _other_ngo(text, norm, a, b)}
    if ngo:  # "Safeguard Defenders found 48 more stations": any facility word will do
        # whole words only where words do not compound: French "basée" is no English "base"
        generic = {bisect.bisect_right(starts, m.start()) - 1 for p in packs
                   for m in word_starts(compiled(p.code, "facility"), norm)
                   if (p.compounds or m.end() == len(norm) or not norm[m.end()].isalnum())
                   # (not a neighbouring story's facility: the NGO's detention reports)
                   and not any(na <= m.start() < nb for na, nb in near_at)}
        fac |= ngo & generic
        abroad |= ngo
        china |= ngo & generic
    # a facility and China in a sentence that names a host country or city: the topic
    stations = {sentence_of(starts, a) for a, _ in station_at}
    placed = ((fac | stations) & china) - hits - (fac & china & abroad)
    if placed:
        placed -= sentences("other_org")  # "the Chinese consulate opens two visa offices"
    for i in placed:
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        if any(m.place.code for m in find_places(text[starts[i]:end], pack)):
            abroad.add(i)
    full = (fac & china & abroad) - hits
    # an office or station named with China, a police and an "abroad" word in one sentence
    # is a police facility abroad ("Estação Ultramarina do Serviço de Polícia de Fuzhou")
    full |= (stations & china & sentences("abroad") & sentences("police")) - hits
    # a police station and China in one sentence: topical in the foreign press; in Chinese,
    # Japanese and Korean text China is named everywhere, so it weighs little there
    china_fac = (fac & china) - hits - full
    w_china = W_WEAK if pack is not None and pack.china_common else W_CHINA
    weak = (fac & abroad) - hits - full - china_fac
    total = (W_KEYWORD * len(hits) + W_FULL * len(full) + w_china * len(china_fac)
             + W_WEAK * len(weak))
    if title and kw is not None and any(True for _ in word_starts(kw, normalise(title))):
        total += W_TITLE
    if total >= _DECIDED:  # already certain: the passage-level signals could only add
        return Evidence(total, 0.0, False, 0.0, 0.0, False, 0.0, False, 0.0)
    # passage level: short excerpts name the stations and frame them without naming China
    # (framing and counts in one place support the topic; alone they also fit local news)
    strong = hits | full
    passage = bool(fac or station_at)
    family = W_FAMILY * ((bool(china) or china_named) + bool(abroad) + bool(ngo))
    anaphora = W_ANAPHORA * bool(sentences("anaphora"))
    # ("embassy" in "the Chinese embassy" names the mission that names China: not a frame)
    frame = W_FRAME * bool(outside(signal_spans("frame", packs, norm),
                                   signal_spans("community", packs, norm)))
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
