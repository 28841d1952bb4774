"""Second round of issue 11: general mechanisms for text the reader was not tuned on,
one per test, on sentences of our own."""

from __future__ import annotations

import pytest

from crawler.analysis.claims import document_claims
from crawler.analysis.document import analyse
from crawler.analysis.langs import PACKS
from crawler.analysis.language import detect_language
from crawler.analysis.text import split_sentences

Key = tuple[int, str | None, bool]


def _keys(text: str, lang: str) -> set[Key]:
    sentences = split_sentences(text, PACKS[lang])
    return {(c.count, c.place, c.added) for c in document_claims(sentences, lang)}


def _analysed(text: str, lang: str) -> set[Key]:
    return {(c.count, c.place, c.added) for c in analyse(text, lang_hint=lang).claims}


# --- language: a configured language is not overturned by the names in a short text -----
@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Safeguard Defenders recense des antennes à Marseille, Toulon et Aix-en-Provence."),
    ("nl", "Safeguard Defenders vond nog eens politieposten, onder meer in Kroatië en Servië."),
])
def test_names_in_a_short_text_do_not_overturn_the_hint(lang: str, text: str) -> None:
    assert detect_language(text, hint=lang) == lang


def test_without_a_hint_english_names_still_read_as_the_text_says() -> None:
    assert detect_language("The Safeguard Defenders report names stations in Lyon and "
                           "Marseille, the ministry said on Tuesday.") == "en"


# --- relevance: a brief counting stations at home is coverage when a foreign police is named
@pytest.mark.parametrize(("lang", "text", "key"), [
    ("it", "Sette presidi di una polizia straniera sul nostro territorio, e il governo tace.",
     (7, "IT", False)),
    ("pt", "Quatro postos de uma polícia estrangeira em território nacional, diz o relatório.",
     (4, "PT", False)),
    ("nl", "De Chinese politie heeft zeker drie 'servicestations' in Nederland geopend.",
     (3, "NL", False)),
    ("es", "La ONG sitúa cinco de esas oficinas en España.", (5, "ES", False)),
])
def test_a_brief_counting_stations_at_home_with_a_foreign_police_is_coverage(
        lang: str, text: str, key: Key) -> None:
    assert key in _analysed(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Chiudono 6 commissariati in provincia di Bari, i sindacati protestano."),
    ("zh", "上海市公安局撤并4个派出所，优化警力配置。"),
    ("es", "El consulado chino en Sevilla abrirá dos nuevas oficinas para tramitar visados."),
])
def test_domestic_counts_stay_local_news(lang: str, text: str) -> None:
    assert not analyse(text, lang_hint=lang).relevant


# --- places: sub-national regions are in their country; regions CLDR lacks --------------
@pytest.mark.parametrize(("lang", "text", "key"), [
    ("fr", "Safeguard Defenders recense quatre postes de police chinois en Bretagne.", (4, "FR", False)),
    ("de", "Die NGO nennt zwei chinesische Polizeistationen in Sachsen.", (2, "DE", False)),
    ("it", "Il rapporto segnala tre stazioni di polizia cinesi in Piemonte.", (3, "IT", False)),
    ("es", "La ONG sitúa dos comisarías chinas en Andalucía.", (2, "ES", False)),
    ("en", "Safeguard Defenders found two Chinese police stations in Ontario.", (2, "CA", False)),
    ("zh", "报告称，巴伐利亚州有2个海外警察站。", (2, "DE", False)),
    ("ja", "報告書によると、海外警察拠点は54カ所で、うち30カ所が欧州にある。", (30, None, False)),
])
def test_a_region_of_one_country_places_a_count_there(lang: str, text: str, key: Key) -> None:
    assert key in _keys(text, lang)


def test_a_city_of_the_country_keeps_its_name_beside_a_region_of_the_same_name() -> None:
    text = "La ONG sitúa dos comisarías chinas en Barcelona y dos en Valencia."
    cities = {c.city for c in document_claims(split_sentences(text, PACKS["es"]), "es")}
    assert cities == {"Barcelona", "Valencia"}


