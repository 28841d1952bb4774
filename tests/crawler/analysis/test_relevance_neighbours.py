"""Relevance across neighbouring languages, in our own words: a short Portuguese headline
is often taken for Spanish (and a Spanish text then reads the Portuguese names of the
stations), while the Catalan police "Mossos d'Esquadra" is no Portuguese "esquadra"; a
visiting police delegation ("uma delegação da polícia chinesa") and Chinese "policiamento"
(policing) are no police facility and no foreign police."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse


@pytest.mark.parametrize("text", [
    "Uma delegacia chinesa no meio do seu bairro",
    "Afinal, o que são as delegacias chinesas clandestinas espalhadas pelo exterior?",
])
def test_short_portuguese_headlines_read_as_spanish_still_name_the_stations(text: str) -> None:
    assert analyse(text, lang_hint="pt").relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Golpe a una red de juego ilegal en Girona: los Mossos d'Esquadra registraron seis "
           "locales regentados por ciudadanos chinos y detuvieron a ocho personas."),
    ("pt", "Em Barcelona, os Mossos d'Esquadra detiveram três cidadãos chineses por fraude "
           "com cartões bancários."),
])
def test_the_catalan_police_is_no_station(lang: str, text: str) -> None:
    assert not analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize("text", [
    "Uma delegação da polícia chinesa esteve no Porto para discutir a cooperação contra o "
    "tráfico de droga.",
])
def test_a_visiting_police_delegation_is_no_station(text: str) -> None:
    assert not analyse(text, lang_hint="pt").relevant


def test_foreigners_are_not_abroad() -> None:
    """"estrangeiros" (foreigners, people) is not "no estrangeiro" (abroad): a Brazilian police
    unit that arrests officers who sold papers to Chinese migrants is local news."""
    text = ("Quatro agentes da Delegacia de Imigração de Campinas foram detidos por suposta venda "
            "de documentos a estrangeiros. A maioria dos compradores era de origem chinesa, "
            "segundo a corregedoria.")
    assert not analyse(text, lang_hint="pt").relevant
