"""The kinds of text the reader missed on coverage written elsewhere (issue 11), one
mechanism per test, on sentences of our own."""

from __future__ import annotations

import pytest

from crawler.analysis.claims import document_claims
from crawler.analysis.document import analyse
from crawler.analysis.langs import PACKS
from crawler.analysis.text import split_sentences


def _keys(text: str, lang: str) -> set[tuple[int, str | None, bool]]:
    sentences = split_sentences(text, PACKS[lang])
    return {(c.count, c.place, c.added) for c in document_claims(sentences, lang)}


# --- listings and tables: each row read on its own --------------------------------------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Overseas stations by country\nGreece: 8 | Sweden: 6 | Austria: 5",
     {(8, "GR", False), (6, "SE", False), (5, "AT", False)}),
    ("de", "Die Posten nach Ländern:\n– Griechenland: 8\n– Schweden: 6 (Stockholm)",
     {(8, "GR", False), (6, "SE", False)}),
    ("fr", "Les antennes recensées :\n• Grèce – 8 postes\n• Suède – 6",
     {(8, "GR", False), (6, "SE", False)}),
    ("ko", "국가 | 거점 수\n그리스 | 8\n스웨덴 | 6", {(8, "GR", False), (6, "SE", False)}),
    ("ja", "国別の拠点数\nギリシャ 8\nスウェーデン 6", {(8, "GR", False), (6, "SE", False)}),
    ("pt", "Onde ficam as esquadras:\n• Atenas – 2\nTotal na Grécia: 8 | Europa: pelo menos 30",
     {(2, "GR", False), (8, "GR", False), (30, None, False)}),
])
def test_listing_rows_are_read_one_by_one(lang: str, text: str,
                                          expected: set[tuple[int, str | None, bool]]) -> None:
    assert _keys(text, lang) == expected


def test_list_numbering_is_no_count() -> None:
    text = "Cities named in the report on the stations:\n1. Athens (2)\n2. Thessaloniki"
    assert _keys(text, "en") == {(2, "GR", False)}


# --- a count said of each place ----------------------------------------------------------
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The report lists one station each in Greece and Sweden, and in Austria."),
    ("de", "Je eine Station nennt der Bericht in Griechenland und Schweden sowie in Österreich."),
    ("it", "Il rapporto attribuisce una stazione ciascuno a Grecia, Svezia e Austria."),
    ("pt", "Grécia, Suécia e Áustria têm um posto cada, segundo o relatório."),
    ("nl", "Griekenland, Zweden en Oostenrijk hebben elk één politiepost."),
    ("zh", "报告显示，希腊、瑞典和奥地利各有1个海外警察站。"),
    ("ko", "보고서에 따르면 그리스와 스웨덴, 오스트리아에 각 1곳의 비밀경찰서가 있다."),
])
def test_a_count_said_of_each_place(lang: str, text: str) -> None:
    assert _keys(text, lang) == {(1, "GR", False), (1, "SE", False), (1, "AT", False)}


def test_each_stops_at_the_next_count() -> None:
    text = "The report lists one station each in Greece and Sweden, as well as two in Austria."
    assert _keys(text, "en") == {(1, "GR", False), (1, "SE", False), (2, "AT", False)}


def test_an_article_counts_in_a_distributive_list_only() -> None:
    assert _keys("Le rapport cite un poste en Grèce et deux en Suède.", "fr") == {
        (1, "GR", False), (2, "SE", False)}
    assert _keys("Le rapport cite un poste en Grèce.", "fr") == set()


# --- a figure that changed is two figures ------------------------------------------------
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The count of stations rose from 30 to 70, 40 more than before."),
    ("es", "La cifra de comisarías pasó de 30 a 70: 40 más."),
    ("it", "Il numero delle stazioni è salito da 30 a 70: 40 in più."),
    ("nl", "Het aantal politieposten steeg van 30 naar 70: er kwamen er 40 bij."),
    ("de", "Die Zahl der Polizeistationen stieg von 30 auf 70, ein Plus von 40."),
    ("pt", "O número de esquadras passou de 30 para 70 — mais 40."),
])
def test_from_to_is_a_change_not_a_range(lang: str, text: str) -> None:
    assert _keys(text, lang) == {(30, None, False), (70, None, False), (40, None, True)}


def test_a_small_range_stays_a_range() -> None:
    assert _keys("Police found three to four stations in Athens.", "en") == {(3, "GR", False)}


