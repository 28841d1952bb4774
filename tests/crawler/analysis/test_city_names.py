"""`city` is the city's common English name, whatever language or spelling the text uses.

Table tests over our own sentences (claims and place mentions), then the naming rules of
crawler/analysis/city_names.py on small made-up inputs, so each rule can fail on its own.
"""

from __future__ import annotations

import pytest

from crawler.analysis.city_names import (
    compound_head,
    english_name,
    fold,
    shorten_compounds,
    zone_cities,
)
from crawler.analysis.claims import sentence_claims
from crawler.analysis.places import find_places

# language, sentence, (count, place, city) of its single claim
CLAIMS: list[tuple[str, str, tuple[int, str, str]]] = [
    ("es", "La policía investiga dos comisarías chinas en Sevilla.", (2, "ES", "Seville")),
    ("en", "Two Chinese police stations were reported in Seville.", (2, "ES", "Seville")),
    ("es", "La policía investiga dos comisarías chinas en Santiago de Compostela.",
     (2, "ES", "Santiago de Compostela")),
    ("es", "La Ertzaintza vigila dos comisarías chinas en Donostia.", (2, "ES", "San Sebastián")),
    ("de", "In Frankfurt am Main soll es zwei chinesische Polizeistationen geben.",
     (2, "DE", "Frankfurt")),
    ("de", "Die Ermittler fanden zwei Polizeistationen in Frankfurt.", (2, "DE", "Frankfurt")),
    ("de", "In Köln gibt es angeblich zwei chinesische Polizeistationen.", (2, "DE", "Cologne")),
    ("de", "In Hannover gibt es angeblich zwei chinesische Polizeistationen.",
     (2, "DE", "Hanover")),
    ("de", "In München gibt es angeblich zwei chinesische Polizeistationen.",
     (2, "DE", "Munich")),
    ("de", "In Zürich soll es zwei chinesische Polizeistationen geben.", (2, "CH", "Zurich")),
    ("de", "In Wien soll es zwei chinesische Polizeistationen geben.", (2, "AT", "Vienna")),
    ("de", "In Klagenfurt am Wörthersee soll es zwei chinesische Polizeistationen geben.",
     (2, "AT", "Klagenfurt")),
    ("ko", "프라하에는 중국 비밀경찰서 두 곳이 있다.", (2, "CZ", "Prague")),
    ("ko", "밀라노에 중국 비밀경찰서 두 곳이 있다고 한다.", (2, "IT", "Milan")),
    ("zh", "米兰有两个海外警务服务站。", (2, "IT", "Milan")),
    ("zh", "据报道，佛罗伦萨有三个海外警务服务站。", (3, "IT", "Florence")),
    ("zh", "布拉格有两个海外警务服务站。", (2, "CZ", "Prague")),
    ("ja", "プラハには中国の海外警察拠点が2カ所ある。", (2, "CZ", "Prague")),
    ("it", "A Firenze ci sarebbero due stazioni di polizia cinesi.", (2, "IT", "Florence")),
    ("it", "A Roma ci sarebbero due stazioni di polizia cinesi.", (2, "IT", "Rome")),
    ("it", "A Milano ci sarebbero tre stazioni di polizia cinesi.", (3, "IT", "Milan")),
    ("nl", "In Den Haag zijn twee Chinese politiebureaus ontdekt.", (2, "NL", "The Hague")),
    ("nl", "In Gent zijn twee Chinese politiebureaus ontdekt.", (2, "BE", "Ghent")),
    ("nl", "In Brugge zou één Chinees politiebureau actief zijn.", (1, "BE", "Bruges")),
    ("fr", "Deux postes de police chinois ont été signalés à Genève.", (2, "CH", "Geneva")),
    ("fr", "Deux postes de police chinois ont été signalés à Bruxelles.", (2, "BE", "Brussels")),
    ("fr", "Deux postes de police chinois auraient été repérés à Cologne.",
     (2, "DE", "Cologne")),
    ("pt", "Em Lisboa há dois postos de polícia chineses, diz a ONG.", (2, "PT", "Lisbon")),
    ("en", "There are two Chinese police stations in Kyiv, the report says.", (2, "UA", "Kyiv")),
    ("fr", "Deux postes de police chinois auraient été repérés à Montréal.",
     (2, "CA", "Montreal")),
    ("zh", "纽约有1个海外警务服务站。", (1, "US", "New York")),  # "一个" alone: "a station"
    ("zh", "據報導，布達佩斯有兩個海外警務服務站。", (2, "HU", "Budapest")),
    ("es", "La policía investiga dos comisarías chinas en Nueva York.", (2, "US", "New York")),
]


@pytest.mark.parametrize(("lang", "sentence", "want"), CLAIMS,
                         ids=[f"{c[0]}-{c[2][2]}" for c in CLAIMS])
def test_claim_city_is_english(lang: str, sentence: str, want: tuple[int, str, str]) -> None:
    got = [(c.count, c.place, c.city) for c in sentence_claims(sentence, lang)]
    assert got == [want]


