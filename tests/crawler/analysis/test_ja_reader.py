"""Japanese claim shapes read from real coverage, in our own sentences."""

from __future__ import annotations

from crawler.analysis.document import analyse


def _read(text: str) -> set[tuple[int, str | None, str, bool]]:
    return {(c.count, c.place, c.qualifier, c.added) for c in analyse(text, lang_hint="ja").claims}


def test_a_total_risen_to_with_amari_is_not_an_increment() -> None:
    # "余り" after the counter is one qualifier; the "に増えた" after it makes a total
    text = "人権団体の調べでは、中国の海外警察拠点は世界で120カ所余りに増えたという。"
    assert _read(text) == {(120, None, "more_than", False)}


def test_a_count_of_110_sites_is_not_the_emergency_number() -> None:
    # "海外" a few words before "110カ所" is not the "海外110" name: the counter makes it a count
    text = "中国の海外警察拠点が世界に110カ所あると報じられた。"
    assert _read(text) == {(110, None, "exact", False)}


def test_the_overseas_110_name_is_still_no_count() -> None:
    text = "中国の警察拠点「海外110」は、東京にもあるとされる。"
    assert _read(text) == set()


def test_as_many_as_mono_links_a_bare_number_to_its_noun() -> None:
    # "54もの…警察組織": "もの" (as many as) joins the number to the noun like "の"
    text = "人権団体の報告書は、中国が各国に54もの秘密の警察組織を置いたと指摘した。"
    assert _read(text) == {(54, None, "exact", False)}


def test_as_many_as_mono_before_people_is_no_count() -> None:
    text = "中国の海外警察拠点を巡り、各国で54もの人が取り調べを受けた。"
    assert _read(text) == set()


def test_ten_odd_is_more_than_ten_not_exactly_ten() -> None:
    # "十数カ所" is "ten-odd": more than 10, like the Chinese "十几个"
    text = "中国の海外警察拠点は、欧州の各国に十数カ所あると報じられた。"
    assert _read(text) == {(10, None, "more_than", False)}



def test_tsu_no_before_a_noun_that_is_no_facility_counts_something_else() -> None:
    # "3つの点", "2つの理由": the counter counts points or reasons, not sites
    text = "中国の海外警察拠点について、官房長官は「2つの理由で懸念している」と述べた。"
    assert _read(text) == set()


def test_tsu_no_before_a_facility_noun_still_counts() -> None:
    text = "人権団体によると、中国はオランダに2つの非公式な警察署を置いていた。"
    assert _read(text) == {(2, "NL", "exact", False)}


def test_related_premises_searched_are_no_count_of_stations() -> None:
    # "関係先Nカ所": premises tied to a case (searched, raided), not the stations
    text = "中国の海外警察拠点を巡り、警視庁は都内のビルなど関係先4カ所を捜索した。"
    assert _read(text) == set()


def test_one_of_the_sites_in_digits_is_membership_not_a_count() -> None:
    # "拠点の1つ" with a digit is the same "one of them" as "拠点の一つ"
    text = "福岡のビルは、人権団体が挙げた中国の海外警察拠点の1つだとされる。"
    assert _read(text) == set()


def test_an_increment_marker_does_not_reach_over_an_earlier_count() -> None:
    # headline: "新たに" belongs to the first count; the total after the space is no increment
    text = "中国の海外警察拠点　新たに３０カ所　計８４カ所に"
    assert _read(text) == {(30, None, "exact", True), (84, None, "exact", False)}


def test_tsuika_no_before_a_count_is_an_increment() -> None:
    text = "中国の海外警察拠点について、人権団体は追加の３０カ所を報告書で示した。"
    assert _read(text) == {(30, None, "exact", True)}


def test_chikaku_after_the_counter_is_up_to() -> None:
    text = "中国の海外警察拠点は、世界で７０カ所近くに上るとの見方がある。"
    assert _read(text) == {(70, None, "up_to", False)}


def test_two_comma_three_is_a_range_read_by_its_lower_bound() -> None:
    # "二、三カ所" is "two or three": the lower bound, at least
    text = "中国の海外警察拠点は、名古屋にも二、三カ所あるとの情報がある。"
    assert _read(text) == {(2, "JP", "at_least", False)}


def test_counts_of_two_countries_in_a_list_are_no_range() -> None:
    text = "中国の海外警察拠点は、オランダに2カ所、ドイツに3カ所あるとされる。"
    assert _read(text) == {(2, "NL", "exact", False), (3, "DE", "exact", False)}
