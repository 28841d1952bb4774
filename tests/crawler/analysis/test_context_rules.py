"""Table tests of the document-level claim rules, in several languages, on our own texts.

Each row: language, the sentences of a short document, and the claims expected as
(count, qualifier, place, added). The rules are general (see claims.py, modifiers.py,
focus.py): a bare count read back with a counting verb, regional totals, lists of
countries that run over several sentences, places in an apposition or named by "the
country", one key per (count, place, added), and city names shared by several countries.
"""

from __future__ import annotations

import pytest

from crawler.analysis.claims import document_claims

W = None  # worldwide / regional / multi-country

DOCS: list[tuple[str, list[str], list[tuple[int, str, str | None, bool]]]] = [
    # a bare count read back with a counting verb, after a sentence naming the stations
    ("en", ["The campaign group published a list of overseas police stations.",
            "Its first edition had recorded 40."], [(40, "exact", W, False)]),
    ("fr", ["Le rapport décrit des commissariats chinois à l'étranger.",
            "Sa première version en dénombrait 30."], [(30, "exact", W, False)]),
    ("es", ["El informe enumera comisarías chinas en varios países.",
            "La primera edición había contabilizado 25."], [(25, "exact", W, False)]),
    ("pt", ["O estudo descreve esquadras chinesas no estrangeiro.",
            "A primeira versão tinha identificado 25."], [(25, "exact", W, False)]),
    ("it", ["Il dossier parla di stazioni di polizia cinesi.",
            "Il mese scorso l'associazione ne ha aggiunte 12."], [(12, "exact", W, True)]),
    ("de", ["Die Gruppe fand 20 weitere Polizeistationen.",
            "Zuvor war sie von 35 ausgegangen."], [(20, "exact", W, True), (35, "exact", W, False)]),
    ("nl", ["De groep vond 20 nieuwe politieposten.", "Eerder ging zij uit van 35."],
     [(20, "exact", W, True), (35, "exact", W, False)]),
    ("fr", ["L'ONG recense plus de 90 commissariats chinois dans 40 pays.",
            "En septembre, elle en avait documenté 35."],
     [(90, "more_than", W, False), (35, "exact", W, False)]),
    ("de", ["Die Organisation zählt mehr als 90 Polizeistationen in 40 Ländern.",
            "Im Frühjahr hatte sie 35 gezählt."], [(90, "more_than", W, False), (35, "exact", W, False)]),
    ("nl", ["De organisatie telt meer dan 90 politieposten in 40 landen.",
            "In het voorjaar had zij er 35 geteld."], [(90, "more_than", W, False), (35, "exact", W, False)]),
    ("zh", ["保护卫士称，中国在40个国家设有超过90个海外警察站。", "该组织春季的首份报告记录了35个。"],
     [(90, "more_than", W, False), (35, "exact", W, False)]),
    ("ko", ["이 단체는 40개국에서 90곳이 넘는 비밀경찰서를 확인했다.", "이 단체는 봄 첫 보고서에서 35곳을 기록했다."],
     [(90, "more_than", W, False), (35, "exact", W, False)]),
    ("it", ["La ong dice che la Cina ha oltre 90 stazioni di polizia all'estero.", "In primavera ne indicava 35."],
     [(90, "more_than", W, False), (35, "exact", W, False)]),
    ("es", ["La ONG dice que China tiene más de 90 comisarías en el extranjero.", "En primavera señalaba 35."],
     [(90, "more_than", W, False), (35, "exact", W, False)]),
    ("pt", ["A ONG diz que a China tem mais de 90 esquadras no estrangeiro.", "Na primavera apontava 35."],
     [(90, "more_than", W, False), (35, "exact", W, False)]),
    ("en", ["The group says China runs more than 90 police stations abroad.", "Its spring report cited 35."],
     [(90, "more_than", W, False), (35, "exact", W, False)]),
    # an earlier figure with a qualifier between: "von bis zu vier"
    ("de", ["Die Gruppe nennt chinesische Polizeistationen in Europa.",
            "In Belgien war von bis zu drei die Rede."], [(3, "up_to", "BE", False)]),
    # ... but a bare number with no verb of counting, or an age, is nothing
    ("en", ["The stations were reported in Europe.", "There were 3 of them."], []),
    ("en", ["The man ran a police station in the city.", "He turned 61 last week."], []),
    # regional totals: place null, also after a sentence naming the stations
    ("es", ["La ONG publicó un informe sobre comisarías chinas.", "Al menos 20 de ellas están en Asia."],
     [(20, "at_least", W, False)]),
    ("pt", ["O relatório fala de esquadras chinesas.", "Na Ásia há pelo menos 15."],
     [(15, "at_least", W, False)]),
    ("fr", ["Le rapport recense des postes de police chinois.", "En Afrique, l'ONG en compte au moins 14."],
     [(14, "at_least", W, False)]),
    ("it", ["Il rapporto cita stazioni di polizia cinesi.", "In Africa ne sono state censite almeno 14."],
     [(14, "at_least", W, False)]),
    ("pt", ["O relatório fala de esquadras chinesas.", "A ONG contabiliza mais de cem em todo o mundo."],
     [(100, "more_than", W, False)]),
    # a list of countries that runs on over several sentences
    ("es", ["La ONG cita comisarías chinas en Europa.", "Grecia encabeza la lista con siete.",
            "Suecia tenía cinco.", "Austria, por su parte, tenía dos.", "Bélgica investigó hasta tres."],
     [(7, "exact", "GR", False), (5, "exact", "SE", False), (2, "exact", "AT", False),
      (3, "up_to", "BE", False)]),
    ("nl", ["De groep telde politieposten in Europa.",
            "Griekenland staat bovenaan met zeven, gevolgd door Zweden met vijf en Oostenrijk met twee."],
     [(7, "exact", "GR", False), (5, "exact", "SE", False), (2, "exact", "AT", False)]),
    ("en", ["The group counted police stations in Europe.",
            "Greece leads with seven, followed by Sweden with five and Austria with two."],
     [(7, "exact", "GR", False), (5, "exact", "SE", False), (2, "exact", "AT", False)]),
    ("de", ["Die Gruppe zählte Polizeistationen in Europa.",
            "Vorn liegt Griechenland mit sieben, gefolgt von Schweden mit fünf und Österreich mit zwei."],
     [(7, "exact", "GR", False), (5, "exact", "SE", False), (2, "exact", "AT", False)]),
    # the rest of a known set, placed with a past copula, is not an increment
    ("nl", ["België telde vijf Chinese politieposten.", "Twee andere stonden in Gent."],
     [(5, "exact", "BE", False), (2, "exact", "BE", False)]),
    ("es", ["En Grecia hay cinco comisarías chinas.", "Cuatro estaban en Atenas."],
     [(5, "exact", "GR", False), (4, "exact", "GR", False)]),
    ("pt", ["A Grécia teria cinco esquadras chinesas.", "Três ficavam em Atenas e duas em Salónica."],
     [(5, "exact", "GR", False), (3, "exact", "GR", False), (2, "exact", "GR", False)]),
    # ... while others "found" are new ones
    ("en", ["The group listed five police stations in Greece.", "Two others were found in Athens."],
     [(5, "exact", "GR", False), (2, "exact", "GR", True)]),
    # the places of a count in an apposition after it
    ("it", ["Le stazioni di polizia segnalate sono almeno tre, a Bologna, Modena e Parma."],
     [(3, "at_least", "IT", False)]),
    ("fr", ["La police enquête sur deux postes de police chinois, à Lyon et à Marseille."],
     [(2, "exact", "FR", False)]),
    # "in the country": the country the document is about
    ("fr", ["La Belgique face aux commissariats chinois.", "Bruxelles a ouvert une enquête en Belgique.",
            "Selon l'ONG, deux antennes seraient actives sur le territoire."], [(2, "exact", "BE", False)]),
    ("pt", ["Grécia: o governo investiga esquadras chinesas.",
            "Foram identificadas cinco esquadras chinesas no país."], [(5, "exact", "GR", False)]),
    ("en", ["Sweden reviews Chinese police stations", "Police in Sweden opened an inquiry.",
            "The group says two police stations operate in the country."], [(2, "exact", "SE", False)]),
    # one key per (count, place, added): a headline and its body, two cities with one figure
    ("en", ["Athens: two Chinese police stations closed",
            "Greece closed the two police stations in Athens last week."], [(2, "exact", "GR", False)]),
    ("es", ["Habría dos comisarías chinas en Sevilla y dos en Bilbao."],
     [(2, "exact", "ES", False), (2, "exact", "ES", False)]),
    # a figure the document places elsewhere is not repeated without its place
    ("en", ["Two police stations under scrutiny", "Officials in Greece said two police stations had closed."],
     [(2, "exact", "GR", False)]),
    # a city name several countries share goes to the country the document names
    ("en", ["Spain: police examine Chinese police stations",
            "Officials said two police stations were in Santiago."], [(2, "exact", "ES", False)]),
    ("en", ["Chile reviews Chinese police stations.",
            "Officials said two police stations were in Santiago."], [(2, "exact", "CL", False)]),
    ("de", ["Spanien prüft chinesische Polizeistationen.",
            "Zwei Polizeistationen soll es in Santiago geben."], [(2, "exact", "ES", False)]),
    ("en", ["Venezuela looks into Chinese police stations.",
            "Officials said two police stations were in Valencia."], [(2, "exact", "VE", False)]),
    ("en", ["Officials said two police stations were in Valencia."], [(2, "exact", "ES", False)]),
    # smaller cities of the story are known places
    ("fr", ["Deux commissariats chinois auraient opéré à Manresa."], [(2, "exact", "ES", False)]),
    # ages and floors of a building are no count
    ("en", ["A 58-year-old man ran the police station."], []),
    ("de", ["Ein 47-jähriger Mann betrieb die Polizeistation."], []),
    ("nl", ["Een 52-jarige man runde het politiebureau."], []),
    ("zh", ["一名45岁男子经营该海外警察站。"], []),
    ("ja", ["拠点はビルの5階にあった。"], []),
    ("ko", ["비밀경찰서는 건물 4층에 있었다."], []),
    ("en", ["Agents arrested two men, aged 58 and 47, over a secret police station in Boston."], []),
    ("fr", ["Deux hommes âgés de 58 et 47 ans géraient le commissariat clandestin."], []),
    # a part of a larger count: "eleven of the more than 100", "one of three"
    ("es", ["Según la ONG, Grecia acoge siete de las más de cien comisarías chinas del mundo."],
     [(7, "exact", "GR", False), (100, "more_than", W, False)]),
    ("it", ["La Grecia ospita sette delle oltre cento stazioni di polizia cinesi nel mondo."],
     [(7, "exact", "GR", False), (100, "more_than", W, False)]),
    ("en", ["The office is one of three police outposts feared to be running in Greece."],
     [(3, "exact", "GR", False)]),
    ("en", ["The outpost is one of three feared to be running in Greece."], [(3, "exact", "GR", False)]),
    ("en", ["The Boston station was one of more than 90 that China runs worldwide."],
     [(90, "more_than", W, False)]),
    # "at most" is up_to in every language
    ("nl", ["In België ging het om hooguit vier politieposten."], [(4, "up_to", "BE", False)]),
    ("de", ["In Belgien gibt es höchstens drei Polizeistationen."], [(3, "up_to", "BE", False)]),
    ("fr", ["La Belgique compterait tout au plus trois commissariats chinois."], [(3, "up_to", "BE", False)]),
    ("es", ["Bélgica tendría como máximo dos comisarías chinas."], [(2, "up_to", "BE", False)]),
]


