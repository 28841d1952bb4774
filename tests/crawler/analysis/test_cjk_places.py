"""Places in Chinese, Korean and Japanese counts: an NGO's seat is not a host, a count
that says where it is right after it ("两个在荷兰") is there, and the count after it
("英国和加拿大各有3个") does not take its place. Our own sentences."""

from __future__ import annotations

import pytest

from crawler.analysis.document import analyse

CASES = [
    ("zh", "总部位于西班牙的人权组织称，中国在各地设有54个海外警察站，其中两个在荷兰，英国和加拿大各有3个。",
     {(54, None), (2, "NL"), (3, "GB"), (3, "CA")}),
    ("zh", "据西班牙非政府组织统计，中国在全球设有54个海外警察站，其中有2个在荷兰。",
     {(54, None), (2, "NL")}),
    ("ko", "스페인에 본부를 둔 인권 단체는 중국이 해외 비밀경찰서 102곳을 운영하며 국내에서도 1곳이 운영 중이라고 밝혔다.",
     {(102, None), (1, "KR")}),
    ("ko", "스페인 인권단체에 따르면 중국 비밀경찰서 가운데 2곳이 국내에 있다.", {(2, "KR")}),
    ("ja", "スペインに本部を置く人権団体によると、中国の海外警察拠点は国内に2カ所ある。", {(2, "JP")}),
]


@pytest.mark.parametrize(("lang", "text", "want"), CASES)
def test_seat_of_the_source_and_located_counts(lang: str, text: str,
                                               want: set[tuple[int, str | None]]) -> None:
    result = analyse(text, lang_hint=lang)
    assert {(c.count, c.place) for c in result.claims} == want


def test_a_korean_count_then_its_place() -> None:
    text = ("인권단체는 중국이 53개국에 해외 경찰서 102곳을 세웠다고 했는데, 이 가운데 가장 많은 11곳이 "
            "이탈리아에 있다.")
    assert {(c.count, c.place) for c in analyse(text, lang_hint="ko").claims} == {(102, None),
                                                                               (11, "IT")}


def test_an_increment_said_after_the_noun() -> None:
    text = "人権団体は、中国の公安当局が少なくとも48カ所の海外警察署を新たに設けていたと発表した。"
    assert {(c.count, c.added) for c in analyse(text, lang_hint="ja").claims} == {(48, True)}


@pytest.mark.parametrize(("lang", "text", "want"), [
    # "a service station" is no count; "one each" is
    ("zh", "荷兰媒体称中方设有两个警察站。西班牙各地侨团也提出要设立一个服务站。", {(2, "NL")}),
    ("zh", "中国在全球设有54个海外警察中心。阿姆斯特丹和鹿特丹各设有一个此类据点。",
     {(54, None), (1, "NL")}),
    # two provinces' bureaus: provinces, not stations
    ("ja", "中国の2つの省の公安局が21カ国に計54の海外警察サービスセンターを設けた。", {(54, None)}),
])
def test_articles_and_other_nouns_after_a_counter(lang: str, text: str,
                                                  want: set[tuple[int, str | None]]) -> None:
    assert {(c.count, c.place) for c in analyse(text, lang_hint=lang).claims} == want
