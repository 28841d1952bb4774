"""Second round of issue 11: general mechanisms for text the reader was not tuned on,
one per test, on sentences of our own."""

from __future__ import annotations

import pytest

from crawler.analysis.claims import document_claims
from crawler.analysis.document import analyse
from crawler.analysis.langs import PACKS
from crawler.analysis.language import detect_language
from crawler.analysis.text import split_sentences

Key = tuple[int, str | None, bool]


def _keys(text: str, lang: str) -> set[Key]:
    sentences = split_sentences(text, PACKS[lang])
    return {(c.count, c.place, c.added) for c in document_claims(sentences, lang)}


def _analysed(text: str, lang: str) -> set[Key]:
    return {(c.count, c.place, c.added) for c in analyse(text, lang_hint=lang).claims}


# --- language: a configured language is not overturned by the names in a short text -----
@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Safeguard Defenders recense des antennes à Marseille, Toulon et Aix-en-Provence."),
    ("nl", "Safeguard Defenders vond nog eens politieposten, onder meer in Kroatië en Servië."),
])
def test_names_in_a_short_text_do_not_overturn_the_hint(lang: str, text: str) -> None:
    assert detect_language(text, hint=lang) == lang


def test_without_a_hint_english_names_still_read_as_the_text_says() -> None:
    assert detect_language("The Safeguard Defenders report names stations in Lyon and "
                           "Marseille, the ministry said on Tuesday.") == "en"
