"""Place names as languages inflect them, places within places, and an article that
counts only as an item of a list. Our own sentences."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse
from crawler.analysis.langs import PACKS
from crawler.analysis.places import find_places


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("de", "In den Niederlanden schließen zwei Büros", [("NL", None)]),
    ("de", "auf Anfrage Spaniens", [("ES", None)]),
    ("de", "die Frankfurter Behörden", [("DE", "Frankfurt")]),
    ("nl", "het Rotterdamse pand", [("NL", "Rotterdam")]),
    ("nl", "in de Dublinse binnenstad", [("IE", "Dublin")]),
    ("en", "one in Toronto's Scarborough area", [("CA", "Toronto")]),
    ("de", "Herr Weber und Frau Bauer", []),
])
def test_inflected_and_contained_places(lang: str, text: str,
                                        want: list[tuple[str, str | None]]) -> None:
    assert [(m.place.code, m.place.city) for m in find_places(text, PACKS[lang])] == want


def test_a_dative_country_places_its_count() -> None:
    result = analyse("In den Niederlanden werden zwei chinesische Polizeibüros geschlossen.",
                     lang_hint="de")
    assert [(c.count, c.place) for c in result.claims] == [(2, "NL")]


def test_an_article_in_another_clause_is_no_list_item() -> None:
    text = ("Safeguard Defenders fand 100 chinesische Polizeistationen im Ausland; in "
            "Dokumenten war auch von einer Station in Wien die Rede.")
    assert {(c.count, c.place) for c in analyse(text, lang_hint="de").claims} == {(100, None)}


def test_articles_chained_in_a_list_of_counts() -> None:
    text = ("Fuera de Europa hay dos en Perú, una en Lima, la capital, y la otra en Cusco, "
            "mientras que en Chile figura una oficina en la ciudad de Valparaíso.")
    got = {(c.count, c.place) for c in analyse(text, lang_hint="es").claims}
    assert (1, "CL") in got and (2, "PE") in got
