""""Neuf structures clandestines", "zwei Strukturen", "tres estructuras": the press also
counts the stations as structures."""

from __future__ import annotations

import pytest

from crawler.analysis.claims import document_claims
from crawler.analysis.langs import PACKS
from crawler.analysis.text import split_sentences


def _keys(text: str, lang: str) -> set[tuple[int, str | None, bool]]:
    sentences = split_sentences(text, PACKS[lang])
    return {(c.count, c.place, c.added) for c in document_claims(sentences, lang)}


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le contre-espionnage belge dénombre sept structures clandestines de la police chinoise "
           "en Belgique."),
    ("es", "La policía belga ha localizado siete estructuras clandestinas de la policía china en "
           "Bélgica."),
    ("pt", "A polícia belga localizou sete estruturas clandestinas da polícia chinesa na Bélgica."),
])
def test_structures_are_counted(lang: str, text: str) -> None:
    assert (7, "BE", False) in _keys(text, lang)


def test_dutch_een_with_its_accent_capitalised_at_the_start_counts_one() -> None:
    # "één" opening a sentence is written "Eén": still the numeral, not the article
    text = "In Oostenrijk ging het snel. Eén Chinese politiepost in Wenen werd binnen een week gesloten."
    assert (1, "AT", False) in _keys(text, "nl")