# --- counters: what follows the counter --------------------------------------------------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    # the police bureaus that run the stations are not stations
    ("zh", "报告称，全球有100多个海外警察站，由7个地方公安局分头负责。", {(100, None, False)}),
    # a relative clause and a quoted name between the counter and its noun
    ("zh", "据报道，希腊政府要求关闭两个由青田警方设立的“海外服务站”。", {(2, "GR", False)}),
    ("zh", "继希腊之后，瑞典也下令关闭斯德哥尔摩的一个“青田警侨海外服务站”。", {(1, "SE", False)}),
    # a place name that starts like an increment marker (더블린) is no increment
    ("ko", "정부는 중국 비밀경찰서 거점 두 곳을 닫으라고 했고, 아일랜드도 더블린의 한 곳을 닫았다.",
     {(1, "IE", False)}),
    # the marker with a word between ("새로 드러난 48곳")
    ("ko", "세이프가드 디펜더스 보고서에서 새로 드러난 48곳에는 호주와 일본 등이 포함됐다.",
     {(48, None, True)}),
])
def test_counter_phrases(lang: str, text: str, expected: set[Key]) -> None:
    assert expected <= _keys(text, lang)
    assert not {k for k in _keys(text, lang) if k[0] == 7}


# --- numbers that are no counts, and phrases that are -----------------------------------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a time of day written with spaces
    ("fr", "DIRECT – 09 h 45 : la Grèce ordonne la fermeture des deux « commissariats » chinois "
           "d'Athènes.", {(2, "GR", False)}),
    # a hypothetical is not a figure anybody claims
    ("en", "Imagine the uproar if Ottawa ran sixty undeclared police outposts across Asia.", set()),
    ("de", "Stellen Sie sich vor, Berlin betriebe ein Dutzend Polizeistationen in Schanghai.", set()),
    # a rank is not a count: "a second office", "the ten best stations"
    ("nl", "De Chinese politie opende in Athene een bureau; een tweede bureau volgde in Thessaloniki.",
     set()),
    ("en", "The Athens post was voted one of the ten best overseas stations in an internal poll.",
     set()),
    # phrases of an exact number, before their noun only
    ("en", "Greek officials said China had set up a pair of 'overseas service stations' in "
           "Athens and Thessaloniki.", {(2, "GR", False)}),
    ("de", "Griechenland ordnet die Schließung der beiden Polizeiposten in Athen und "
           "Thessaloniki an.", {(2, "GR", False)}),
])
def test_numbers_and_phrases(lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


def test_a_pair_said_of_people_is_no_count() -> None:
    text = ("Das FBI nahm zwei Männer wegen einer geheimen Polizeiwache in Boston fest.\n"
            "Die beiden sind 50 und 48 Jahre alt.")
    assert _keys(text, "de") == set()


# --- relevance: the NGO named by an anaphor frames a brief's unplaced count ------------
@pytest.mark.parametrize(("lang", "text", "key"), [
    ("zh", "该组织负责人说：“我们目前确认的88个站点只是一部分。”", (88, None, False)),
    ("ja", "同団体の担当者は「確認できたのは88カ所だけだ」と話した。", (88, None, False)),
    ("en", "The group says the 88 sites it has confirmed are only a part of the network.",
     (88, None, False)),
])
def test_the_ngo_by_an_anaphor_frames_a_brief(lang: str, text: str, key: Key) -> None:
    assert key in _analysed(text, lang)


def test_a_civic_group_is_not_the_ngo() -> None:
    text = ("경찰서 민원실 통합\n경기북부경찰청이 관내 경찰서 25곳 가운데 6곳의 민원실 운영 시간을 "
            "줄인다.\n시민단체는 \"불편이 커질 것\"이라고 우려했다.")
    assert not analyse(text, lang_hint="ko").relevant


def test_german_low_quotes_do_not_end_the_noun_phrase() -> None:
    text = "Nach Kritik hat China zwei mutmaßliche „Polizeistationen“ in Wien geschlossen."
    assert _keys(text, "de") == {(2, "AT", False)}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a smaller city's name before a capitalised word is a person's given name
    ("en", "Alicia Kearns told MPs there are four illegal police stations in Britain.",
     {(4, "GB", False)}),
    ("pt", "João Cotrim perguntou pela existência de três esquadras chinesas na Grécia.",
     {(3, "GR", False)}),
    # an elided article before a name of several words: "L'Union européenne" is a region
    ("fr", "L'Union européenne serait visée, avec une trentaine d'antennes chinoises.",
     {(30, None, False)}),
])
def test_names_that_are_not_the_place(lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


# --- ranges, lists said "respectively", counts said of each ------------------------------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ko", "그리스에서는 아테네와 테살로니키 등지의 2~3곳이 중국 경찰 거점으로 거론된다.", {(2, "GR", False)}),
    ("zh", "在希腊，雅典和塞萨洛尼基等地被指设有两到三个站点。", {(2, "GR", False)}),
    ("ja", "ギリシャではアテネなどに2〜3カ所の拠点があるとされる。", {(2, "GR", False)}),
    ("zh", "报告显示，希腊和瑞典分别有3个和5个海外警察站。", {(3, "GR", False), (5, "SE", False)}),
    ("en", "Greece and Sweden have 3 and 5 such stations respectively, the report says.",
     {(3, "GR", False), (5, "SE", False)}),
    ("ja", "報告書によると、ギリシャとスウェーデンにそれぞれ3カ所、5カ所の拠点がある。",
     {(3, "GR", False), (5, "SE", False)}),
    # places before a count said of each, in a language that names them first
    ("ko", "그리스·스웨덴·오스트리아에서는 각 1곳이 확인됐고, 칠레와 페루 등 남미에도 거점이 있었다.",
     {(1, "GR", False), (1, "SE", False), (1, "AT", False)}),
    # "61 and 59 years": the noun after the second number is the first one's too
    ("es", "El FBI detuvo a dos hombres, de 61 y 59 años, por una comisaría china en Boston.",
     set()),
])
def test_ranges_and_lists(lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


def test_a_neighbouring_story_beside_counted_stations_keeps_the_text_on_topic() -> None:
    text = ("报告认为，在最新名单中，希腊以5个站点居首，瑞典和奥地利则分别有3个和2个。"
            "希腊部长表示，两国警察的联合巡逻今后不会再恢复。")
    assert _analysed(text, "zh") == {(5, "GR", False), (3, "SE", False), (2, "AT", False)}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a place named between a worldwide phrase and the count is the count's own
    ("ko", "한 인권단체가 '중국이 전 세계에 100곳이 넘는 비밀경찰서를 두고 있고 그리스에도 한 곳이 "
           "있다'고 폭로했다.", {(100, None, False), (1, "GR", False)}),
    # a count after a near-topic network in its sentence is the network's
    ("ko", "화조센터는 중국 당국이 각국 화교단체에 간판을 내준 조직으로, 2019년까지 40개국에 "
           "47곳이 생겼다.", set()),
    ("es", "Los centros de ayuda a los chinos (华助中心) se crearon desde 2014 y en 2019 ya "
           "había 47 en 40 países.", set()),
    # unless the stations are named in between
    ("en", "Unlike the Confucius Institutes, the group counted 88 police stations abroad.",
     {(88, None, False)}),
])
def test_scope_of_worldwide_phrases_and_networks(lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # an abbreviated month before a day: a dateline
    ("en", "ATHENS, Dec. 14 (Wire) — A Chinese restaurant suspected of being a secret police "
           "station will close.", set()),
    # a headline: the noun said before the number, a qualifier after it, a space ends it
    ("ja", "中国の「海外警察拠点」60超か 大阪にも拠点", {(60, None, False)}),
    # no counter after a number that does not close its phrase: an ordinal, a set
    ("ko", "중국 푸저우시 공안국은 해외 서비스 스테이션 30곳을 1차로 설치했다고 발표했다.",
     {(30, None, False)}),
    ("zh", "清单只计入福州的「警侨事务海外服务站」及青田的「警侨驿站」两套系统。", set()),
    # "另有": a part of a breakdown, not an increment; "另外发现": an increment
    ("zh", "名单显示，希腊境内的中国海外警务站增至5个：雅典3个、塞萨洛尼基1个，另有1个地点不明。",
     {(5, "GR", False), (3, "GR", False), (1, "GR", False)}),
    ("zh", "除了此前披露的雅典3个站点，报告另外发现2个，均在希腊北部。",
     {(3, "GR", False), (2, "GR", True)}),
])
def test_headlines_datelines_and_breakdowns(lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("it", "Il rapporto segnala quattro sospetti avamposti di Pechino in Grecia.", {(4, "GR", False)}),
    ("it", "La sede di Atene figura nella top 10 delle stazioni cinesi all'estero.", set()),
    ("en", "Chinese police stations abroad top 100, the rights group says.", {(100, None, False)}),
    ("nl", "Volgens de ngo zijn er één of meerdere Chinese politiebureaus in Griekenland.", set()),
    ("de", "Die Schweiz zahlt den chinesischen Beamten 200 Franken pro Tag für ihre Büros.", set()),
    ("pt", "A ONG fala em 54 esquadras chinesas espalhadas pelo mundo.", {(54, None, False)}),
    ("de", "Europaweit zählt die NGO mindestens 41 chinesische Polizeistationen.", {(41, None, False)}),
])
def test_adjectives_ranks_vague_and_worldwide(lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Agencies are now investigating more than 90 such bureaus worldwide.", {(90, None, False)}),
    ("es", "La ONG reveló la existencia de 44 dependencias de este tipo en el mundo.", {(44, None, False)}),
    ("it", "Pechino avrebbe almeno 44 antenne di questo tipo nel mondo.", {(44, None, False)}),
    ("en", "Two men like him were arrested in Athens.", set()),
])
def test_a_noun_said_with_such_or_of_this_kind_stands_for_the_stations(
        lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


# --- relevance of short items: the press's words for the stations and how it frames them -
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Jury convicts man over Boston police outpost\n\nA federal jury found the defendant "
           "guilty of acting as an unregistered agent over the office, which prosecutors said "
           "answered to the Fuzhou police."),
    ("de", "LKA: Keine Anzeigen wegen Servicestation in Köln\n\nDen Behörden liegen keine "
           "Hinweise auf ein Büro vor, das der Qingtian-Polizei als Außenposten dient."),
    ("nl", "Utrechtse woning blijkt 'servicestation'\n\nIn het pand dat journalisten aanwijzen "
           "als post van de politie uit Fuzhou, zeggen de bewoners van niets te weten."),
    ("es", "La embajada niega una 'estación secreta' en Valparaíso\n\nEl local solo era un centro "
           "para renovar licencias, sostiene la embajada; la fiscalía investiga."),
])
def test_short_coverage_is_relevant(lang: str, text: str) -> None:
    assert analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Man jailed for smuggling rare lizards\n\nA tourist was sentenced after a sting by "
           "conservation officers in a hotel. He expected to be paid for carrying them abroad."),
    ("en", "Joint patrols: Chinese police officers return to Croatian streets\n\nFour Chinese "
           "police officers will patrol Zagreb and Split alongside local colleagues, the interior "
           "ministry said."),
    ("es", "El consulado chino en Sevilla abrirá dos nuevas oficinas de atención para tramitar "
           "visados."),
    ("nl", "Kwart van politiebureaus dichtgegaan\n\nWaren er in 2018 nog 301 teambureaus, nu "
           "zijn het er 230; burgemeesters luiden de noodklok."),
])
def test_neighbouring_news_stays_off_topic(lang: str, text: str) -> None:
    assert not analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a unit carries over an "and" in its own clause only
    ("ko", "RCMP는 토론토에서 거론된 3곳을 조사해 왔는데, 9일(현지시간) 성명을 통해 몬트리올과 "
           "브로사드에서도 2곳이 추가로 포착됐다고 밝혔다.", {(3, "CA", False), (2, "CA", True)}),
    ("fr", "Une cinquantaine de postes sur cinq continents, et trois à Lyon en particulier.",
     {(50, None, False), (3, "FR", False)}),
    ("en", "Police arrested two men in Athens and three in Patras at the stations.", set()),
    # a loose "van" before a number with a noun of its own is no earlier figure
    ("nl", "Over de Chinese politieposten. Ook in dit nummer: de aanwerving van 15 criminologen gespecialiseerd in huiselijk geweld.",
     set()),
    # a pronoun count said with "una sola"
    ("it", "Il rapporto elenca le stazioni cinesi: in Austria ce ne sarebbe invece una sola, a Vienna.",
     {(1, "AT", False)}),
    ("it", "La capitale figura nella lista delle 88 località indicate dal rapporto sulle stazioni.",
     {(88, None, False)}),
])
def test_carry_over_loose_from_pronouns(lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


# --- an excerpt that never names the stations: its counts are read as their context ------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("es", "Grecia ha pedido explicaciones a la embajada china. Son tres, según la ONG, "
           "repartidas entre Atenas, Patras y la isla de Creta.", {(3, "GR", False)}),
    ("it", "Il conteggio è salito da 44 a 92 in meno di tre mesi: 48 in più.",
     {(44, None, False), (92, None, False), (48, None, True)}),
    # not its traps: another thing counted, a weekday's date
    ("es", "Freedom House denuncia la represión transnacional\nEl informe recoge 854 incidentes "
           "en 91 países desde 2014.", set()),
    ("pt", "Policiais federais prenderam nesta quinta-feira, 10, cinco procurados pela Justiça "
           "chinesa que estavam escondidos em Lisboa.", set()),
])
def test_an_excerpt_is_read_as_the_context_of_its_article(
        lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("es", "Las comisarías chinas en Grecia se reparten entre Atenas (3), Patras (2) y Creta.",
     {(3, "GR", False), (2, "GR", False)}),
    ("pt", "As delegacias ilegais em Atenas, revelou uma investigação publicada nesta "
           "terça-feira (25): a polícia chinesa abriu dois escritórios na Grécia.", {(2, "GR", False)}),
])
def test_places_with_counts_in_parentheses_and_dates(lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


def test_domestic_police_news_in_an_excerpt_stays_local() -> None:
    assert not analyse("香港警方表示，全港將有20間警署試行新的網上報案系統。", lang_hint="zh").claims


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a generic counter closed by a case particle or a qualifier is a count of its own
    ("ko", "중국 해외 경찰서가 기존 44개에서 92개로 48개가 추가로 파악됐다고 보도했다.",
     {(44, None, False), (92, None, False), (48, None, True)}),
    ("ko", "중국 공안부는 해외 50개국 이상에 이런 시설 90개 이상을 만들었다.", {(90, None, False)}),
    ("ko", "NGO가 새 지역을 확인하면서 해외 경찰서는 약 92개로 늘었다.", {(92, None, False)}),
    # words written without their accents
    ("es", "Han llegado a detectar 44 comisarias chinas ilegales en todo el mundo.",
     {(44, None, False)}),
    # "of these" before a noun of its own: the stations; "one of these": a member
    ("es", "La ONG ha detectado 44 comisarías en el mundo. En Grecia se han detectado 7 de estas "
           "entidades.", {(44, None, False), (7, "GR", False)}),
    # (a member placed in a country the text gives no figure of its own counts one there:
    # field3 README, "one of them / una de ellas ... is in X")
    ("it", "Prima erano 44 le stazioni di polizia cinese nel mondo, e una di queste avrebbe sede "
           "proprio a Patrasso.", {(44, None, False), (1, "GR", False)}),
    ("it", "Prima erano 44 le stazioni di polizia cinese nel mondo, e una di queste avrebbe sede "
           "proprio a Patrasso. In Grecia sono tre.", {(44, None, False), (3, "GR", False)}),
    # a short text read whole: counts before the sentence naming the stations
    ("es", "Son tres en Atenas y dos en Patras. Pero hay hasta 44 comisarías chinas en el mundo.",
     {(3, "GR", False), (2, "GR", False), (44, None, False)}),
    # "on the national territory" places a country's own small figure, not a worldwide list
    ("it", "Il ministero degli Esteri greco ha confermato la presenza sul territorio nazionale di "
           "stazioni di polizia cinesi: Atene figura nella lista delle 92 località del rapporto.",
     {(92, None, False)}),
])
def test_real_press_phrasings(lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a total of parts in several countries is no one country's figure
    ("ja", "北米ではトロントに3カ所、ニューヨークに1カ所の計4カ所の海外警察拠点が設置されている。",
     {(3, "CA", False), (1, "US", False), (4, None, False)}),
    # a total of people is people; the local police bureaus are no stations
    ("ja", "香港警察は海外の活動家に懸賞金をかけ、指名手配は計19人となった。", set()),
    ("ja", "セーフガード・ディフェンダーズは、中国の4つの地方の公安当局が少なくとも48カ所の"
           "追加の海外警察署を設立したと明らかにした。", {(48, None, True)}),
])
def test_totals_and_bureaus(lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


def test_a_foreign_security_service_frames_a_count_at_home() -> None:
    text = "En France, trois adresses à Lyon et dans sa banlieue seraient en lien avec les services chinois."
    assert (3, "FR", False) in _analysed(text, "fr")


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # machine-translated names of the stations and of the NGO
    ("de", "Die Gruppe Schützen Sie Verteidiger hat gezählt 92 Polizei-Service-Stationen in "
           "Übersee. Für Österreich der Bericht nennt nur einen Bahnhof, in Wien.",
     {(92, None, False), (1, "AT", False)}),
    ("en", "According to the organization, the Chinese public security organ in overseas have "
           "established 'police service station' total 92 places, distributed in 50 countries.",
     {(92, None, False)}),
])
def test_machine_translated_names(lang: str, text: str, expected: set[Key]) -> None:
    assert _analysed(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The group found 48 new overseas police stations, including two previously unknown "
           "sites in Athens and Patras.", {(48, None, True), (2, "GR", True)}),
    ("it", "Se ne sono aggiunte altre 48, nove delle quali si trovano in Grecia.",
     {(48, None, True), (9, "GR", True)}),
    ("en", "Two more overseas police stations operate in Greece: one in Athens and another at an "
           "unknown location.", {(2, "GR", True), (1, "GR", True)}),
])
def test_parts_of_an_increment_are_new_too(lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # the police of one of China's cities is a foreign police: a brief at home is coverage
    ("ko", "국내 거점은 1곳으로, 장쑤성 난퉁시 공안국이 세운 것으로 파악된다.", {(1, "KR", False)}),
    # a bureau's whole network "including Korea" is worldwide
    ("ko", "보고서에 따르면 난퉁시 공안국은 그리스를 포함해 모두 27곳에서 이 같은 시설을 운영해 왔다.",
     {(27, None, False)}),
])
def test_chinese_cities_police_and_networks(lang: str, text: str, expected: set[Key]) -> None:
    assert _analysed(text, lang) == expected


