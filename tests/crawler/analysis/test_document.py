"""analyse() on whole documents: the issue's acceptance check, in our own words."""

from __future__ import annotations

from crawler.analysis.document import analyse
from crawler.analysis.types import Analysis

# Our paraphrase of the facts the issue lists (not the seed's text).
ACCEPTANCE = """\
Menu
Font size
Beijing accused of running over 100 illegal 'overseas police stations'

[World desk] A human rights group based in Madrid, Spain, said on Sunday it had identified 48 additional 'Overseas 110 Service Stations' run by Chinese police.

Its new report puts the total at more than 102 such facilities in over 53 countries, organised into four regional zones according to where they are hosted.

Last September the group first exposed 54 secret overseas police stations operating under the 'Overseas 110' name, saying they were used to watch and pressure Chinese citizens abroad.

The report describes how one Chinese national each in Serbia and Spain went back to China after sustained pressure.

In China, '110' is the number to call the police, much like '112' in Europe.

Share this story
Top 10 stories
"""


def _claims(result: Analysis) -> list[tuple[int, str, str | None, bool, int | None, int | None]]:
    return sorted((c.count, c.qualifier, c.place, c.added, c.countries, c.cities) for c in result.claims)


def test_acceptance_claims_are_exactly_these() -> None:
    result = analyse(ACCEPTANCE)
    assert result.relevant and result.lang == "en"
    assert _claims(result) == [
        (48, "exact", None, True, None, None),
        (54, "exact", None, False, None, None),
        (100, "more_than", None, False, None, None),
        (102, "more_than", None, False, 53, None),
    ]


def test_title_is_read_as_first_sentence() -> None:
    body = "Police in several countries are looking into the overseas police stations."
    assert analyse(body).claims == ()
    result = analyse(body, title="China runs over 100 overseas police stations, group says")
    assert [(c.count, c.qualifier) for c in result.claims] == [(100, "more_than")]
    assert result.claims[0].evidence.startswith("China runs over 100")


def test_irrelevant_documents_have_no_claims() -> None:
    text = "The city will close 3 police stations and open 2 new ones next year."
    result = analyse(text)
    assert not result.relevant and result.claims == ()


def test_to_dict_has_the_contract_shape() -> None:
    d = analyse(ACCEPTANCE).to_dict()
    assert list(d) == ["relevant", "score", "lang", "claims"]
    assert list(d["claims"][0]) == ["count", "qualifier", "place", "city", "added", "countries",
                                    "cities", "evidence"]


def test_korean_document() -> None:
    text = ("중국이 해외에 비밀경찰서를 운영하고 있다는 의혹이 커지고 있다. "
            "인권단체는 53개국에서 102곳 이상의 비밀경찰서를 확인했다고 밝혔다. "
            "이 단체는 지난해 비밀경찰서 54곳을 공개한 데 이어 48곳을 추가로 찾아냈다. "
            "한국에서도 서울의 한 중식당이 비밀경찰서로 의심받고 있다.")
    result = analyse(text)
    assert result.relevant and result.lang == "ko"
    got = sorted((c.count, c.qualifier, c.place, c.added, c.countries) for c in result.claims)
    assert got == [(48, "exact", None, True, None), (54, "exact", None, False, None),
                   (102, "more_than", None, False, 53)]
