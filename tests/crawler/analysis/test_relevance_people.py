"""Local police news that mentions Chinese people, in our own words: officers of a city's own
police station sold papers to foreigners, most of them Chinese migrants. Chinese people
(migrants, citizens, nationals, "of Chinese origin") do not name China the state, and
foreigners ("étrangers", "extranjeros", "buitenlanders") are not "abroad"."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse

LOCAL = [
    ("en", "Two officers at a police station in Bradford were suspended for selling residence "
           "papers to foreigners, most of them Chinese migrants."),
    ("fr", "Deux policiers du commissariat de Vitry ont été suspendus pour avoir vendu des "
           "titres de séjour à des étrangers, surtout des ressortissants chinois."),
    ("it", "Due agenti del commissariato di Rimini sono stati sospesi per aver venduto permessi "
           "di soggiorno a stranieri, soprattutto cittadini cinesi."),
    ("de", "Zwei Beamte einer Polizeiwache in Essen wurden suspendiert, weil sie "
           "Aufenthaltspapiere an Ausländer verkauft haben, vor allem an chinesische Migranten."),
    ("nl", "Twee agenten van het politiebureau in Tilburg zijn geschorst omdat ze "
           "verblijfspapieren verkochten aan buitenlanders, vooral Chinese migranten."),
    ("pt", "Dois agentes da esquadra de Setúbal foram suspensos por venderem autorizações de "
           "residência a imigrantes chineses."),
    # one person: a tourist robbed, the local station took the complaint
    ("de", "Einer chinesischen Touristin wurde in Köln die Handtasche gestohlen; die "
           "Polizeiwache am Dom nahm die Anzeige auf."),
    ("nl", "Een Chinese toerist is in Utrecht beroofd van zijn telefoon; het politiebureau in "
           "het centrum nam de aangifte op."),
]


@pytest.mark.parametrize(("lang", "text"), LOCAL)
def test_local_police_news_about_chinese_migrants_is_not_the_story(lang: str, text: str) -> None:
    assert not analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Chinese migrants in Dublin say the police station run from Beijing pressed them to "
           "return home."),
    ("fr", "Des ressortissants chinois affirment avoir été convoqués au commissariat chinois "
           "clandestin d'Aubervilliers."),
    ("it", "Alcuni cittadini cinesi di Prato raccontano le pressioni della stazione di polizia "
           "cinese aperta in città."),
])
def test_chinese_people_and_the_stations_still_read(lang: str, text: str) -> None:
    assert analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize("text", [
    "Comerciante chinês registra queixa na delegacia depois de ter a loja roubada no centro "
    "de Campinas.",
    "A delegacia de Foz do Iguaçu prendeu um chinês com eletrônicos trazidos do Paraguai sem "
    "nota fiscal.",
])
def test_brazilian_local_police_news_about_a_chinese_person(text: str) -> None:
    """Brazil's "delegacia" is every local police station; "um chinês" is a Chinese man."""
    assert not analyse(text, lang_hint="pt").relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "La comisaría de Tetuán detuvo a un chino con bolsos falsificados en el Rastro."),
    ("it", "Il commissariato di Rimini ha fermato un cinese con borse contraffatte sul lungomare."),
])
def test_a_chinese_man_is_a_person(lang: str, text: str) -> None:
    """"un chino", "un cinese": a Chinese man, not China the state."""
    assert not analyse(text, lang_hint=lang).relevant