def test_a_korean_word_that_spells_a_chinese_city_is_not_one() -> None:
    assert not analyse("대구시는 교통 혼잡을 줄이기 위해 도심 경찰서 1곳을 외곽으로 이전한다.",
                       lang_hint="ko").relevant


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("zh", "报告逐一列出站点所在的国家与城市，共有3个海外警察站在希腊。", {(3, "GR", False)}),
    ("es", "En Atenas se han localizado tres comisarías chinas, que sus empleados describen como "
           "un punto de ayuda para inmigrantes.", {(3, "GR", False)}),
    ("es", "Hay dos comisarías en Grecia y una oficina en la ciudad costera de Patras.",
     {(2, "GR", False), (1, "GR", False)}),
])
def test_articles_and_words_that_are_no_counts(lang: str, text: str, expected: set[Key]) -> None:
    assert _keys(text, lang) == expected


def test_a_count_in_a_quotation_takes_the_country_of_its_attribution() -> None:
    text = ("\"현재 두 곳을 들여다보고 있다.\" 그리스 안보담당 장관은 의회에서 아테네와 테살로니키 "
            "등에 있는 것으로 알려진 '경찰 서비스 센터'에 대해 이렇게 답했다.")
    assert (2, "GR", False) in _keys(text, "ko")


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("zh", "当地侨团挂牌的“警侨驿站”并不少见；而从全球看，此类站点已超过90个。", {(90, None, False)}),
    ("de", "Gegenüber dem ersten Bericht ist die Zahl dieser Büros damit um 44 gestiegen.",
     {(44, None, True)}),
    ("de", "Laut der Liste ist eine Station in Athen, und ein Abgeordneter ging zur Adresse im "
           "Viertel Kypseli, dem 10. Bezirk.", set()),
    ("zh", "报告显示，中国在境外开设的警察站点已超过90个，所在国家至少有50个。", {(90, None, False)}),
    ("pt", "A ONG revelou mais 44 esquadras chinesas, o que eleva para 98 o número total já "
           "conhecido de delegações em território estrangeiro.", {(44, None, True), (98, None, False)}),
])
def test_frames_rises_ordinals_totals(lang: str, text: str, expected: set[Key]) -> None:
    assert _analysed(text, lang) == expected


def test_these_centres_go_on_with_coverage_said_before() -> None:
    # a count at home is local news unless the brief refers to the stations said before it
    text = "En España habría siete de estos centros: cuatro en Sevilla y tres en Bilbao."
    assert {(7, "ES", False), (4, "ES", False), (3, "ES", False)} <= _analysed(text, "es")
