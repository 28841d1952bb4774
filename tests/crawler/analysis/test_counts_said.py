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
