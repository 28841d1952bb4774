"""A "service centre" linked to a Chinese city's police, in our own words: the police said
after "centre de service" / "centro di servizio" / "centro de serviço" is the police the
facility is of; the reach is measured from the end of the whole name, not from "centre"."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Un « centre de service » rattaché à la police de Qingtian a fermé à Lyon."),
    ("it", "Bolzano, chiuso il centro di servizio collegato alla polizia di Wenzhou."),
    ("pt", "Centro de serviço vinculado à polícia de Fuzhou funcionava em Belo Horizonte."),
])
def test_a_service_centre_of_a_chinese_police_is_the_topic(lang: str, text: str) -> None:
    assert analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le centre de service de la mairie ferme ; la police municipale reprend l'accueil."),
    ("it", "Il centro di servizio del Comune resta chiuso, la polizia locale avvisa i cittadini."),
])
def test_a_town_service_centre_is_not(lang: str, text: str) -> None:
    assert not analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("pt", "A Estação Ultramarina do Serviço de Polícia de Qingtian abriu num escritório em "
           "Lisboa no ano passado."),
    ("es", "La Estación de Ultramar del Servicio de Policía de Fuzhou abrió en una oficina de "
           "Valencia."),
])
def test_an_official_name_with_police_and_overseas_is_the_topic(lang: str, text: str) -> None:
    """A station or office named with China, a police and an "abroad" word in one sentence:
    the stations' own long names ("Overseas Service Station of the Fuzhou Police")."""
    assert analyse(text, lang_hint=lang).relevant
