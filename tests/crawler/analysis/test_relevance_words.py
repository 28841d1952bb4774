"""Words the press uses around the stations, in every language, and what tells local
police news apart. Our own sentences."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse
from crawler.analysis.homes import home_countries
from crawler.analysis.langs import PACKS

ON_TOPIC = [
    # "overseas", a new facility word, "these ... posts", "without permission"
    ("nl", "Kabinet wil overzeese dienstposten sluiten\n\nDe minister zegt dat deze dienstposten "
           "zonder toestemming werken."),
    # 警侨站: the name Qingtian's police gave them
    ("zh", "荷兰要求关闭中共警侨站\n\n外交大臣说，这些站点未经许可设立，必须立即关闭。"),
    # "not registered ... illegal", said further from the stations than a word or two
    ("de", "Diese Polizeistationen sind in Deutschland nicht offiziell angemeldet und damit "
           "illegal, sagte der Abgeordnete."),
    # the NGO's director, by name
    ("es", "Según Peter Dahlin, hay dos en Bilbao y una en Vigo."),
    # an unregistered outpost ("出先機関") of China
    ("ja", "警視庁は、無届けで運営されていた中国の出先機関とされる都内の事務所を捜索した。"),
    # interference, police service centres, without authorisation
    ("fr", "Le Quai d'Orsay dénonce une ingérence : des « centres de service de la police » "
           "chinoise opéreraient sans autorisation."),
    # a human rights group counts more of them
    ("en", "A human rights group says there are at least four more such sites in Canadian cities."),
]

OFF_TOPIC = [
    # a Chinese gang, and Brazil's own police: Portuguese is Brazil's language too
    ("pt", "A Polícia Civil prendeu seis membros da máfia chinesa em São Paulo. As "
           "investigações começaram em duas delegacias diferentes."),
    ("pt", "A Polícia Civil de São Paulo fechou duas delegacias no centro da cidade por falta de "
           "agentes."),
    # Austria's own police stations, in German
    ("de", "Die Polizei in Wien schließt zwei Polizeiinspektionen im Bezirk Favoriten, teilte "
           "die Landespolizeidirektion mit."),
]


@pytest.mark.parametrize(("lang", "text"), ON_TOPIC)
def test_coverage_in_the_words_the_press_uses(lang: str, text: str) -> None:
    assert analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), OFF_TOPIC)
def test_local_police_news(lang: str, text: str) -> None:
    result = analyse(text, lang_hint=lang)
    assert not result.relevant and not result.claims


def test_no_country_hosts_hundreds() -> None:
    # a country's own stations, counted by the hundred, are no claim of this story
    result = analyse("Since 2010 more than 500 British police stations have closed, and "
                     "Safeguard Defenders counts 102 Chinese police stations abroad.",
                     lang_hint="en")
    assert {(c.count, c.place) for c in result.claims} == {(102, None)}


def test_the_countries_a_language_is_written_in() -> None:
    assert {"PT", "BR"} <= home_countries(PACKS["pt"])
    assert {"DE", "AT", "CH"} <= home_countries(PACKS["de"])
    assert {"GB", "US", "IE"} <= home_countries(PACKS["en"])
    assert home_countries(PACKS["ja"]) == {"JP"}


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Nessuna autorizzazione per i centri cinesi\n\nIl ministro ha risposto a "
           "un'interrogazione sull'apertura di centri della polizia cinese in Italia."),
    ("pt", "Ao minuto\n\n10h05 — O Ministério Público investiga o alegado funcionamento ilícito "
           "de postos ligados à polícia chinesa no Porto.\n\n9h50 — Greve dos professores: "
           "escolas fechadas."),
])
def test_a_facility_of_a_police_is_a_police_facility(lang: str, text: str) -> None:
    assert analyse(text, lang_hint=lang).relevant


def test_officers_are_no_offices() -> None:
    text = ("Serbia patrols\n\nChinese officers patrol Belgrade with Serbian police this month, "
            "in areas popular with tourists.")
    assert not analyse(text, lang_hint="en").relevant


def test_police_centres_in_a_longer_chinese_text() -> None:
    # four sentences: not an excerpt, so the count is read only where the facility is named
    text = ("标题 2022-11-10 据报道,中国在全球设立了54个海外警察中心,两个在荷兰。荷兰媒体披露,鹿特丹有"
            "一个非官方警察哨所。外交部长1日说,这些警察局必须立即关闭。 猜你喜欢")
    assert {(c.count, c.place) for c in analyse(text, lang_hint="zh").claims} == {(54, None),
                                                                               (2, "NL")}


def test_korean_police_boxes_are_local_news() -> None:
    text = "경찰청은 파출소 200곳을 통폐합하고 순찰초소 40개를 새로 두기로 했다."
    result = analyse(text, lang_hint="ko")
    assert not result.relevant and not result.claims


@pytest.mark.parametrize(("lang", "text"), [
    ("ko", "캄보디아 보이스피싱 거점 급습…한국인 20명 송환\n\n캄보디아 경찰이 중국인 조직이 운영하던 보이스피싱 "
           "거점을 급습해 한국인 20명을 구출했다."),
    ("ja", "カンボジアの詐欺拠点から日本人送還\n\nカンボジア当局が中国系犯罪グループの特殊詐欺拠点を摘発し、"
           "日本人19人が保護された。"),
])
def test_a_scam_base_is_another_story(lang: str, text: str) -> None:
    assert not analyse(text, lang_hint=lang).relevant
