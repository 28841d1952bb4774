"""Protests at a Chinese embassy, in our own words: "the Chinese embassy" names the mission,
not China running a police abroad, and its "embassy" is no frame of the story; the local
police station that held two protesters is local news."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Decenas de manifestantes se concentraron ante el consulado chino en Sevilla; la "
           "comisaría de Triana identificó a tres personas."),
    ("en", "Demonstrators gathered outside the Chinese embassy in Dublin; three were taken to a "
           "nearby police station and later released."),
    ("pt", "Manifestantes juntaram-se à porta da embaixada da China no Porto; a esquadra da PSP "
           "identificou duas pessoas."),
    ("de", "Demonstranten versammelten sich vor dem chinesischen Generalkonsulat in München; "
           "drei wurden zur Polizeiwache gebracht."),
    ("nl", "Betogers verzamelden zich bij het Chinese consulaat in Amsterdam; drie van hen "
           "werden meegenomen naar het politiebureau."),
])
def test_protests_at_a_chinese_mission_are_local_news(lang: str, text: str) -> None:
    assert not analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The Chinese embassy denied that a secret police station operated in Dublin."),
    ("fr", "L'ambassade de Chine dément l'existence de commissariats chinois clandestins à "
           "Paris."),
    ("pt", "A embaixada da China nega a existência de esquadras chinesas em Lisboa."),
])
def test_an_embassy_denying_the_stations_is_still_the_story(lang: str, text: str) -> None:
    assert analyse(text, lang_hint=lang).relevant