# --- places ------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The list names 29 service centres, one of them in Athens's port district.",
     (1, "GR", False)),
    ("en", "Police are looking into the two alleged Athens-area stations.", (2, "GR", False)),
    # a countries span of another clause is not this count's
    ("en", "Greece hosts two secret Chinese police stations, and such centres exist in at "
           "least 30 countries.", (2, "GR", False)),
    # a worldwide phrase holding a number still makes the count worldwide
    ("fr", "Une quarantaine de postes seraient ouverts sur cinq continents.", (40, None, False)),
])
def test_places(lang: str, text: str, expected: tuple[int, str | None, bool]) -> None:
    assert expected in _keys(text, lang)


def test_a_word_of_the_language_is_no_place() -> None:
    # "Van" is a Turkish city and a Dutch word
    assert _keys("Van de 30 politieposten in Griekenland zijn er 2 gesloten.", "nl") <= {
        (30, "GR", False), (2, "GR", False)}


def test_cjk_city_names_keep_their_other_countries() -> None:
    # 발렌시아 is Valencia in Venezuela and in Spain: the sentence names Spain
    assert _keys("스페인의 경우 발렌시아에 2곳의 거점이 있다.", "ko") == {(2, "ES", False)}


# --- briefs: a short passage judged by its counts ------------------------------------------
@pytest.mark.parametrize(("text", "relevant"), [
    ("Die Standorte laut Bericht:\n– Griechenland: 8\n– Schweden: 6", True),
    ("Die Zahl der bekannten Außenposten stieg von 30 auf 70, ein Plus von 40.", True),
    ("In Thüringen werden vier Polizeistationen geschlossen, heißt es in einem Bericht.", False),
    ("Das Konsulat eröffnet zwei neue Visastellen in Athen.", False),
])
def test_briefs(text: str, relevant: bool) -> None:
    assert analyse(text, lang_hint="de").relevant is relevant


# --- language is not place ------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "text"), [
    ("ko", "보고서는 난퉁시 공안국이 그리스를 포함해 29곳에서 이런 시설을 운영해 왔다고 밝혔다."),
    ("zh", "报告指出，南通市公安局在包括希腊在内的多地设立站点，总数达29个。"),
    ("ja", "報告書によると、南通市の公安局はギリシャを含む29カ所で拠点を運営してきた。"),
    ("en", "The bureau runs 29 service stations in several countries, including Greece."),
])
def test_a_country_given_as_one_of_several_is_not_the_place(lang: str, text: str) -> None:
    assert _keys(text, lang) == {(29, None, False)}


def test_a_worldwide_figure_in_korean_text_is_not_korea() -> None:
    text = "국제인권단체는 중국이 53개국에서 비밀경찰서 102곳을 운영한다고 밝혔다. 국내에도 1곳이 있다."
    assert _keys(text, "ko") == {(102, None, False), (1, "KR", False)}


@pytest.mark.parametrize(("lang", "text", "home"), [
    ("fr", "Il y a une centaine de postes dans le monde, dont quatre chez nous.", "FR"),
    ("it", "Undici presidi di una polizia straniera sul nostro territorio.", "IT"),
    ("nl", "Twee illegale politieposten in onze steden, en niemand wist het.", "NL"),
    ("ja", "外務省は、報告書が示した国内の拠点は2カ所だと説明した。", "JP"),
])
def test_home_words_name_the_home_country(lang: str, text: str, home: str) -> None:
    assert any(place == home for _, place, _ in _keys(text, lang))


# --- numbers and pronouns ---------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "text", "count"), [
    ("pt", "Pequim negou ter montado meia centena de esquadras em vários países.", 50),
    ("es", "Un régimen abrió medio centenar de oficinas policiales por el mundo.", 50),
    ("fr", "L'ONG en dénombre une centaine à travers le monde.", 100),
])
def test_half_collectives_and_pronouns(lang: str, text: str, count: int) -> None:
    assert (count, None, False) in _keys(text, lang)


# --- counters: the noun said before the number, native numerals, totals ----------------------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ko", "그리스 정부는 아테네 인근에 있는 것으로 지목된 세 군데를 조사하고 있다.", {(3, "GR", False)}),
    ("ko", "국제단체는 53개국에 중국 비밀 경찰서가 102개 이상 있다고 밝혔다.", {(102, None, False)}),
    ("ko", "비밀경찰서에 대해 이 단체는 9월에 21개국 54개를 폭로했다.", {(54, None, False)}),
    ("ko", "단체는 세계 주요 도시에 '연락 거점'을 100곳 이상 세웠다고 밝혔다.", {(100, None, False)}),
    ("zh", "希腊是重灾区:9个站点里,雅典占3个。", {(9, "GR", False), (3, "GR", False)}),
    ("zh", "「保護衛士」統計，全球共有１０２處，其中希臘占８處。", {(102, None, False), (8, "GR", False)}),
    ("ja", "報告書は、中国の海外警察拠点が4つの地域に分けて管理されていると指摘した。", set()),
])
def test_counters(lang: str, text: str, expected: set[tuple[int, str | None, bool]]) -> None:
    assert _keys(text, lang) == expected


