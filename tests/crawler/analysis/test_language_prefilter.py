"""The function-word prefilter of language detection: it decides only clear cases, and
agrees with lingua on them (our own paragraphs, one per language)."""

from __future__ import annotations

import pytest

from crawler.analysis.language import _by_function_words, _detector, detect_language

PARAGRAPHS = {
    "en": "The ministry said that the offices had been closed after a review, and that the "
          "people who ran them were questioned by officers from the national police.",
    "fr": "Le ministère a indiqué que les bureaux avaient été fermés après une enquête et que "
          "les personnes qui les géraient ont été entendues par la police.",
    "es": "El ministerio dijo que las oficinas fueron cerradas tras una revisión y que las "
          "personas que las dirigían también fueron interrogadas por la policía.",
    "pt": "O ministério disse que os escritórios foram fechados após uma revisão e que as "
          "pessoas que os geriam também foram ouvidas pela polícia em Lisboa.",
    "de": "Das Ministerium teilte mit, dass die Büros nach einer Prüfung geschlossen wurden und "
          "die Betreiber von der Polizei befragt worden sind.",
    "it": "Il ministero ha detto che gli uffici sono stati chiusi dopo una verifica e che le "
          "persone che li gestivano sono state sentite dalla polizia nella capitale.",
    "nl": "Het ministerie zei dat de kantoren na een onderzoek zijn gesloten en dat de mensen "
          "die ze runden door de politie zijn ondervraagd, maar er is geen aanklacht.",
}


@pytest.mark.parametrize("lang", sorted(PARAGRAPHS))
def test_clear_text_is_decided_without_lingua_and_lingua_agrees(lang: str) -> None:
    text = PARAGRAPHS[lang]
    assert _by_function_words(text) == lang
    assert detect_language(text) == lang
    best = _detector().detect_language_of(text)
    assert best is not None and best.iso_code_639_1.name.lower() == lang


@pytest.mark.parametrize("text", ["Madrid, Barcelona, Valencia", "Polizeistationen in Europa",
                                  "The list of stations in Europe and in Asia"])
def test_little_or_mixed_text_is_left_to_lingua(text: str) -> None:
    assert _by_function_words(text) is None
