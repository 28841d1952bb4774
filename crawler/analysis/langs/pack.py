"""What one language contributes to the analysis: a typed, frozen pack of data.

Every stage (sentences, numbers, phrases, modifiers, places, relevance) reads these
fields, never a language code. Word lists that are matched as patterns are regular
expression fragments (alternations, case-insensitive, without groups that capture);
they are compiled once per pack (lexicon.py, relevance.py), never merged with other
languages' fragments.

Each field says in its metadata which packs must fill it:

- ``all``: every pack;
- ``words``: packs whose numbers are read with the noun phrase after them
  (``grammar == "words"``: the European languages);
- ``counters``: packs whose numbers take a counter after them
  (``grammar == "counters"``: Chinese, Japanese, Korean);
- ``optional``: may be empty (the language has no such words, or needs none).

tests/analysis/test_langs.py fails when a pack leaves a required field empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Grammar = Literal["words", "counters"]
Script = Literal["latin", "han", "kana", "hangul"]


def _need(who: str, doc: str) -> dict[str, str]:
    return {"need": who, "doc": doc}


@dataclass(frozen=True, slots=True, kw_only=True)
class LangPack:
    # --- identity -------------------------------------------------------------------
    code: str = field(metadata=_need("all", "ISO 639-1 code"))
    name: str = field(metadata=_need("all", "English name of the language"))
    grammar: Grammar = field(metadata=_need("all", "how a number and what it counts are read"))
    script: Script = field(metadata=_need(
        "all", "the script that tells the language apart (latin: by its words, with lingua)"))
    home: str | None = field(metadata=_need(
        "optional", "ISO alpha-2 of the country most of its press writes from (home words, "
        "and a tie-break for city names shared by several countries); None when there is none"))
    sample: str = field(metadata=_need(
        "all", "one sentence with a facility count, read when the pack is warmed up and tested"))
    sample_count: int = field(metadata=_need("all", "the count the sample sentence gives"))

    # --- language detection and sentences ------------------------------------------
    function_words: frozenset[str] = field(metadata=_need(
        "words", "short words no other pack has, to tell the language without lingua"))
    abbreviations: frozenset[str] = field(metadata=_need(
        "optional", "lower-case words before a '.' that does not end a sentence"))
    ordinal_day_dot: bool = field(metadata=_need(
        "optional", "a day number takes a dot before a month ('3. Oktober')"))
    ordinal_before: str = field(metadata=_need(
        "optional", "words before 'N.' that make it an ordinal, not a sentence end ('dem 10. Bezirk')"))

    # --- numbers ---------------------------------------------------------------------
    text2num: str = field(metadata=_need("words", "the language code text2num reads number words in"))
    number_words: str = field(metadata=_need("words", "number words (prefilter and runs)"))
    number_and: str = field(metadata=_need("words", "the word joining number words ('and')"))
    articles: frozenset[str] = field(metadata=_need(
        "optional", "indefinite articles that also mean one ('un', 'eine')"))
    indefinite: str = field(metadata=_need("words", "indefinite articles before 'dozen' and kin"))
    dozen: str = field(metadata=_need("words", "the word for a dozen (12)"))
    half_dozen: str = field(metadata=_need("optional", "a prefix of dozen making it six"))
    number_phrases: Mapping[str, int] = field(metadata=_need(
        "optional", "phrases that give an exact number ('a pair of': 2, 'die beiden': 2)"))
    collectives: Mapping[str, int] = field(metadata=_need(
        "optional", "collective numerals read as about N ('une cinquantaine': 50)"))
    vague: frozenset[str] = field(metadata=_need(
        "optional", "plural number words that are no number ('dozens', 'centaines')"))
    han_numerals: bool = field(metadata=_need("optional", "Chinese numerals are read (一百零二)"))
    vague_before: str = field(metadata=_need(
        "optional", "characters before a numeral that make it vague (数十: dozens)"))
    multipliers: Mapping[str, int] = field(metadata=_need(
        "optional", "a character after digits that multiplies them (23万)"))
    approx_after: str = field(metadata=_need(
        "counters", "a suffix of a number meaning 'more than' (100多, 100여)"))
    native_units: Mapping[str, int] = field(metadata=_need(
        "optional", "native numerals 1-9 read before a counter (Korean 두 곳)"))
    native_tens: Mapping[str, int] = field(metadata=_need("optional", "native tens (열, 스물)"))
    sino_numerals: Mapping[str, str] = field(metadata=_need(
        "optional", "numerals in the script mapped to Chinese numerals (Korean 이십 → 二十)"))
    numeral_counters: str = field(metadata=_need(
        "optional", "counters that must follow native or sino numerals"))

    # --- what a number counts: the noun phrase after it (grammar "words") -----------
    facility: str = field(metadata=_need("all", "nouns naming a facility of the topic"))
    countries: str = field(metadata=_need("words", "nouns of a countries span ('countries')"))
    countries_noun: str = field(metadata=_need(
        "optional", "'countries' said before a bare number of them ('所在国家至少有53个')"))
    cities: str = field(metadata=_need("words", "nouns of a cities span ('cities')"))
    blocked: str = field(metadata=_need(
        "words", "nouns a count of stations never takes: people, time, money, zones..."))
    rank_words: str = field(metadata=_need(
        "words", "ordinals and superlatives after a number or article: a rank, no count"
        " ('a second office', 'the 10 best')"))
    kind_before: str = field(metadata=_need(
        "words", "'such', 'similar' before a noun: it stands for the facilities ('100 such"
        " bureaus')"))
    kind_after: str = field(metadata=_need(
        "words", "'of this kind' after a noun: it stands for the facilities ('54 dependencias"
        " de este tipo')"))
    stop: str = field(metadata=_need("words", "words that close the noun phrase"))
    filler: str = field(metadata=_need("words", "words read through between number and noun"))
    copula: str = field(metadata=_need("words", "verbs after which only a place may follow"))
    conj: str = field(metadata=_need("all", "'and' / 'or': ends the place of a count"))
    loc: str = field(metadata=_need("words", "prepositions of place ('in', 'à')"))
    others: str = field(metadata=_need("words", "'others': the rest of a known set"))
    range: str = field(metadata=_need("words", "words between the two ends of a range"))
    month: str = field(metadata=_need("words", "month names"))
    weekdays: str = field(metadata=_need(
        "words", "names of the days of the week: 'Tuesday (25)', 'quinta-feira, 10' is a date"))
    date_joiner: str = field(metadata=_need(
        "optional", "a word between a day and its month ('4 de diciembre')"))
    prefix_block: str = field(metadata=_need(
        "all", "words before a number that make it a label ('Top 10', 'No. 3', '第')"))
    compounds: bool = field(metadata=_need(
        "optional", "facility nouns end compounds (Auslandspolizeistationen)"))
    month_day: bool = field(metadata=_need("optional", "dates put the day after the month"))
    overseas_name: str = field(metadata=_need(
        "all", "the word of the '110 Overseas' name ('overseas', '海外')"))
    emergency: str = field(metadata=_need("all", "words of emergency numbers ('hotline', '报警')"))
    ordinal_after: str = field(metadata=_need("words", "ordinal suffixes after digits ('th')"))
    of_words: str = field(metadata=_need("words", "'of' after 'one' ('one of the stations')"))
    comparative: str = field(metadata=_need("words", "'than': a count compared with another"))
    definite: str = field(metadata=_need("words", "definite articles before a known set"))
    of_report: str = field(metadata=_need("words", "'of the report' after a count"))
    relative: str = field(metadata=_need("words", "relative pronouns after a count"))
    single: str = field(metadata=_need("words", "'only'/'single': an article that counts"))
    from_before: str = field(metadata=_need("words", "'up from': an earlier figure follows"))
    from_loose: str = field(metadata=_need("optional", "a loose 'from' before a numeral only"))
    one_of: str = field(metadata=_need("words", "'one of' before a count of a set"))
    aged_before: str = field(metadata=_need("words", "'aged' before ages"))
    age_after: str = field(metadata=_need("words", "'-year' after an age"))
    age_words: str = field(metadata=_need("all", "'years old' after an age"))

    # --- what a number counts: the counter after it (grammar "counters") ------------
    counter_facility: str = field(metadata=_need("counters", "counters of places (곳, カ所, 个)"))
    counter_generic: str = field(metadata=_need("counters", "counters of anything (개, つ)"))
    counter_countries: str = field(metadata=_need("counters", "counters of countries (개국)"))
    counter_cities: str = field(metadata=_need("counters", "counters of cities"))
    counter_blocked: str = field(metadata=_need(
        "counters", "counters a count of stations never takes (명, 年)"))
    located_after: str = field(metadata=_need(
        "optional", "'located in' after a counter (三个位于): a part of a set"))
    to_after: str = field(metadata=_need("optional", "'to' after a counter: a total risen to"))
    particles: str = field(metadata=_need("counters", "particles between a counter and its noun"))
    genitive: str = field(metadata=_need("optional", "the particle of 'a … of' (한 곳의 식당)"))
    space_ends_phrase: bool = field(metadata=_need(
        "optional", "a space after the counter ends the phrase (headlines)"))

    # --- modifiers: qualifiers, increments, places ----------------------------------
    q_more_than: str = field(metadata=_need("optional", "'more than' before a number"))
    q_at_least: str = field(metadata=_need("all", "'at least' before a number"))
    q_about: str = field(metadata=_need("all", "'about' before a number"))
    q_up_to: str = field(metadata=_need("all", "'up to' / 'nearly' before a number"))
    qa_more_than: str = field(metadata=_need("all", "'more than' after a number ('+', '以上')"))
    qa_at_least: str = field(metadata=_need("optional", "'or more' after a number"))
    qa_about: str = field(metadata=_need("optional", "'or so' after a number"))
    qa_up_to: str = field(metadata=_need("optional", "'nearly' after a number"))
    qualifier_joiners: str = field(metadata=_need(
        "optional", "words between a qualifier and its number ('a' of 'some a', 有)"))
    added_before: str = field(metadata=_need("all", "increment markers before a number"))
    added_after: str = field(metadata=_need("all", "increment markers after a number"))
    worldwide: str = field(metadata=_need("all", "a worldwide total ('worldwide')"))
    increase_by: str = field(metadata=_need(
        "optional", "'by' right before a number of a rise ('um 48 gestiegen', 'grew by 48')"))
    increase_verbs: str = field(metadata=_need(
        "optional", "verbs of a rise said with increase_by ('gestiegen', 'erweitert', 'grew')"))
    other_org: str = field(metadata=_need("all", "near-topic networks near a count"))
    networks: str = field(metadata=_need(
        "all", "near-topic networks with counts of their own (help centres, Confucius"
        " Institutes): a count after one in its sentence is the network's, unless the"
        " stations are named in between"))
    change_from: str = field(metadata=_need(
        "words", "'from' of a figure that changed: 'from 54 to 102' (not a range)"))
    change_to: str = field(metadata=_need("words", "'to' of a figure that changed"))
    example_before: str = field(metadata=_need(
        "optional", "'including' right before a place: an example of several, not the host"))
    example_after: str = field(metadata=_need(
        "optional", "'among them' right after a place (을 포함해, を含む, 在内)"))
    pronoun: str = field(metadata=_need(
        "optional", "the pronoun standing for the facilities counted ('en', 'ne', 'er')"))
    half: str = field(metadata=_need(
        "optional", "'half' before a collective numeral ('meia centena': 50)"))
    part_of: str = field(metadata=_need(
        "optional", "'of which', 'of them' before a part of a count just given (其中, dont)"))
    erratum: str = field(metadata=_need(
        "optional", "a correction's wrong version ('in an earlier version'): its counts are not"
        " claims, but those after 'but' are ('not three but four')"))
    erratum_after: str = field(metadata=_need(
        "optional", "said right after a wrong figure ('12カ所」とあったのは', '2个”应为')"))
    other_one: str = field(metadata=_need(
        "optional", "'the other' of 'one ..., the other ...': an enumeration of a known set"))
    indefinite_counters: str = field(metadata=_need(
        "optional", "counters with which 'one' is an article ('运营一处警察站': a station)"))
    member_one: str = field(metadata=_need(
        "optional", "'one of' said after a noun (拠点の一つ, 站点之一): membership, no count"))
    each_before: str = field(metadata=_need(
        "optional", "'each' right before a number: one count per place named (je, 各, 각)"))
    each_after: str = field(metadata=_need(
        "optional", "'each' after a number or its noun ('one each', 'um posto cada')"))
    here: str = field(metadata=_need(
        "all", "'in the country': the country the document is about"))
    home_words: str = field(metadata=_need(
        "optional", "'in our country': the home country of the language (needs home)"))
    recount: str = field(metadata=_need("all", "verbs counting a set named before"))
    hq_before: str = field(metadata=_need(
        "words", "'based in' before a place: an organisation's seat, not a host"))
    hq_after: str = field(metadata=_need("optional", "'-based' after a place"))
    contrast: str = field(metadata=_need("words", "'while' / 'but': a new clause of places"))
    from_words: str = field(metadata=_need("words", "'from' of 'up from 21'"))
    total_words: str = field(metadata=_need("all", "'total', 'number': a bare count is framed"))
    sum_words: str = field(metadata=_need(
        "optional", "'in all' right before a number: the sum of the parts named before it"
        " ('計4カ所', '모두 29곳')"))

    hypothetical: str = field(metadata=_need(
        "all", "words opening a hypothetical: the counts after them in the sentence are not"
        " claims ('imagine', 'stellen Sie sich vor', '如果')"))

    # --- relevance --------------------------------------------------------------------
    keywords: tuple[str, ...] = field(metadata=_need("all", "phrases that name the topic"))
    topic_facility: str = field(metadata=_need("all", "police facility words of the topic"))
    china: str = field(metadata=_need("all", "names of China the state"))
    china_common: bool = field(metadata=_need(
        "optional", "China is named in most of this language's news: it weighs little"))
    abroad: str = field(metadata=_need("all", "'abroad', 'overseas', 'sovereignty'"))
    near_miss: str = field(metadata=_need("all", "neighbouring stories"))
    station: str = field(metadata=_need("all", "the bare facility words ('the stations')"))
    frame: str = field(metadata=_need("all", "how coverage frames them: reports, probes"))
    domestic: str = field(metadata=_need("all", "local police news words"))
    anaphora: str = field(metadata=_need("all", "'the stations': a known set"))
    anaphora_strong: str = field(metadata=_need("all", "'such stations'"))
    shady: str = field(metadata=_need("all", "'secret', 'illegal', 'alleged'"))
    community: str = field(metadata=_need("optional", "'the Chinese community': people, not the state"))
    products: str = field(metadata=_need("optional", "'Chinese cameras': goods, not the state"))
    ngo: str = field(metadata=_need("all", "the NGO's name as this language writes it"))
    ngo_anaphora: str = field(metadata=_need(
        "all", "the NGO named by an anaphor ('the group', '该组织', '同団体'): with a count of"
        " facilities in a brief, the story's own source"))
    police: str = field(metadata=_need("all", "a police force and its officers ('police', '公安')"))
    foreign: str = field(metadata=_need("all", "'foreign' said of a police ('polizia straniera')"))
    china_foreign: bool = field(metadata=_need(
        "optional", "a police named with China is a foreign one (not in Chinese, whose press"
        " names its own police so: '福州市公安局')"))
    also_reads: tuple[str, ...] = field(metadata=_need(
        "optional", "packs whose topic words this language's press also uses (quoted names)"))

    # --- places -------------------------------------------------------------------------
    cldr_locales: tuple[str, ...] = field(metadata=_need(
        "all", "babel locales whose territory names the gazetteer reads"))
    name_endings: tuple[str, ...] = field(metadata=_need(
        "optional", "endings a place name takes in this language, tried when a capitalised word"
        " is no name as it stands: cases ('Spaniens', 'Niederlanden') and city adjectives"
        " ('Frankfurter', 'Dublinse')"))
    demonyms: Mapping[str, tuple[str, ...]] = field(metadata=_need(
        "optional", "country adjectives as lower-case stems, by ISO code"))
    iso_locales: tuple[str, ...] = field(metadata=_need(
        "all", "iso-codes locales (pycountry's catalogues) whose names of sub-national regions"
        " the gazetteer reads ('Lombardei', '巴伐利亚')"))
    region_aliases: tuple[str, ...] = field(metadata=_need(
        "optional", "names of world regions CLDR lacks ('欧州', '北米'): several countries"))
    subdivision_aliases: Mapping[str, str] = field(metadata=_need(
        "optional", "names of sub-national regions the iso-codes catalogues lack, to the ISO"
        " alpha-2 of their country ('Lombardy': IT)"))
    country_aliases: Mapping[str, str] = field(metadata=_need(
        "optional", "country names CLDR lacks ('Britain': GB)"))
    city_aliases: Mapping[str, str] = field(metadata=_need(
        "optional", "city spellings geonames lacks, to the English city name"))


def pack_problems(pack: LangPack) -> list[str]:
    """What is missing or wrong in ``pack`` (empty when it is complete): a field its
    grammar needs left empty, a pattern that does not compile or captures, home words
    without a home country."""
    import re
    from dataclasses import fields

    out: list[str] = []
    for f in fields(pack):
        need = str(f.metadata.get("need", ""))
        value = getattr(pack, f.name)
        required = need == "all" or need == pack.grammar
        if need not in ("all", "words", "counters", "optional"):
            out.append(f"{f.name}: no 'need' in its metadata")
        if required and not isinstance(value, bool) and not value:
            out.append(f"{f.name}: empty, but every {'' if need == 'all' else need + ' '}pack needs it")
        if isinstance(value, str) and value and f.type == "str" and f.name not in LITERAL:
            try:
                compiled = re.compile(value)
            except re.error as exc:
                out.append(f"{f.name}: not a regular expression ({exc})")
                continue
            if compiled.groups:
                out.append(f"{f.name}: has a capturing group; use (?:...)")
    if pack.home_words and not pack.home:
        out.append("home_words: given, but home is None")
    if pack.home is not None and not (len(pack.home) == 2 and pack.home.isupper()):
        out.append(f"home: {pack.home!r} is not an ISO alpha-2 code")
    return out


# str fields that are plain text, not patterns
LITERAL = frozenset({"code", "name", "grammar", "script", "sample", "text2num"})
