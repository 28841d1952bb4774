"""Table tests of the small stages: sentences, numbers, language, places."""

from __future__ import annotations

import pytest

from crawler.analysis.langs import PACKS
from crawler.analysis.language import detect_language
from crawler.analysis.numbers import find_numbers
from crawler.analysis.places import find_places
from crawler.analysis.text import split_sentences


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The U.S. said so. Mr. Li disagreed! Was it 1.000 euros? Yes", "en",
         ["The U.S. said so.", "Mr. Li disagreed!", "Was it 1.000 euros?", "Yes"]),
        ("中国设立了102个警察站。日本有2处！真的吗？", "zh", ["中国设立了102个警察站。", "日本有2处！", "真的吗？"]),
        ("Headline without a stop\n\nFirst paragraph. Second one.", "en",
         ["Headline without a stop", "First paragraph.", "Second one."]),
        ("경찰서 102곳이 있다. 추가로 48곳.", "ko", ["경찰서 102곳이 있다.", "추가로 48곳."]),
        ("On 3. Oktober kam es zu Festnahmen. Danach nicht.", "de",
         ["On 3. Oktober kam es zu Festnahmen.", "Danach nicht."]),
    ],
)
def test_split_sentences(text: str, lang: str, expected: list[str]) -> None:
    sentences = split_sentences(text, PACKS[lang])
    assert [s.text for s in sentences] == expected
    for s in sentences:  # offsets point at the sentence in the document
        assert text[s.start:s.start + 4] == s.text[:4]


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("102 stations, 1,000 people, 1.5 percent, 12 000 euros", "en", [102, 1000, 12000]),
        ("forty-eight stations and a dozen more, one in Rome", "en", [48, 12, 1]),
        ("half a dozen stations", "en", [6]),
        ("dozens of stations and hundreds of people", "en", []),
        ("zweiundfünfzig Stationen und eine in Berlin", "de", [52, 1]),
        ("quarante-huit commissariats, deux à Paris", "fr", [48, 2]),
        ("cuarenta y ocho comisarías, cientos de personas", "es", [48]),
        ("quarantotto stazioni, undici in Italia", "it", [48, 11]),
        ("achtenveertig politieposten, twee in Amsterdam", "nl", [48, 2]),
        ("quarenta e oito esquadras, duas em Lisboa", "pt", [48, 2]),
        ("一百零二个警察站，两个，十一个", "zh", [102, 2, 11]),
        ("１０２個の拠点と二カ所", "ja", [102, 2]),
        ("102곳, 두 곳, 53개국, 열한 곳, 오십삼 개국", "ko", [102, 2, 53, 11, 53]),
        ("이 곳에는 아무것도 없다", "ko", []),
    ],
)
def test_find_numbers(sentence: str, lang: str, expected: list[int]) -> None:
    from crawler.analysis.numbers import FULLWIDTH

    assert [n.value for n in find_numbers(sentence.translate(FULLWIDTH), PACKS[lang])] == expected


def test_implied_qualifiers() -> None:
    (n,) = find_numbers("100多个", PACKS["zh"])
    assert (n.value, n.qualifier) == (100, "more_than")
    (n,) = find_numbers("100여 곳", PACKS["ko"])
    assert (n.value, n.qualifier) == (100, "more_than")
    (n,) = find_numbers("백여 곳", PACKS["ko"])
    assert (n.value, n.qualifier) == (100, "more_than")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Police in the Netherlands closed two stations run by Chinese officials last year.", "en"),
        ("La policía cerró dos comisarías chinas en Madrid el año pasado.", "es"),
        ("A polícia fechou duas esquadras chinesas em Lisboa no ano passado.", "pt"),
        ("La police a fermé deux commissariats chinois à Paris l'an dernier.", "fr"),
        ("Die Polizei hat im vergangenen Jahr zwei chinesische Stationen geschlossen.", "de"),
        ("La polizia ha chiuso due stazioni cinesi a Roma l'anno scorso.", "it"),
        ("De politie heeft vorig jaar twee Chinese posten in Rotterdam gesloten.", "nl"),
        ("中国在海外设立了102个警察站。", "zh"),
        ("中國在海外設立了102個警察站。", "zh"),
        ("中国は海外に警察拠点を置いている。", "ja"),
        ("중국 비밀경찰서가 서울에도 있다.", "ko"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_detect_language_falls_back_to_the_hint() -> None:
    assert detect_language("ok 12", hint="de") == "de"
    assert detect_language("", hint="pt-BR") == "pt"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Dutch police closed stations in Amsterdam and Rotterdam.", "en",
         [("country", "NL"), ("city", "NL"), ("city", "NL")]),
        ("in Italia, in Italie, in Italien, in Italië, na Itália", "en", [("country", "IT")] * 5),
        ("the U.S. and the UK and Europe", "en", [("country", "US"), ("country", "GB"), ("region", None)]),
        ("意大利和荷兰，欧洲", "zh", [("country", "IT"), ("country", "NL"), ("region", None)]),
        ("이탈리아와 서울, 유럽", "ko", [("country", "IT"), ("city", "KR"), ("region", None)]),
        ("イタリアと東京", "ja", [("country", "IT"), ("city", "JP")]),
        ("China and the Chinese embassy in Beijing", "en", []),
        ("les autorités néerlandaises et la police italienne", "fr", [("country", "NL"), ("country", "IT")]),
        # country adjectives are read in their own language only ("pools" is Polish in Dutch)
        ("de Poolse politie", "nl", [("country", "PL")]),
        ("swimming pools", "en", []),
    ],
)
def test_find_places(text: str, lang: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(m.place.kind, m.place.code) for m in find_places(text, PACKS[lang])] == expected
