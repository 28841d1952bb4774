"""Relevance rules that generalise: neighbouring networks, the Chinese community, words
such as "illegal" said of something other than a station, and short items. Our own texts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from crawler.analysis.document import analyse

if TYPE_CHECKING:
    from crawler.analysis.relevance import Evidence

# the overseas Chinese help centres (华助中心) are another network: their counts, and
# the facility nouns they use, are not this story's, in any language
HELP_CENTRES = [
    ("en", "Overseas Chinese help centres expand. The Chinese network has 50 centres in 40 "
           "countries. Three of them are in Britain."),
    ("fr", "Les centres d'aide aux Chinois d'outre-mer se multiplient. Le réseau compte "
           "désormais 50 centres dans 40 pays, selon Pékin. La France en accueille trois."),
    ("de", "Hilfszentren für Auslandschinesen wachsen. Das Netz umfasst nach Angaben aus Peking "
           "50 Zentren in 40 Ländern. Drei davon liegen in Deutschland."),
    ("es", "Los centros de ayuda a los chinos de ultramar se expanden. La red suma 50 centros "
           "en 40 países, según Pekín. España tiene tres."),
    ("pt", "Os centros de apoio aos chineses ultramarinos crescem. A rede chinesa tem 50 "
           "centros em 40 países. Portugal tem três."),
    ("it", "I centri di aiuto per i cinesi d'oltremare crescono. La rete cinese conta 50 "
           "centri in 40 paesi. L'Italia ne ha tre."),
    ("nl", "Hulpcentra voor overzeese Chinezen groeien. Het Chinese netwerk telt 50 centra "
           "in 40 landen. Drie ervan staan in Nederland."),
]

# local police news: the Chinese community, "illegal" said of something else, the
# country's own stations
LOCAL = [
    ("fr", "Les commerçants chinois de Belleville réclament un commissariat. La communauté "
           "chinoise du quartier se dit inquiète."),
    ("es", "La comunidad china de Usera pide más seguridad. Los comerciantes chinos se "
           "reunieron con la comisaría del distrito."),
    ("pt", "Comerciantes chineses pedem uma esquadra no Martim Moniz. A comunidade chinesa "
           "quer mais policiamento."),
    ("pt", "Esquadra da PSP em Lisboa investigada por agressões ilegais. Três agentes da "
           "esquadra foram suspensos."),
    ("de", "In der Polizeiwache am Markt arbeiten jetzt 40 Beamte. Die Stadt kontrolliert "
           "verstärkt illegale Müllentsorgung."),
    # closures and staffing of the country's own stations, framed by a report
    ("fr", "Le gouvernement ferme les commissariats de nuit. En Normandie, trois commissariats "
           "seront fermés, selon le rapport de la Cour des comptes."),
    ("de", "Das Land schließt die kleinen Polizeistationen. In Thüringen werden vier "
           "Polizeistationen geschlossen, heißt es in einem Bericht des Ministeriums."),
    ("es", "Los sindicatos alertan: las comisarías están bajo mínimos. En España, 40 comisarías "
           "funcionan con menos de diez agentes, según el informe."),
    ("pt", "O Governo vai encerrar as esquadras de bairro. No Porto serão encerradas três "
           "esquadras, segundo o relatório."),
    ("fr", "Les commissariats manquent de policiers. En France, 30 commissariats fonctionnent "
           "avec moins de dix agents, selon le rapport."),
]

# Chinese-made goods in domestic police stations: not China the state running them
PRODUCT_NEWS = [
    ("en", "Chinese cameras to be removed from police stations\nPolice stations across the country "
           "will replace Chinese-made cameras, the ministry said.\nAbout 250 stations are affected."),
    ("de", "Chinesische Kameras in Polizeiwachen werden ersetzt\nDas Innenministerium lässt "
           "chinesische Kameras in 35 Polizeiwachen austauschen.\nDie Kosten liegen bei zwei Millionen Euro."),
    ("es", "Interior retirará cámaras chinas de 250 comisarías\nEl ministerio sustituirá las cámaras "
           "de fabricación china instaladas en 250 comisarías.\nEl cambio costará 4 millones."),
    ("it", "Telecamere cinesi via da 150 commissariati\nIl ministero sostituirà le telecamere "
           "cinesi installate in 150 commissariati.\nLa spesa è di 3 milioni."),
    ("nl", "Chinese camera's verdwijnen uit politiebureaus\nDe politie vervangt Chinese camera's "
           "in 90 politiebureaus.\nDe kosten bedragen 2 miljoen euro."),
]

# short items of coverage: a Chinatown or a Chinese restaurant may be where a station is
SHORT = [
    ("es", "Corea del Sur investiga un restaurante chino en Seúl que funcionaba como comisaría "
           "encubierta."),
    ("es", "El FBI detuvo a dos hombres por dirigir una comisaría clandestina en el barrio chino "
           "de Manhattan."),
    ("it", "Stazioni cinesi, il Viminale: nessuna autorizzazione."),
    ("it", "Prato, chiuso il centro servizi cinese segnalato dalla ong."),
    ("it", "Torino, chiuso il presidio cinese di corso Giulio Cesare\nLa questura ha disposto la "
           "chiusura del presidio segnalato nel rapporto.\nCondividi"),
    ("it", "Genova, la comunità cinese: «Nessuna stazione di polizia»\nI rappresentanti della "
           "comunità respingono le accuse del rapporto."),
    ("de", "In Ungarn soll es eine chinesische Servicestation der Polizei in Budapest geben."),
    ("ko", "세이프가드 디펜더스의 보고서 '110 오버시즈'는 중국의 해외 활동을 폭로했다."),
    ("en", "Police in Ontario opened an inquiry into two more suspected outposts, in Ottawa."),
]


@pytest.mark.parametrize(("lang", "text"), HELP_CENTRES + LOCAL + PRODUCT_NEWS,
                         ids=[f"{x[0]}-off-{i}" for i, x in enumerate(HELP_CENTRES + LOCAL + PRODUCT_NEWS)])
def test_neighbouring_stories_are_not_coverage(lang: str, text: str) -> None:
    result = analyse(text)
    assert result.lang == lang
    assert not result.relevant, result
    assert result.claims == ()


@pytest.mark.parametrize(("lang", "text"), SHORT, ids=[f"{x[0]}-short-{i}" for i, x in enumerate(SHORT)])
def test_short_items_are_coverage(lang: str, text: str) -> None:
    result = analyse(text)
    assert result.relevant, result


def _evidence(text: str) -> Evidence:
    from crawler.analysis.language import detect_language
    from crawler.analysis.relevance import weigh
    from crawler.analysis.text import split_sentences

    lang = detect_language(text)
    return weigh(text, sentence_starts=[s.start for s in split_sentences(text)], lang=lang)


def test_counts_can_tip_a_short_excerpt_so_they_are_read() -> None:
    text = "The campaigners said they had found 20 more such stations."
    evidence = _evidence(text)
    assert evidence.possible()
    assert not evidence.relevance(topic_claims=False, place_claims=False).relevant
    result = analyse(text)
    assert result.relevant and [(c.count, c.added) for c in result.claims] == [(20, True)]


@pytest.mark.parametrize(("lang", "text"), HELP_CENTRES)
def test_text_that_counts_cannot_make_coverage_is_not_read_for_claims(lang: str, text: str) -> None:
    evidence = _evidence(text)
    assert not evidence.possible()
    result = analyse(text)
    assert result.score == evidence.relevance(topic_claims=False, place_claims=False).score
