"""Table tests of the claim stages, sentence by sentence, in every language.

Each row: language, a sentence of our own, and the claims expected as
(count, qualifier, place, added, countries). An empty list means: no claim.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from crawler.analysis.claims import document_claims, sentence_claims
from crawler.analysis.types import ClaimData

W = None  # worldwide / multi-country

Shape = tuple[int, str, str | None, bool, int | None]  # count, qualifier, place, added, countries

CASES: list[tuple[str, str, list[Shape]]] = [
    # English
    ("en", "Beijing runs more than 102 overseas police stations in 53 countries, the group says.",
     [(102, "more_than", W, False, 53)]),
    ("en", "Investigators found 48 additional 'service stations' abroad.", [(48, "exact", W, True, None)]),
    ("en", "A further 16 stations were listed in the new report.", [(16, "exact", W, True, None)]),
    ("en", "Italy hosts the largest number, with 11 stations.", [(11, "exact", "IT", False, None)]),
    ("en", "Police in Spain believe there are nine such stations, three of them in Madrid.",
     [(9, "exact", "ES", False, None), (3, "exact", "ES", False, None)]),
    ("en", "Canada's RCMP is investigating three alleged police stations in the Toronto area.",
     [(3, "exact", "CA", False, None)]),
    ("en", "At least 36 of the outposts are located in Europe.", [(36, "at_least", W, False, None)]),
    ("en", "The group counted some 30 police service stations in 25 cities of 21 countries.",
     [(30, "about", W, False, 21)]),
    ("en", "The FBI arrested two men accused of running a station in Manhattan.", []),
    ("en", "Officials said 230,000 people were persuaded to return between 2021 and 2022.", []),
    ("en", "The network is split into four regional zones run from Fuzhou.", []),
    ("en", "Dial 110 for the police in China, or 112 across Europe.", []),
    ("en", "The '110 Overseas' stations were first set up in 2016.", []),
    ("en", "A dozen overseas police stations operate in Italy alone.", [(12, "exact", "IT", False, None)]),
    ("en", "Dozens of stations are thought to operate in Europe.", []),
    ("en", "More than a hundred police stations are run from China.", [(100, "more_than", W, False, None)]),
    ("en", "Two of the stations were shut in December 2022.", [(2, "exact", W, False, None)]),
    ("en", "The first known station in the United States was in Manhattan.", []),
    ("en", "He faces up to 20 years in prison for running the station.", []),
    # Chinese
    ("zh", "报告称，中国在53个国家设立了102个海外警察站。", [(102, "exact", W, False, 53)]),
    ("zh", "该组织新增48个海外服务站。", [(48, "exact", W, True, None)]),
    ("zh", "意大利境内至少有11个海外警务服务站。", [(11, "at_least", "IT", False, None)]),
    ("zh", "荷兰政府关闭了两个秘密警察站。", [(2, "exact", "NL", False, None)]),
    ("zh", "全球已有100多个海外警察站。", [(100, "more_than", W, False, None)]),
    ("zh", "當局表示，有一百零二個海外警察站分布在五十三個國家。", [(102, "exact", W, False, 53)]),
    ("zh", "警方逮捕了两名男子，他们涉嫌在纽约经营海外警察站。", []),
    ("zh", "全球已有45个华助中心。", []),
    # Korean
    ("ko", "중국이 53개국에 102곳 이상의 비밀경찰서를 운영하고 있다.", [(102, "more_than", W, False, 53)]),
    ("ko", "단체는 비밀경찰서 48곳을 추가로 확인했다고 밝혔다.", [(48, "exact", W, True, None)]),
    ("ko", "이탈리아에는 비밀경찰서가 11곳 있는 것으로 알려졌다.", [(11, "exact", "IT", False, None)]),
    ("ko", "서울에도 비밀경찰서로 의심되는 곳이 한 곳 있다.", [(1, "exact", "KR", False, None)]),
    ("ko", "경찰은 비밀경찰서 운영 혐의로 2명을 체포했다.", []),
    # Japanese
    ("ja", "中国は53カ国に102カ所以上の海外警察拠点を設けている。", [(102, "more_than", W, False, 53)]),
    ("ja", "日本国内にも少なくとも2カ所の拠点がある。", [(2, "at_least", "JP", False, None)]),
    ("ja", "団体は新たに48カ所の警察拠点を確認した。", [(48, "exact", W, True, None)]),
    # Spanish
    ("es", "La ONG identificó otras 48 comisarías chinas.", [(48, "exact", W, True, None)]),
    ("es", "China tiene más de 102 comisarías en 53 países.", [(102, "more_than", W, False, 53)]),
    ("es", "En España hay nueve comisarías, tres de ellas en Madrid.",
     [(9, "exact", "ES", False, None), (3, "exact", "ES", False, None)]),
    ("es", "La policía detuvo a dos hombres vinculados a la comisaría.", []),
    # French
    ("fr", "L'ONG a recensé plus de 102 commissariats chinois dans 53 pays.", [(102, "more_than", W, False, 53)]),
    ("fr", "La France compterait quatre commissariats clandestins.", [(4, "exact", "FR", False, None)]),
    ("fr", "Au moins deux postes de police chinois ont été signalés aux Pays-Bas.",
     [(2, "at_least", "NL", False, None)]),
    # German
    ("de", "Die Organisation fand weitere 48 Polizeistationen.", [(48, "exact", W, True, None)]),
    ("de", "Weltweit soll es mehr als 102 Polizeistationen in 53 Ländern geben.", [(102, "more_than", W, False, 53)]),
    ("de", "In Deutschland gibt es mindestens zwei mutmaßliche Polizeistationen.", [(2, "at_least", "DE", False, None)]),
    ("de", "Die Polizei nahm zwei Männer fest, die eine Polizeistation betrieben.", []),
    # Italian
    ("it", "In Italia ci sono almeno 11 stazioni di polizia cinesi.", [(11, "at_least", "IT", False, None)]),
    ("it", "Il rapporto elenca oltre 102 stazioni in 53 paesi.", [(102, "more_than", W, False, 53)]),
    ("it", "Sono state individuate altre 48 stazioni di polizia cinesi.", [(48, "exact", W, True, None)]),
    # Dutch
    ("nl", "De politie sloot twee Chinese politieposten in Amsterdam en Rotterdam.", [(2, "exact", "NL", False, None)]),
    ("nl", "Wereldwijd zijn er meer dan 102 politiebureaus in 53 landen.", [(102, "more_than", W, False, 53)]),
    ("nl", "Twee agenten werden bij het politiebureau ondervraagd.", []),
    # Portuguese
    ("pt", "Em Portugal existem três esquadras ilegais chinesas.", [(3, "exact", "PT", False, None)]),
    ("pt", "A ONG identificou mais 48 esquadras em todo o mundo.", [(48, "exact", W, True, None)]),
    ("pt", "Há mais de 102 delegacias chinesas em 53 países.", [(102, "more_than", W, False, 53)]),
]


def _shape(claims: Iterable[ClaimData]) -> list[Shape]:
    return sorted((c.count, c.qualifier, c.place, c.added, c.countries) for c in claims)


@pytest.mark.parametrize(("lang", "sentence", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_sentence_claims(lang: str, sentence: str, expected: list[Shape]) -> None:
    assert _shape(sentence_claims(sentence, lang)) == sorted(expected)


def test_evidence_is_the_sentence() -> None:
    s = "Investigators found 48 additional police stations."
    (claim,) = sentence_claims(s, "en")
    assert claim.evidence == s


def test_full_width_digits() -> None:
    (claim,) = sentence_claims("中国在５３个国家设立了１０２个海外警察站。", "zh")
    assert (claim.count, claim.countries) == (102, 53)


def test_city_is_named_in_english() -> None:
    (claim,) = sentence_claims("Ireland closed one police station in Dublin.", "en")
    assert (claim.count, claim.place, claim.city) == (1, "IE", "Dublin")


def test_document_claims_merge_a_restated_figure() -> None:
    claims = document_claims(
        ["There are more than 102 overseas police stations in 53 countries.",
         "The 102 stations are run from two cities.",
         "It found 48 more stations.", "Again: 48 more stations were found."],
        "en",
    )
    assert _shape(claims) == [(48, "exact", None, True, None), (102, "more_than", None, False, 53)]


MORE_CASES = [
    ("en", "The group found 54 police stations last year; 48 more were identified this week.",
     [(54, "exact", W, False, None), (48, "exact", W, True, None)]),
    ("en", "Two were arrested at the station in New York.", []),
    ("en", "Two men ran a station in Paris and three in Rome.", []),
    ("en", "The number of known stations has risen to 102 from 54.",
     [(102, "exact", W, False, None), (54, "exact", W, False, None)]),
    ("en", "Of the 102 stations, 11 are in Italy and nine are in Spain.",
     [(102, "exact", W, False, None), (11, "exact", "IT", False, None), (9, "exact", "ES", False, None)]),
    ("en", "Police said there were between three and four such stations in the UK.",
     [(3, "at_least", "GB", False, None)]),
    ("en", "Safeguard Defenders, a Madrid-based group, says there are 102 stations.",
     [(102, "exact", W, False, None)]),
    ("es", "Safeguard Defenders denunció 54 comisarías en 30 países, nueve de ellas en España.",
     [(54, "exact", W, False, 30), (9, "exact", "ES", False, None)]),
    ("es", "En Madrid habría tres comisarías y en Barcelona dos.",
     [(3, "exact", "ES", False, None), (2, "exact", "ES", False, None)]),
    ("de", "In Frankfurt soll es eine Polizeistation geben.", []),  # "eine": an article
    ("fr", "L'ONG a identifié 48 nouveaux postes de police chinois.", [(48, "exact", W, True, None)]),
    ("zh", "荷兰外交部表示，已下令关闭两个“海外警察服务站”。", [(2, "exact", "NL", False, None)]),
    ("ja", "オランダでは2カ所の拠点が閉鎖された。", [(2, "exact", "NL", False, None)]),
    ("ko", "네덜란드는 암스테르담과 로테르담의 비밀경찰서 두 곳을 폐쇄했다.", [(2, "exact", "NL", False, None)]),
    ("fr", "Il y aurait une centaine de commissariats chinois dans le monde.", [(100, "about", W, False, None)]),
    ("fr", "Des dizaines de commissariats chinois opéreraient en Europe.", []),
    ("fr", "Plus d'une centaine de commissariats chinois auraient été ouverts.", [(100, "more_than", W, False, None)]),
    ("en", "The report lists 11 stations in Italy, nine in Spain and four in France.",
     [(11, "exact", "IT", False, None), (9, "exact", "ES", False, None), (4, "exact", "FR", False, None)]),
    ("en", "The ministry said it had closed 1,000 police stations across the country.", []),
    ("de", "In Deutschland wurden mindestens zwei Standorte bekannt, einer davon in Frankfurt.",
     [(2, "at_least", "DE", False, None), (1, "exact", "DE", False, None)]),
    ("it", "Sarebbero una decina le stazioni di polizia cinesi in Italia.", [(10, "about", "IT", False, None)]),
    ("zh", "中国在数十个国家设有海外警察站。", []),
    ("pt", "A polícia investiga três esquadras chinesas em Lisboa e no Porto.", [(3, "exact", "PT", False, None)]),
    ("en", "Safeguard Defenders identified a further 48 stations, bringing the total to 102 across 53 countries.",
     [(48, "exact", W, True, None), (102, "exact", W, False, 53)]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), MORE_CASES,
                         ids=[f"{c[0]}-more-{i}" for i, c in enumerate(MORE_CASES)])
def test_more_sentence_claims(lang: str, sentence: str, expected: list[Shape]) -> None:
    assert _shape(sentence_claims(sentence, lang)) == sorted(expected)


def test_a_bare_count_after_a_facility_sentence_needs_a_place() -> None:
    claims = document_claims(["La Chine aurait ouvert des commissariats clandestins en Europe.",
                              "Il y en aurait quatre en France."], "fr")
    assert _shape(claims) == [(4, "exact", "FR", False, None)]
    # without a place, or with another unit, a bare count after such a sentence is nothing
    assert document_claims(["The stations were reported in Europe.",
                            "He spent 2 years in Spain and 3 in France."], "en") == []
    assert document_claims(["The stations were reported in Europe.", "There were 3 of them."],
                           "en") == []


RULES = [
    # an article counts with "only"/"single" or a qualifier, not alone
    ("de", "In Belgien gibt es nur eine einzige Polizeistation dieser Art.", [(1, "exact", "BE", False, None)]),
    ("fr", "La Suisse compterait au moins un commissariat chinois.", [(1, "at_least", "CH", False, None)]),
    ("pt", "O Brasil teria uma delegacia chinesa em São Paulo.", []),
    # "one of them in X" counts; "one of the stations" does not
    ("es", "Grecia tiene dos de estas comisarías, una de ellas en Atenas.",
     [(2, "exact", "GR", False, None), (1, "exact", "GR", False, None)]),
    ("en", "Vienna's is one of the stations named in the report.", []),
    # earlier figures of the same thing
    ("en", "The count of stations rose to 80, up from the 40 it gave last spring.",
     [(80, "exact", W, False, None), (40, "exact", W, False, None)]),
    ("es", "Se suman a las 40 que ya había identificado la ONG entre las comisarías chinas.",
     [(40, "exact", W, False, None)]),
    # countries stay countries: "21 countries, up from 15"
    ("en", "The network of police stations now spans 21 countries, up from 15 last year.", []),
    # ages, dates and page chrome
    ("en", "Wang Wei, 58, denied running the police station.", []),
    ("de", "Polizeistationen: 7. März 2023 | 14 Kommentare", []),
    ("en", "Overseas police stations top 60, campaigners say.", [(60, "more_than", W, False, None)]),
    # shared city names go to the country the text is about; two cities of one country
    # with one figure are one key (count, place, added)
    ("es", "En Barcelona habría dos comisarías chinas y en Valencia, dos.",
     [(2, "exact", "ES", False, None)]),
    # CJK: "a restaurant" is no count; a bare 百 before a counter is 100; headline spaces
    ("zh", "首尔一家中餐馆被怀疑是中国的海外警察站。", []),
    ("zh", "全球海外警察站逾百个", [(100, "more_than", W, False, None)]),
    ("zh", "海外警察站已达80个 分布在30个国家", [(80, "exact", W, False, 30)]),
    ("ko", "중국 비밀경찰서 의혹… 전 세계 백여 곳에 달해", [(100, "more_than", W, False, None)]),
    ("ko", "이 단체는 해외 경찰서 30곳을 새로 찾아냈다.", [(30, "exact", W, True, None)]),
    ("ko", "중국 해외 경찰서는 모두 70곳으로 늘었다.", [(70, "exact", W, False, None)]),  # rose *to*
    ("ja", "中国の警察拠点は前回の報告から20カ所増えた。", [(20, "exact", W, True, None)]),
    ("zh", "海外警察站总数达到70个，比此前披露的40个新增30个。",
     [(70, "exact", W, False, None), (40, "exact", W, False, None), (30, "exact", W, True, None)]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), RULES, ids=[f"{c[0]}-rule-{i}" for i, c in enumerate(RULES)])
def test_general_rules(lang: str, text: str, expected: list[Shape]) -> None:
    claims = document_claims([text], lang)
    assert sorted((c.count, c.qualifier, c.place, c.added, c.countries) for c in claims) == sorted(expected)


def test_a_figure_framed_as_a_total_in_the_next_sentence() -> None:
    claims = document_claims(["Campaigners first counted 30 police stations abroad.",
                              "By the end of the year the total stood at 70.",
                              "The weather was mild."], "en")
    assert _shape(claims) == [(30, "exact", W, False, None), (70, "exact", W, False, None)]


def test_long_german_report_with_page_chrome() -> None:
    text = """Startseite › Politik
Lesezeit: 3 Min. | 21 Kommentare
Bericht: China betreibt mehr als 90 Polizeistationen im Ausland
Eine Menschenrechtsgruppe hat nach eigenen Angaben 30 weitere mutmaßliche chinesische Polizeistationen entdeckt.
Insgesamt seien es damit mindestens 90 Stationen in 40 Ländern.
In Österreich sollen es mindestens zwei sein, eine davon in Wien.
Belgien hatte im Oktober zwei Stationen in Brüssel und Antwerpen schließen lassen.
Mehr zum Thema: Die 5 wichtigsten Fragen"""
    from crawler.analysis.document import analyse

    got = sorted((c.count, c.qualifier, c.place, c.added, c.countries) for c in analyse(text).claims)
    assert got == [(1, "exact", "AT", False, None), (2, "at_least", "AT", False, None),
                   (2, "exact", "BE", False, None), (30, "exact", None, True, None),
                   (90, "at_least", None, False, 40)]  # the headline's 90 is the same figure


def test_more_than_another_figure() -> None:
    claims = sentence_claims("A ONG contou mais 30 esquadras do que as 40 que tinha identificado.", "pt")
    assert _shape(claims) == [(30, "exact", None, True, None), (40, "exact", None, False, None)]
