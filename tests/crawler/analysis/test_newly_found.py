""""48 newly found stations": an adverb of novelty before the participle makes the count
an increment, in every European language, as "48 new stations" does."""

from __future__ import annotations

import pytest

from crawler.analysis.claims import document_claims
from crawler.analysis.langs import PACKS
from crawler.analysis.text import split_sentences


def _keys(text: str, lang: str) -> set[tuple[int, str | None, bool]]:
    sentences = split_sentences(text, PACKS[lang])
    return {(c.count, c.place, c.added) for c in document_claims(sentences, lang)}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "After the first 54, the group now lists 37 newly identified police stations abroad."),
    ("de", "Nach den ersten 54 nennt die Gruppe nun 37 neu entdeckte Polizeistationen im Ausland."),
    ("nl", "Na de eerste 54 noemt de groep nu 37 nieuw ontdekte politieposten in het buitenland."),
])
def test_newly_found_is_an_increment(lang: str, text: str) -> None:
    keys = _keys(text, lang)
    assert (37, None, True) in keys
    assert (37, None, False) not in keys
