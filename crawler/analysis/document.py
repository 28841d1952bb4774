"""Document analysis: language, relevance and facility-count claims of one article."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from crawler.analysis.claims import Reading, read_document
from crawler.analysis.langs import PACKS, LangPack, pack_for
from crawler.analysis.language import detect_language
from crawler.analysis.modifiers import MULTI
from crawler.analysis.places import find_places
from crawler.analysis.relevance import weigh
from crawler.analysis.text import Sentence, split_sentences
from crawler.analysis.types import Analysis

log = logging.getLogger(__name__)


def analyse(
    text: str,
    *,
    title: str | None = None,
    lang_hint: str | None = None,
    keywords: Mapping[str, Sequence[str]] | None = None,
) -> Analysis:
    """Analyse plain ``text`` (one block per line); ``title``, when given, is its own
    first block.

    ``keywords``: [topic.keywords] from the config; a language given there replaces the
    built-in topic phrases of that language. Claims are reported only for relevant
    documents: counts in off-topic stories are not this topic's counts. A text that would
    not be relevant even if its counts were this story's is not read for claims at all
    (its score is then the one without counts). A language without a pack is not read for
    claims: the result says so in ``unread`` (and relevance reads its [topic.keywords]).
    """
    body = f"{title.strip()}\n\n{text}" if title and title.strip() else text
    lang = detect_language(body, hint=lang_hint)
    pack = pack_for(lang)
    sentences = split_sentences(body, pack)
    evidence = weigh(body, sentence_starts=[s.start for s in sentences], title=title,
                     lang=lang, pack=pack, keywords=keywords)
    if pack is None:
        rel = evidence.relevance(topic_claims=False, place_claims=False)
        log.info("no language pack for %r: its counts are not read", lang)
        return Analysis(relevant=rel.relevant, score=rel.score, lang=lang, claims=(),
                        unread=f"no language pack for {lang!r}")
    if not evidence.possible():
        # not coverage whatever its counts say: they are not read (most crawled pages)
        rel = evidence.relevance(topic_claims=False, place_claims=False)
        return Analysis(relevant=False, score=rel.score, lang=lang, claims=())
    readings = read_document(sentences, pack)
    claims = [r.claim for r in readings]
    # a bare increment ("two new premises", "nog eens honderd bureaus") is not the story's
    # kind of figure in a text that says nothing of China, the NGO or abroad and counts
    # its own country's stations, or more stations than the story ever counted (a
    # country's own network: "150 of its 400 bureaus")
    placed = {c.place for c in claims if c.place}
    local = bool(placed) and placed <= {pack.home} or any(c.count > STORY_MAX for c in claims)
    said = bool(evidence.family or evidence.such or evidence.foreign) or not local
    rel = evidence.relevance(
        # the story's own kind of figure: an increment, a count across countries, worldwide
        topic_claims=any((c.added and c.place is None and said) or (c.countries or 0) > 1
                         or (c.place is None and r.scope == MULTI)
                         for r in readings for c in [r.claim]),
        # a count at home ("trois commissariats en France" in French) is local news too,
        # unless the text names China, the NGO or a foreign police ("polizia straniera")
        place_claims=any(c.place and (c.place != pack.home or evidence.foreign)
                         for c in claims),
        excerpt_claims=_brief_counts_abroad(readings, sentences, pack, evidence.brief,
                                            foreign=evidence.foreign, said=said),
    )
    if not rel.relevant:
        claims = []
    return Analysis(relevant=rel.relevant, score=rel.score, lang=lang, claims=tuple(claims))


STORY_MAX = 200  # more stations than any count of the story (102, 110): another network


def _brief_counts_abroad(readings: Sequence[Reading], sentences: Sequence[Sentence],
                         pack: LangPack, brief: bool, *, foreign: bool = False,
                         said: bool = True) -> bool:
    """A brief (an excerpt) that counts facilities abroad: a count placed in another
    country than the language's home, the story's own kind of figure (an increment,
    worldwide), or a count in a text naming another country ("Ireland had one station
    ..., while Hungary's outpost ..."). Counts of its own country's stations are local
    news, unless the brief names China, the NGO or a foreign police (``foreign``); an
    unplaced increment counts only when the text says something of them (``said``)."""
    claims = [r.claim for r in readings]
    if not claims or not brief:
        return False
    if foreign:
        return True
    if any((c.place is not None and c.place != pack.home) or (c.place is None and c.added and said)
           or r.scope == MULTI for r in readings for c in [r.claim]):
        return True
    return any(m.place.code and m.place.code != pack.home
               for s in sentences for m in find_places(s.text, pack))


def analyse_html(
    html: str | bytes,
    *,
    url: str | None = None,
    lang_hint: str | None = None,
    keywords: Mapping[str, Sequence[str]] | None = None,
) -> Analysis:
    """Analyse an article page (text, or bytes in the page's own encoding): its main text
    and title as trafilatura extracts them."""
    from crawler.analysis.pagetext import extract_page  # trafilatura: only where pages are read

    page = extract_page(html, url)
    return analyse(page.text, title=page.title, lang_hint=lang_hint or page.lang,
                   keywords=keywords)


def warm_up(keywords: Mapping[str, Sequence[str]] | None = None) -> None:
    """Load now what the first documents of each language would load lazily (the language
    detector, lexicons, the gazetteer), so that per-document costs are steady from the
    start: for long-running batch work and for measuring."""
    for pack in PACKS.values():
        analyse(pack.sample, lang_hint=pack.code, keywords=keywords)
        analyse(pack.sample, keywords=keywords)
