""""One of them is in X": after a total, a single member placed in a host country is a
count of one for that country (field3 README), also when a singular verb ("está",
"se trouve", "befindet sich", "is located") stands between the pronoun and the place.
"One of the stations" with no place stays a membership, not a count."""

from __future__ import annotations

import pytest

from crawler.analysis.claims import document_claims
from crawler.analysis.langs import PACKS
from crawler.analysis.text import split_sentences


def _keys(text: str, lang: str) -> set[tuple[int, str | None, bool]]:
    sentences = split_sentences(text, PACKS[lang])
    return {(c.count, c.place, c.added) for c in document_claims(sentences, lang)}


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "La ONG atribuye a la policía china 54 comisarías en 21 países; una de ellas está en Lisboa."),
    ("es", "La ONG atribuye a la policía china 54 comisarías en 21 países, y una de esas oficinas "
           "estaría en Lisboa."),
    ("pt", "A ONG atribui à polícia chinesa 54 esquadras em 21 países; uma delas fica em Lisboa."),
    ("pt", "A ONG atribui à polícia chinesa 54 esquadras em 21 países; um desses escritórios está "
           "localizado em Lisboa."),
    ("fr", "L'ONG attribue à la police chinoise 54 antennes dans 21 pays, dont l'une se trouve à Lisbonne."),
    ("it", "La ONG attribuisce alla polizia cinese 54 stazioni in 21 paesi, una delle quali si trova a Lisbona."),
    ("en", "The NGO says Chinese police run 54 stations in 21 countries, one of them being located in Lisbon."),
])
def test_one_of_them_placed_with_a_verb_counts_one(lang: str, text: str) -> None:
    keys = _keys(text, lang)
    assert (1, "PT", False) in keys
    assert (54, None, False) in keys


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "La comisaría de Lisboa es una de las oficinas señaladas por la ONG."),
    ("pt", "O escritório de Lisboa é um dos postos apontados pela ONG."),
    ("en", "The Lisbon office is one of the stations named by the NGO."),
])
def test_membership_without_a_count_stays_silent(lang: str, text: str) -> None:
    assert not {k for k in _keys(text, lang) if k[0] == 1}


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "La ONG atribuye 54 comisarías a China en el mundo. Una de esas oficinas está en Vigo. "
           "En España serían nueve en total."),
    ("it", "Sono 54 le stazioni nel mondo, e una di queste avrebbe sede a Milano. In Italia sono undici."),
])
def test_a_member_of_a_country_already_counted_adds_no_one(lang: str, text: str) -> None:
    assert not {k for k in _keys(text, lang) if k[0] == 1}


def test_a_member_of_the_country_set_counts_one() -> None:
    text = "The NGO lists four such stations in Britain. One of those stations is in Belfast."
    assert (1, "GB", False) in _keys(text, "en")


def test_a_member_placed_nowhere_known_is_no_count() -> None:
    text = "Sono 54 le stazioni nel mondo, e una di queste avrebbe sede a Pizzolungo di Sotto."
    assert _keys(text, "it") == {(54, None, False)}


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die Behörden in Hessen prüfen, ob es in Kassel ein als Polizeistation genutztes Büro "
           "der chinesischen Regierung gibt."),
    ("pt", "A polícia verifica se em Braga há uma associação que funciona como esquadra chinesa."),
])
def test_an_article_before_as_is_no_count(lang: str, text: str) -> None:
    assert not _keys(text, lang)
