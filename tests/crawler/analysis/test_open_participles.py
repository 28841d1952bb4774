""""Une cinquantaine sont ouverts sur cinq continents": a participle of opening or
operating after the verb of being ("are open", "sont ouverts", "sono attive") is part of
the counted phrase, so the place or the worldwide frame after it still reads."""

from __future__ import annotations

import pytest

from crawler.analysis.claims import document_claims
from crawler.analysis.langs import PACKS
from crawler.analysis.text import split_sentences


def _keys(text: str, lang: str) -> set[tuple[int, str | None, bool]]:
    sentences = split_sentences(text, PACKS[lang])
    return {(c.count, c.place, c.added) for c in document_claims(sentences, lang)}


@pytest.mark.parametrize(("lang", "text", "key"), [
    ("fr", "La Chine aurait des postes de police officieux à l'étranger. Une quarantaine sont "
           "ouverts sur cinq continents.", (40, None, False)),
    ("fr", "La Chine aurait des postes de police officieux à l'étranger. Sept sont installés en Grèce.",
     (7, "GR", False)),
    ("es", "China tendría comisarías secretas en el extranjero. Siete están abiertas en Grecia.",
     (7, "GR", False)),
    ("it", "La Cina avrebbe stazioni di polizia all'estero. Sette sono attive in Grecia.",
     (7, "GR", False)),
    ("pt", "A China teria esquadras secretas no estrangeiro. Sete estão abertas na Grécia.",
     (7, "GR", False)),
])
def test_an_opening_participle_keeps_the_place(lang: str, text: str,
                                                key: tuple[int, str | None, bool]) -> None:
    assert key in _keys(text, lang)
