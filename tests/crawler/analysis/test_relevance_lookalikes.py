"""Off-topic texts that look like the story from afar, in our own words: the NGO's
other reports (a word of another language inside a word is no facility: French "basée"
is not English "base"), and a country's own police-station closures and openings whose
counts are increments ("two new premises", "another hundred bureaus") with no word of
China, the NGO or anything abroad."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse

NGO_OTHER_REPORT = [
    ("fr", "Selon Pékin, la campagne a ramené 9 000 fugitifs depuis 90 pays. Lundi, l'ONG "
           "Safeguard Defenders, basée à Madrid, a publié un bilan de cette campagne, appelée "
           "Sky Net. Elle étudie 150 cas de retours forcés, dont trois depuis la France."),
    ("es", "Según Pekín, la campaña trajo de vuelta a 9.000 fugitivos de 90 países. La ONG "
           "Safeguard Defenders, basada en Madrid, publicó un balance de esa campaña, llamada "
           "Sky Net, con 150 casos de retornos forzados."),
]

HOME_CLOSURES = [
    ("pt", "Desde 2015 fecharam nove esquadras na cidade do Porto. Hoje, segundo a PSP, há 12 "
           "esquadras abertas dia e noite; eram 21. Nesse tempo abriram duas novas instalações."),
    ("nl", "In vier jaar tijd zijn 150 van de 400 politiebureaus dichtgegaan. Een deel is "
           "vervangen door kleinere posten. Volgens het plan gaan er nog eens tachtig bureaus "
           "dicht."),
    ("de", "In den letzten fünf Jahren wurden 40 von 300 Polizeiwachen geschlossen. Nach dem "
           "Plan sollen weitere zwanzig Wachen schließen."),
]

ON_TOPIC_INCREMENT = [
    ("en", "On Monday the group said it had found 48 more such stations, bringing the total "
           "past 100."),
    ("nl", "De organisatie meldt nog eens 48 Chinese politieposten in het buitenland."),
]


@pytest.mark.parametrize(("lang", "text"), NGO_OTHER_REPORT)
def test_the_ngos_other_reports_are_not_the_story(lang: str, text: str) -> None:
    assert not analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), HOME_CLOSURES)
def test_home_closures_with_increments_stay_local(lang: str, text: str) -> None:
    result = analyse(text, lang_hint=lang)
    assert not result.relevant
    assert not result.claims


@pytest.mark.parametrize(("lang", "text"), ON_TOPIC_INCREMENT)
def test_an_increment_of_the_story_still_reads(lang: str, text: str) -> None:
    assert analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "A new police station opens in Chinatown to serve the neighbourhood."),
    ("es", "La comisaría del distrito refuerza la vigilancia en el barrio chino."),
    ("fr", "Un nouveau commissariat ouvre ses portes dans le quartier chinois."),
    ("it", "Aperto il nuovo posto di polizia nel quartiere cinese."),
    ("nl", "Nieuw politiebureau in Chinatown geopend."),
    ("pt", "Nova esquadra abre no bairro chinês da cidade."),
])
def test_chinatown_is_a_neighbourhood_not_china(lang: str, text: str) -> None:
    assert not analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Safeguard Defenders estimates that tens of thousands passed through China's secret "
           "detention facilities last year."),
    ("fr", "D'après Safeguard Defenders, des dizaines de milliers de personnes sont passées par "
           "des centres de détention secrets en Chine."),
    ("pt", "A Safeguard Defenders estima que dezenas de milhares de pessoas passaram por centros "
           "de detenção secretos na China."),
    ("it", "Per Safeguard Defenders decine di migliaia di persone sono passate da centri di "
           "detenzione segreti in Cina."),
])
def test_the_ngos_detention_reports_are_not_the_story(lang: str, text: str) -> None:
    """The NGO with any facility word is the topic, but not with its detention reports."""
    assert not analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "L'ONG Solidarités International gère des centres d'accueil pour des réfugiés chinois "
           "au Laos."),
    ("it", "La ong Intersos gestisce centri di accoglienza per profughi cinesi in Laos."),
    ("pt", "A ONG Cáritas mantém centros de acolhimento para imigrantes chineses em Lisboa."),
])
def test_another_named_ngo_is_not_the_ngo(lang: str, text: str) -> None:
    """"l'ONG Solidarités International": "the NGO" followed by another NGO's name."""
    assert not analyse(text, lang_hint=lang).relevant


def test_the_ngo_unnamed_is_still_the_story() -> None:
    text = "Prato, chiuso lo sportello citato nel rapporto della ong."
    assert analyse(text, lang_hint="it").relevant
