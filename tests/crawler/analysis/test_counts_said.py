"""How a count is said: "the 54 already named" counts the known set, a bare count said of
requests or arrests after a verb counts them. Our own sentences."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse


@pytest.mark.parametrize(("lang", "text", "want"), [
    # "alle" (a + le) is a definite article too, and "già" may stand before the verb
    ("it", "La ong ha trovato altre 48 stazioni di polizia cinesi, oltre alle 54 già indicate "
           "in estate.", {(48, None, True), (54, None, False)}),
    # requests, not stations, were four
    ("it", "Il ministro ha parlato delle 11 stazioni di polizia cinesi in Italia. A Padova le "
           "domande ricevute sono state solo quattro.", {(11, "IT", False)}),
    ("en", "The minister spoke about the 11 Chinese police stations in Italy. In Padua the "
           "requests were only four.", {(11, "IT", False)}),
])
def test_what_a_count_is_said_of(lang: str, text: str,
                                  want: set[tuple[int, str | None, bool]]) -> None:
    assert {(c.count, c.place, c.added) for c in analyse(text, lang_hint=lang).claims} == want


@pytest.mark.parametrize(("lang", "text", "want"), [
    # a party, a year, a channel, a ten-point plan: labels, not counts
    ("nl", "De politie vond geen Chinees politiebureau, schrijft de burgemeester aan D66. "
           "China had er twee in Nederland.", {(2, "NL")}),
    ("en", "(Wire, Dec 21 '24) – A man who ran a secret Chinese police station in Manhattan "
           "pleaded guilty.", set()),
    ("es", "Tres comisarías chinas estarían en Cataluña, según avanzó el canal 324.",
     {(3, "ES")}),
    ("pt", "O ministro negou as esquadras chinesas secretas e apoia a proposta de dez pontos "
           "de Kiev.", set()),
    # a quoted count is still a count
    ("ko", "보고서가 지목한 일본 내 중국 경찰 거점은 '2곳'이다.", {(2, "JP")}),
    # addresses, "centrali", and the Belpaese
    ("pt", "A ONG diz que a polícia chinesa tem três moradas em Portugal.", {(3, "PT")}),
    ("it", "La procura indaga su due centrali di polizia cinesi aperte in Olanda.", {(2, "NL")}),
    ("it", "Secondo la ong, undici centri cinesi sarebbero nel Belpaese.", {(11, "IT")}),
])
def test_labels_and_nouns(lang: str, text: str, want: set[tuple[int, str | None]]) -> None:
    assert {(c.count, c.place) for c in analyse(text, lang_hint=lang).claims} == want


def test_others_that_complete_a_total_are_its_parts() -> None:
    text = ("China tiene más de 100 comisarías en el mundo, al menos 7 de ellas en América "
            "Latina. Hay dos en Perú y una en Bolivia. En la costa atlántica hay otras cuatro: "
            "tres en Brasil y una en Uruguay.")
    got = {(c.count, c.place, c.added) for c in analyse(text, lang_hint="es").claims}
    assert (4, None, False) in got and (3, "BR", False) in got
    assert not any(added for _, _, added in got)


def test_a_further_count_after_a_first_batch_is_still_new() -> None:
    text = ("The report says 30 Chinese police stations were set up in 21 countries at first. "
            "Safeguard Defenders has since identified a further 24.")
    got = {(c.count, c.added) for c in analyse(text, lang_hint="en").claims}
    assert (24, True) in got
