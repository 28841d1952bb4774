"""The cheap paths taken for speed give the same answers as the plain reading would."""

from __future__ import annotations

import pytest

from crawler.analysis.langs import PACKS
from crawler.analysis.numbers import find_numbers, has_number
from crawler.analysis.text import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a line break ends a sentence, even after an abbreviation; blank lines are skipped
        ("Talks with Mr.\nSmith ended. The U.S.\n\nNext paragraph.\n\n\nThird one. \n Fourth!",
         ["Talks with Mr.", "Smith ended.", "The U.S.", "Next paragraph.", "Third one.", "Fourth!"]),
        ("“A quote.”\n\nNext line", ["“A quote.”", "Next line"]),
        ("中国。\n日本！\n\n真的", ["中国。", "日本！", "真的"]),
        ("lower case.\nnext line", ["lower case.", "next line"]),
    ],
)
def test_sentences_across_line_breaks(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text, PACKS["en"])
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert text[s.start:s.start + 3] == s.text[:3]


@pytest.mark.parametrize(
    ("sentence", "lang", "values"),
    [
        ("someone saw twenty-one stations, often ten", "en", [21, 10]),
        ("forty eight stations and tenfold growth", "en", [48]),
        ("vingt-deux commissariats et une douzaine de postes", "fr", [22, 12]),
        ("una decena de comisarías y doce oficinas", "es", [10, 12]),
        ("attention: no number here", "en", []),
    ],
)
def test_number_words_found_from_their_prefilter(sentence: str, lang: str, values: list[int]) -> None:
    assert [n.value for n in find_numbers(sentence, PACKS[lang])] == values
    assert has_number(sentence, PACKS[lang]) is bool(values)