# --- parts, breakdowns, membership ----------------------------------------------------------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a part of a placed count is there too, whatever its own (unknown) district
    ("zh", "希腊警方正在调查设在雅典地区的3个所谓“警察服务站”,其中2个位于比雷埃夫斯,1个位于某区。",
     {(3, "GR", False), (2, "GR", False), (1, "GR", False)}),
    # "otras" in a breakdown of a total is no increment; "altre 48" with no place is one
    ("es", "Interior investiga ocho supuestas comisarías chinas en Grecia. De ellas, tres "
           "estarían en Atenas, otras tres en Salónica y dos en Patras.",
     {(8, "GR", False), (3, "GR", False), (2, "GR", False)}),
    ("it", "Undici stazioni si troverebbero in Grecia; il rapporto ne aggiunge altre 48.",
     {(11, "GR", False), (48, None, True)}),
    # membership and an indefinite "一处" are no counts
    ("ja", "関係先として、拠点の一つとされるアテネのビルも家宅捜索した。", set()),
    ("zh", "希腊警方逮捕两名男子，指控他们协助运营一处秘密警察站。", set()),
])
def test_parts_and_breakdowns(lang: str, text: str, expected: set[tuple[int, str | None, bool]]) -> None:
    assert _keys(text, lang) == expected


# --- a small count its clause leaves unplaced ---------------------------------------------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("es", "Grecia ha pedido explicaciones por las comisarías chinas. Son tres, según la ONG.",
     {(3, "GR", False)}),
    ("es", "Son tres las comisarías, según la ONG, repartidas entre Atenas y Patras.",
     {(3, "GR", False)}),
    # not a whole whose parts are placed, not a count abroad, not "one ..., the other ..."
    ("en", "A report found over 30 police stations operating abroad, three of them in Athens.",
     {(30, None, False), (3, "GR", False)}),
    ("en", "The ministry said the two stations in Athens had shut.\n"
           "One was in an office block, the other in a flat.", {(2, "GR", False)}),
])
def test_small_counts_take_the_one_country_near_them(lang: str, text: str,
                                                     expected: set[tuple[int, str | None, bool]]) -> None:
    assert _keys(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "relevant"), [
    # the NGO said generically frames a brief as this story
    ("it", "«Delle undici sedi che abbiamo segnalato in Grecia, almeno due si trovano ad Atene», "
           "spiega una portavoce della ong.", True),
    # local police words about a foreign city are not local news
    ("it", "In Grecia l'inchiesta è partita subito. Nove, secondo la ong, le sedi nel Paese, tre "
           "delle quali in un quartiere di Atene.", True),
    ("fr", "Le commissariat de Saint-Denis fermera pour travaux. Les plaintes seront reçues dans "
           "les deux commissariats voisins.", False),
])
def test_brief_relevance_words(lang: str, text: str, relevant: bool) -> None:
    assert analyse(text, lang_hint=lang).relevant is relevant


def test_a_korean_count_is_not_placed_by_a_later_phrase() -> None:
    text = ("단체는 지난 9월 중국의 54개 해외 경찰서 존재를 폭로한 후 이번에 그리스와 스웨덴, "
            "호주 등의 목록을 냈다.")
    assert _keys(text, "ko") == {(54, None, False)}


def test_n_of_them_counts_what_them_stands_for() -> None:
    text = "There are about 36 Chinese police stations across Europe. Two of them have been active in Greece."
    assert _keys(text, "en") == {(36, None, False), (2, "GR", False)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Since 2022 the group has listed 30 such stations, and China has added 40 more abroad.",
     {(30, None, False), (40, None, True)}),
    ("To the 30 stations found last year another 40 have been added.",
     {(30, None, False), (40, None, True)}),
    ("The group listed Greece among the 53 countries with a station.", set()),
])
def test_increments_standing_for_their_noun(text: str, expected: set[tuple[int, str | None, bool]]) -> None:
    assert _keys(text, "en") == expected
