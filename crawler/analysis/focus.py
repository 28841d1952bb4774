"""The countries a whole document names: what an article is about, read once and lazily.

Sentence-level place rules cannot settle two things on their own: a city name shared by
several countries ("Santiago", "Valencia", "London") when the sentence names no country,
and a deictic place ("in the country", "sur le territoire", "no país", "自国") that points
at the country the article is about. Both are settled by the countries the document
names: the one named most often is its focus. The count is computed only when a claim
needs it (most documents never do).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from crawler.analysis.langs import LangPack
from crawler.analysis.places import find_places


class DocPlaces:
    """Countries named in a document's sentences, counted on first use."""

    __slots__ = ("_counts", "_host", "_pack", "_sentences", "_single")

    def __init__(self, sentences: Sequence[str], pack: LangPack) -> None:
        self._sentences = sentences
        self._pack = pack
        self._counts: Counter[str] | None = None
        self._single: dict[int, str | None] = {}
        self._host: tuple[str | None] | None = None  # host_focus(), once computed

    def single_country(self, index: int) -> str | None:
        """The one country sentence ``index`` names (its cities' included), if only one."""
        if index not in self._single:
            home = self._pack.home
            codes = {home if m.alternatives and home in m.alternatives else m.place.code
                     for m in find_places(self._sentences[index], self._pack)
                     if m.place.code and (m.place.kind == "country" or not m.alternatives
                                          or home in m.alternatives)}
            self._single[index] = codes.pop() if len(codes) == 1 else None
        return self._single[index]

    def counts(self) -> Counter[str]:
        if self._counts is None:
            counts: Counter[str] = Counter()
            for sentence in self._sentences:
                for m in find_places(sentence, self._pack):
                    # countries, their adjectives, and cities whose name is unambiguous
                    if m.place.code and (m.place.kind == "country" or not m.alternatives):
                        counts[m.place.code] += 1
            self._counts = counts
        return self._counts

    def most_named(self, candidates: Iterable[str]) -> str | None:
        """The candidate the document names most often; None when it names none of them."""
        counts = self.counts()
        best = max(candidates, key=lambda c: counts[c], default=None)
        return best if best is not None and counts[best] else None

    def country_before(self, sentence: str) -> str | None:
        """The one country of the sentence before ``sentence`` (as read: digits folded)."""
        from crawler.analysis.numbers import FULLWIDTH

        for i, text in enumerate(self._sentences):
            if i and (text == sentence or text.translate(FULLWIDTH) == sentence):
                return self.single_country(i - 1)
        return None

    def names(self, code: str) -> bool:
        """Whether the document names the country ``code`` (or an unambiguous city of it)."""
        return self.counts()[code] > 0

    def host_focus(self) -> str | None:
        """The focus, not counting the seats of organisations ("the Madrid-based NGO",
        "스페인에 본부를 둔 단체"): the country the story is about, not its source's."""
        if self._host is None:
            self._host = (self._host_focus(),)
        return self._host[0]

    def _host_focus(self) -> str | None:
        from crawler.analysis.lexicon import lexicon

        lex = lexicon(self._pack)
        counts: Counter[str] = Counter()
        for sentence in self._sentences:
            for m in find_places(sentence, self._pack):
                seat = (lex.hq_before.search(sentence, max(0, m.start - 40), m.start)
                        or lex.hq_after.match(sentence, m.end))
                if m.place.code and not seat and (m.place.kind == "country" or not m.alternatives):
                    counts[m.place.code] += 1
        top = counts.most_common(2)
        if not top or (len(top) == 2 and top[0][1] == top[1][1]):
            return None
        return top[0][0]

    def focus(self) -> str | None:
        """The country the document names most often, when one clearly leads."""
        top = self.counts().most_common(2)
        if not top or (len(top) == 2 and top[0][1] == top[1][1]):
            return None
        return top[0][0]
