"""China's other stations and bases abroad, in our own words: a listening post, a ground
station for satellites, a polar research station or a naval base are facilities of China
abroad, and some are "secret", but none is a police station."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Beijing has quietly run a listening station on the island since 2020, according to "
           "intelligence officials, to intercept radio traffic across the region."),
    ("en", "China is building its sixth polar research station, on an island off Antarctica, "
           "state television reported."),
    ("en", "The Chinese navy's base in the Horn of Africa, its first overseas military outpost, "
           "is getting a larger pier, satellite images reported."),
    ("es", "China mantiene una estación de espionaje secreta en la isla desde 2020, según "
           "fuentes de inteligencia."),
    ("pt", "A estação espacial chinesa na Patagónia será inspecionada pelo governo argentino."),
    ("fr", "La Chine exploiterait une station d'écoute secrète dans les Caraïbes, selon le "
           "renseignement américain."),
    ("it", "La Cina gestirebbe una stazione di spionaggio segreta nei Caraibi, secondo "
           "l'intelligence americana."),
    ("de", "China soll auf der Insel eine geheime Abhörstation betreiben, sagen Geheimdienste."),
    ("nl", "China zou op het eiland een geheim afluisterstation hebben, zeggen "
           "inlichtingendiensten."),
])
def test_other_chinese_stations_abroad_are_not_police_stations(lang: str, text: str) -> None:
    assert not analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "A secret Chinese police station operated from a Manhattan office block, the FBI "
           "says."),
    ("fr", "Une station de police chinoise secrète opérait à Paris, selon la DGSI."),
])
def test_the_police_stations_still_read(lang: str, text: str) -> None:
    assert analyse(text, lang_hint=lang).relevant


def test_motorway_service_stations_are_not_police_stations() -> None:
    text = ("A Chinese state energy group will run nine motorway service stations in Scotland "
            "under the new lease, the operator said.")
    assert not analyse(text, lang_hint="en").relevant
