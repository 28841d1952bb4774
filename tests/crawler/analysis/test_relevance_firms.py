"""Chinese firms, visa offices and people's support points, in our own words: a Chinese
company's office and a visa service centre are facilities said with China, but neither is
a police station; "Chinese Nederlanders" are people."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Ein chinesischer Konzern eröffnet seine Europazentrale in Hamburg; die neue "
           "Anlaufstelle soll 150 Stellen schaffen."),
    ("de", "China eröffnet in München ein neues Visa-Servicecenter für Geschäftsreisende."),
    ("en", "The Chinese embassy is opening a visa service centre in Leeds to shorten queues."),
    ("fr", "Une entreprise chinoise installe son bureau européen à Lille et recrute 80 "
           "personnes."),
])
def test_firms_visas_and_support_points_are_not_stations(lang: str, text: str) -> None:
    assert not analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Chinese Nederlanders werden via het Chinese steunpunt in Rotterdam onder druk gezet "
           "om terug te keren."),
    ("de", "Die chinesische Polizeiwache in Frankfurt soll von einem Verein betrieben worden "
           "sein."),
])
def test_the_stations_still_read(lang: str, text: str) -> None:
    assert analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "La Bank of China inaugura a Torino un centro servizi per le imprese piemontesi che "
           "vendono in Asia."),
    ("it", "Il centro servizi della Camera di commercio italo-cinese di Roma ospita un corso "
           "sulle dogane."),
])
def test_a_business_service_centre_is_not_a_station(lang: str, text: str) -> None:
    """Italian "centro servizi" is any service centre; the stations are "centri servizi
    cinesi" or of a police."""
    assert not analyse(text, lang_hint=lang).relevant
