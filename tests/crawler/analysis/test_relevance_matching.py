"""How relevance finds its words: accents either way, and a word not hidden by a match
that started inside the word before it. Our own sentences."""

from __future__ import annotations

from crawler.analysis.document import analyse
from crawler.analysis.signals import normalise


def test_a_stem_without_accents_finds_the_word_with_them() -> None:
    # the pack writes "chines..." for chinês / chinesa / chineses; and "os" at the end of
    # "indícios" must not swallow "estas esquadras"
    text = ("Segundo o deputado, em Portugal haverá duas: no Porto e em Faro.\n\n"
            "Há indícios que estas esquadras respondem ao Partido Comunista Chinês, disse.")
    result = analyse(text, lang_hint="pt")
    assert result.relevant
    assert [(c.count, c.place) for c in result.claims] == [(2, "PT")]


def test_normalising_keeps_offsets() -> None:
    text = "Polícia «chinesa» em Évora"
    assert len(normalise(text)) == len(text)
    assert normalise(text) == "policia  chinesa  em evora"


def test_the_claims_prefilter_is_not_hidden_either() -> None:
    import re

    from crawler.analysis.lexicon import has_word

    pattern = re.compile(r"(?:os|estas)\s+(?:\S+\s+){0,2}?esquadras")
    assert has_word(pattern, "indicios que estas esquadras")
    assert not has_word(pattern, "indicios que esquadras")