# a spelling in running text → (country, English city) of its first mention
MENTIONS: list[tuple[str, tuple[str, str]]] = [
    ("Warszawa", ("PL", "Warsaw")), ("København", ("DK", "Copenhagen")),
    ("Göteborg", ("SE", "Gothenburg")), ("Praha", ("CZ", "Prague")),
    ("Lisboa", ("PT", "Lisbon")), ("Genova", ("IT", "Genoa")), ("Napoli", ("IT", "Naples")),
    ("Torino", ("IT", "Turin")), ("Genève", ("CH", "Geneva")), ("Zurich", ("CH", "Zurich")),
    ("Thessaloníki", ("GR", "Thessaloniki")), ("Braunschweig", ("DE", "Brunswick")),
    ("Halle (Saale)", ("DE", "Halle")), ("Ludwigshafen am Rhein", ("DE", "Ludwigshafen")),
    ("Reykjavík", ("IS", "Reykjavik")), ("Montréal", ("CA", "Montreal")),
    ("New York City", ("US", "New York")), ("Québec", ("CA", "Quebec City")), ("Seville", ("ES", "Seville")),
    ("Santiago de Compostela", ("ES", "Santiago de Compostela")),
]


@pytest.mark.parametrize(("spelling", "want"), MENTIONS, ids=[m[0] for m in MENTIONS])
def test_mention_names_city_in_english(spelling: str, want: tuple[str, str]) -> None:
    mentions = find_places(f"Reporters went to {spelling} last week.")
    assert mentions, spelling
    assert (mentions[0].place.code, mentions[0].place.city) == want


# --- the naming rules, each on made-up inputs -------------------------------------------

def test_fold_drops_diacritics_including_letters_that_do_not_decompose() -> None:
    assert [fold(n) for n in ("Zürich", "Łódź", "Århus", "Reykjavík")] == [
        "Zurich", "Lodz", "Arhus", "Reykjavik"]


def test_zone_cities_read_cldr_and_the_tz_database() -> None:
    cities = zone_cities()
    assert cities[("CH", "zurich")] == "Zurich"
    assert cities[("UA", "kyiv")] == "Kyiv"  # CLDR's English name of Europe/Kyiv
    assert cities[("CA", "montreal")] == "Montreal"  # an alias zone, America/Montreal
    assert cities[("CO", "bogota")] == "Bogotá"  # CLDR keeps the accent
    assert ("DE", "zurich") not in cities


@pytest.mark.parametrize(("name", "alts", "country", "want"), [
    ("Zürich", {"Zurich"}, "CH", "Zurich"),  # a zone's city, diacritics only
    ("Montréal", {"Montreal"}, "CA", "Montreal"),
    ("Bogotá", {"Bogota"}, "CO", "Bogotá"),  # CLDR keeps the accent: so do we
    ("Zürich", set(), "DE", "Zürich"),  # another country's zone city is no evidence
    ("Québec", {"Quebec"}, "CA", "Québec"),  # no zone, no rule
    ("Sevilla", {"Seville", "Siviglia"}, "ES", "Seville"),  # exonym, listed
    ("Sevilla", {"Siviglia"}, "ES", "Sevilla"),  # exonym unknown to geonames
    ("New York City", {"New York", "NYC"}, "US", "New York"),
    ("Donostia / San Sebastián", {"San Sebastian"}, "ES", "San Sebastián"),
    ("Biel/Bienne", {"Biel"}, "CH", "Biel/Bienne"),
    ("Munich", {"München"}, "DE", "Munich"),
])
def test_english_name_rules(name: str, alts: set[str], country: str, want: str) -> None:
    assert english_name(name, alts, country) == want


@pytest.mark.parametrize(("name", "alts", "want"), [
    ("Frankfurt am Main", {"Frankfurt"}, "Frankfurt"),
    ("Halle (Saale)", {"Halle"}, "Halle"),
    ("Mülheim an der Ruhr", {"Mülheim"}, "Mülheim"),
    ("Freiburg im Breisgau", {"Freiburg"}, "Freiburg"),
    ("Frankfurt am Main", set(), None),  # the head must be a name geonames knows
    ("Santiago de Compostela", {"Santiago"}, None),  # "de" names are English usage too
    ("Kingston upon Hull", {"Kingston"}, None),  # English names are left alone
])
def test_compound_head(name: str, alts: set[str], want: str | None) -> None:
    assert compound_head(name, alts) == want


def test_shorten_compounds_gives_a_head_to_one_city_only() -> None:
    cities = [
        (650_000, "DE", "Frankfurt am Main", {"Frankfurt"}),
        (57_000, "DE", "Frankfurt (Oder)", {"Frankfurt"}),
        (230_000, "DE", "Halle (Saale)", {"Halle"}),
        (90_000, "XX", "Halle", set()),  # a city already called that keeps the head
        (60_000, "DE", "Offenbach am Main", {"Offenbach"}),
    ]
    assert shorten_compounds(cities) == {"Frankfurt am Main": "Frankfurt",
                                         "Offenbach am Main": "Offenbach"}
