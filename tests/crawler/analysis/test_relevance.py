"""Relevance: coverage of the topic in every language, and the near misses."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse

ON_TOPIC = [
    ("en", "Ireland orders closure of Chinese police station in Dublin",
     "The government said the office on Capel Street had no permission to operate."),
    ("en", None, "Canada is investigating reports of secret Chinese police stations in Toronto. "
     "Human rights groups say the overseas police stations are used to pressure dissidents."),
    ("en", None, "Two men were charged in New York with running an undeclared police station for "
     "China's Ministry of Public Security in Manhattan's Chinatown."),
    ("fr", None, "Les Pays-Bas enquêtent sur deux commissariats chinois clandestins à Amsterdam et Rotterdam."),
    ("es", None, "El Gobierno investiga las comisarías chinas ilegales denunciadas por Safeguard Defenders."),
    ("pt", None, "A polícia investiga esquadras chinesas ilegais em Lisboa e no Porto."),
    ("de", None, "Das Innenministerium prüft Berichte über eine chinesische Polizeistation in Frankfurt."),
    ("it", None, "Le stazioni di polizia cinesi in Italia sarebbero undici secondo il rapporto."),
    ("nl", None, "Het kabinet laat de Chinese politieposten in Amsterdam en Rotterdam sluiten."),
    ("zh", None, "西班牙人权组织指中国在全球设立海外警察站，多国展开调查。"),
    ("ja", None, "中国が日本国内に海外警察拠点を設けている疑いがあると報じられた。"),
    ("ko", None, "중국 비밀경찰서로 지목된 서울의 한 중식당이 문을 닫았다."),
]

NEAR_MISSES = [
    ("en", "Local police station to close in council cuts",
     "The police station on High Street will shut next spring, the council said. "
     "Officers will move to a new base in the town centre."),
    ("en", None, "In China, dial 110 for the police; in Europe the emergency number is 112."),
    ("en", None, "The university closed its Confucius Institute after a review of its ties to Beijing."),
    ("en", None, "Chinese and Italian officers held joint patrols in Rome and Milan this summer."),
    ("en", None, "The consulate offers passport renewals to Chinese citizens by appointment."),
    ("en", None, "Safeguard Defenders published a report on forced televised confessions in China."),
    ("de", None, "Die Polizeiwache in der Innenstadt wird wegen Umbauarbeiten vorübergehend geschlossen."),
    ("fr", None, "Le commissariat du quartier déménage dans de nouveaux locaux en janvier."),
    ("es", None, "La comisaría de policía del barrio amplía su horario de atención."),
    ("zh", None, "全球已有45个华助中心，为海外侨胞提供服务。"),
    ("zh", None, "公安部表示，全国新建了300个派出所。"),
    ("ko", None, "서울 종로경찰서는 새 청사로 이전한다고 밝혔다."),
    ("ja", None, "警視庁は新しい交番を都内に設置した。"),
]


@pytest.mark.parametrize(("lang", "title", "text"), ON_TOPIC)
def test_on_topic(lang: str, title: str | None, text: str) -> None:
    result = analyse(text, title=title)
    assert result.relevant, result
    assert result.score >= 0.5
    assert result.lang == lang


@pytest.mark.parametrize(("lang", "title", "text"), NEAR_MISSES)
def test_near_misses(lang: str, title: str | None, text: str) -> None:
    result = analyse(text, title=title)
    assert not result.relevant, result
    assert 0.0 <= result.score < 0.5
    assert result.claims == ()


def test_config_keywords_replace_a_language_list() -> None:
    text = "The museum keeps what it calls shadow archives."
    assert not analyse(text).relevant
    assert analyse(text, keywords={"en": ["shadow archive"]}).relevant
    # replacing English drops the built-in English phrases
    built_in = "Everyone talks about 110 Overseas now."
    assert analyse(built_in).relevant
    assert not analyse(built_in, keywords={"en": ["nothing like it"]}).relevant
    # another language's list leaves English alone
    assert analyse(built_in, keywords={"de": ["etwas"]}).relevant


def test_score_grows_with_evidence() -> None:
    one = analyse("Everyone talks about 110 Overseas now.").score
    two = analyse("Everyone talks about 110 Overseas now. "
                  "The overseas police stations were closed.").score
    assert 0.5 <= one < two <= 1.0


EXCERPTS = [
    # short excerpts of coverage: the stations are named and framed, China may not be
    ("en", "Greece is home to two of the stations, one of them in Athens, the report said.", True),
    ("en", "The group said it had found 30 additional stations, taking the total past 90 in 40 countries.", True),
    ("es", "Los Mossos investigan dos supuestas oficinas de la policía china en Girona.", True),
    ("zh", "希腊政府表示，已下令关闭雅典的一个中国“警察站”。", True),
    ("de", "Laut dem Bericht liegen drei dieser Polizeistationen in Österreich.", True),
    # local police news that also counts stations
    ("en", "The council voted to shut two neighbourhood police stations to cut costs.", False),
    ("de", "Der Stadtrat beschloss, zwei Polizeiwachen in der Innenstadt zusammenzulegen.", False),
    ("zh", "台中市警察局今年新增两处派出所。", False),
    ("en", "The consulate will open two new visa service points in Lyon.", False),
    # framing and a count in one city fit local news too: not enough on their own
    ("en", "Police in Leeds are investigating after two police stations were vandalised, a report said.", False),
    ("es", "La policía investiga el robo en dos comisarías de Sevilla, según un informe.", False),
    ("en", "Canada is investigating three alleged police stations in Toronto.", True),
]


@pytest.mark.parametrize(("lang", "text", "relevant"), EXCERPTS)
def test_short_excerpts(lang: str, text: str, relevant: bool) -> None:
    result = analyse(text)
    assert result.lang == lang
    assert result.relevant is relevant, result
    if not relevant:
        assert result.claims == ()
