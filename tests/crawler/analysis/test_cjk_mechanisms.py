"""Mechanisms of the CJK claim reader found on real coverage: headline segments,
indefinite articles before 'located in', counted nouns that are not the facilities,
increments said after the object. Our own sentences."""

from __future__ import annotations

from crawler.analysis.document import analyse

Key = tuple[int, str | None, bool]


def _keys(text: str, lang: str) -> set[Key]:
    return {(c.count, c.place, c.added) for c in analyse(text, lang_hint=lang).claims}


def test_an_ellipsis_ends_a_headline_segment_and_its_place() -> None:
    # the country of the second segment is not the host of the worldwide figure
    assert _keys("中 해외 비밀경찰서 102곳 운영 의혹…일본에도 있다", "ko") == {(102, None, False)}
    assert _keys("中国海外警察站多达102个……日本也有", "zh") == {(102, None, False)}
