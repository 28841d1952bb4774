"""A count followed by what happened to people ("Two arrested in ...", "Three held over ...")
counts those people: the facility named later in the headline is not its noun."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse


@pytest.mark.parametrize("text", [
    "Two arrested in Boston over alleged Chinese police outpost",
    "Three held in Cork over secret Chinese police station",
    "Two accused of running an undeclared Chinese police station in Chicago",
    "Four detained in Milan over Chinese police service station",
    "Two indicted in Brooklyn over secret Chinese police station",
])
def test_a_count_of_people_is_no_count_of_stations(text: str) -> None:
    assert list(analyse(text, lang_hint="en").claims) == []


@pytest.mark.parametrize(("text", "place"), [
    ("Two suspected Chinese police stations in Dublin", "IE"),
    ("Two alleged Chinese police outposts were found in Boston", "US"),
])
def test_participles_that_describe_the_stations_still_count(text: str, place: str) -> None:
    claims = analyse(text, lang_hint="en").claims
    assert [(c.count, c.place) for c in claims] == [(2, place)]