@pytest.mark.parametrize(("lang", "sentences", "expected"), DOCS,
                         ids=[f"{d[0]}-{i}" for i, d in enumerate(DOCS)])
def test_document_rules(lang: str, sentences: list[str], expected: list[tuple[int, str, str | None, bool]]) -> None:
    got = sorted((c.count, c.qualifier, c.place, c.added) for c in document_claims(sentences, lang))
    assert got == sorted(expected)


def test_two_cities_with_one_figure_are_two_claims() -> None:
    claims = document_claims(["Habría dos comisarías chinas en Sevilla y dos en Bilbao."], "es")
    assert len(claims) == 2 and {c.place for c in claims} == {"ES"}
    assert "Bilbao" in {c.city for c in claims} and None not in {c.city for c in claims}


def test_a_city_less_restatement_of_a_city_figure_is_not_another_claim() -> None:
    claims = document_claims(
        ["Two Chinese police stations were found in Rotterdam.",
         "The Netherlands ordered the two stations closed."], "en")
    assert [(c.count, c.place, c.city) for c in claims] == [(2, "NL", "Rotterdam")]


# a regional total and the countries' shares, one per sentence or several in one
EUROPE = {
    "en": "Europe: at least 40 Chinese police stations\nThe group counted at least 40 in Europe.\n"
          "Greece leads with eight, followed by Sweden with six and Austria with five.\n"
          "Belgium closed its two.\nIn Poland there was talk of up to five.\nDenmark had three.",
    "fr": "Europe : au moins 40 commissariats chinois\nSelon l'ONG, l'Europe en compte au moins 40.\n"
          "La Grèce arrive en tête avec huit, suivie de la Suède avec six et de l'Autriche avec cinq.\n"
          "La Belgique a fermé les deux qui opéraient sur son sol.\n"
          "En Pologne, on parlait de jusqu'à cinq.\nLe Danemark en comptait trois.",
    "pt": "Europa: pelo menos 40 esquadras chinesas\nA ONG contou pelo menos 40 na Europa.\n"
          "A Grécia lidera com oito, seguida da Suécia com seis e da Áustria com cinco.\n"
          "A Bélgica fechou as suas duas.\nNa Polónia falava-se de até cinco.\nA Dinamarca tinha três.",
    "zh": "欧洲至少有40个中国海外警察站\n保护卫士统计，欧洲至少有40个。\n"
          "希腊最多，有8个，其次是瑞典6个、奥地利5个。\n比利时关闭了境内的2个。\n"
          "波兰据称最多有5个。\n丹麦有3个。",
    "ja": "欧州に少なくとも40カ所の中国警察拠点\n人権団体によると、欧州には少なくとも40カ所の拠点がある。\n"
          "最多はギリシャの8カ所で、スウェーデン6カ所、オーストリア5カ所が続く。\n"
          "ベルギーは2カ所を閉鎖した。\nポーランドでは最大5カ所とされる。\nデンマークは3カ所。",
    "ko": "유럽에 중국 비밀경찰서 최소 40곳\n세이프가드 디펜더스는 유럽에서 최소 40곳을 확인했다.\n"
          "그리스가 8곳으로 가장 많고, 스웨덴 6곳, 오스트리아 5곳이 뒤를 이었다.\n"
          "벨기에는 2곳을 폐쇄했다.\n폴란드는 최대 5곳으로 알려졌다.\n덴마크는 3곳이었다.",
}


@pytest.mark.parametrize("lang", sorted(EUROPE))
def test_a_regional_total_and_its_countries(lang: str) -> None:
    from crawler.analysis.document import analyse

    result = analyse(EUROPE[lang])
    assert result.lang == lang
    assert {(c.count, c.place) for c in result.claims} == {
        (40, None), (8, "GR"), (6, "SE"), (5, "AT"), (2, "BE"), (5, "PL"), (3, "DK")}
