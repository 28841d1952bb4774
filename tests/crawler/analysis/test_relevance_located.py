"""China's own police, in our own words: a police station said to be in China ("in
Beijing", "a Pechino", "em Pequim", "in de provincie") is domestic Chinese police news, and
China there is a place, not the state running a police abroad."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Officers from a Balkan police force toured police stations in Beijing and Shanghai "
           "last week to learn how neighbourhood policing works there, state television said."),
    ("it", "Alcuni agenti della polizia italiana hanno visitato diversi commissariati a "
           "Pechino per studiare il modello cinese di controllo del territorio."),
    ("pt", "Agentes da polícia portuguesa visitaram esquadras em Pequim para conhecer o modelo "
           "chinês de policiamento de bairro."),
    ("nl", "Boze dorpelingen hebben een politiebureau in de Chinese provincie Guangdong "
           "bestormd nadat een visser in een cel was overleden."),
    ("fr", "Des habitants en colère ont encerclé un commissariat à Canton, en Chine, après la "
           "mort d'un vendeur de rue en garde à vue."),
])
def test_police_stations_inside_china_are_not_the_story(lang: str, text: str) -> None:
    assert not analyse(text, lang_hint=lang).relevant


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Police in Fuzhou ran an outpost in Dublin that Irish officials have now ordered "
           "shut."),
    ("it", "La stazione di polizia cinese aperta a Prato era gestita dalla polizia di Fuzhou."),
    ("pt", "As esquadras chinesas em Lisboa e no Porto seriam geridas pela polícia de Qingtian."),
    ("en", "Investigators say the men worked for a secret Chinese police station in Manhattan."),
])
def test_the_stations_abroad_still_read(lang: str, text: str) -> None:
    assert analyse(text, lang_hint=lang).relevant
