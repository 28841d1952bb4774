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


def test_one_with_an_article_counter_located_somewhere_is_no_count() -> None:
    text = ("纽约一栋办公楼里，一家位于四楼的机构据称是中国在当地开设的海外警察站，"
            "各国情报人员说全球这样的警察站有100多个。")
    assert _keys(text, "zh") == {(100, None, False)}
    # a part of a set said with 其中 still counts
    assert (1, "NL", False) in _keys("中国在全球设有54个海外警察站，其中一个位于荷兰。", "zh")


def test_a_count_of_bureaus_running_the_stations_is_no_count() -> None:
    text = "단체는 푸젠성과 저장성, 장쑤성의 4개 공안국이 해외 비밀경찰서를 나눠 운영한다고 밝혔다."
    assert _keys(text, "ko") == set()


def test_locations_found_in_addition_are_stations() -> None:
    text = ("중국 비밀경찰서 의혹을 제기한 단체가 이번에 37개 지역을 추가로 찾아내면서, 해외 경찰서는 "
            "모두 91곳으로 늘었다.")
    assert _keys(text, "ko") == {(37, None, True), (91, None, False)}
    # regions and zones stay no count
    assert _keys("중국 공안은 해외 비밀경찰서를 4개 지역으로 나눠 관리한다.", "ko") == set()



def test_an_increase_to_a_figure_is_a_total() -> None:
    assert _keys("据统计，海外警察站由38个增加到75个。", "zh") == {(38, None, False), (75, None, False)}
    assert _keys("据统计，海外警察站新增至75个。", "zh") == {(75, None, False)}
    # an increase by a figure stays an increment
    assert _keys("据统计，海外警察站增加了37个。", "zh") == {(37, None, True)}


def test_newly_found_said_after_the_counted_object() -> None:
    assert _keys("단체는 해외 비밀경찰서 37곳의 존재를 새로 확인했다고 밝혔다.", "ko") == {(37, None, True)}
    assert _keys("同団体は、中国の海外警察拠点37カ所の存在を新たに確認した。", "ja") == {(37, None, True)}
    # the new ones are the later count
    assert _keys("단체는 기존 비밀경찰서 50곳 외에 새로 확인된 37곳을 공개했다.", "ko") == {
        (50, None, False), (37, None, True)}


def test_a_rise_said_with_a_suffix() -> None:
    assert _keys("中国の海外警察拠点は、前回の報告から37カ所増の91カ所に上る。", "ja") == {
        (37, None, True), (91, None, False)}


def test_a_party_congress_is_no_count() -> None:
    text = "中共20大之后，据悉中国在全球设立至少54个海外警察服务站，其中3个位于大多伦多。"
    assert _keys(text, "zh") == {(54, None, False), (3, "CA", False)}
    assert _keys("二十大召开前夕，中国海外警察站增至75个。", "zh") == {(75, None, False)}


def test_japanese_numerals_with_a_bare_hundred() -> None:
    text = "人権団体は、中国が世界53カ国の百二ヶ所に秘密警察拠点を設けていると公表した。"
    assert _keys(text, "ja") == {(102, None, False)}


def test_a_japanese_ordinal_counter_is_no_count() -> None:
    text = "中国の秘密警察拠点の3カ所目は名古屋にあるとされる。2つ目の拠点は福岡にある。"
    assert _keys(text, "ja") == set()



_KO_CORRECTION = ("[바로잡습니다] 지난 기사에서 중국 비밀경찰서가 '38곳' 추가로 확인됐다고 적었으나 "
                  "'37곳'이 맞습니다.")
_ZH_CORRECTION = "【更正】本报前日报道称新报告发现“38个”新的海外警察站，有误，应为37个。"


def test_a_correction_takes_back_the_wrong_figure() -> None:
    assert {k[0] for k in _keys(_KO_CORRECTION, "ko")} == {37}
    assert {k[0] for k in _keys(_ZH_CORRECTION, "zh")} == {37}
    # a report that "wrote" a figure is no correction
    assert _keys("보고서는 중국이 해외 비밀경찰서 91곳을 운영한다고 적었다.", "ko") == {(91, None, False)}


def test_a_correction_keeps_the_corrected_figure_an_increment() -> None:
    assert _keys(_KO_CORRECTION, "ko") == {(37, None, True)}
    assert _keys(_ZH_CORRECTION, "zh") == {(37, None, True)}


def test_respectively_with_a_verb_before_the_counts() -> None:
    text = "据报道，奥地利和瑞典已分别关闭了3个和1个中国海外警察站。"
    assert _keys(text, "zh") == {(3, "AT", False), (1, "SE", False)}


def test_respectively_said_after_a_list_of_counts() -> None:
    ko = "오스트리아와 스웨덴은 중국 비밀경찰서 3곳과 1곳을 각각 폐쇄했다."
    assert _keys(ko, "ko") == {(3, "AT", False), (1, "SE", False)}
    ja = "中国の警察拠点は、オーストリアとスウェーデンで3カ所、1カ所がそれぞれ閉鎖された。"
    assert _keys(ja, "ja") == {(3, "AT", False), (1, "SE", False)}
    ja2 = "オーストリアとスウェーデンは、それぞれ3カ所と1カ所の中国の警察拠点を閉鎖させた。"
    assert _keys(ja2, "ja") == {(3, "AT", False), (1, "SE", False)}


def test_a_home_or_own_place_is_nearer_than_a_worldwide_frame() -> None:
    ko = "중국이 전 세계 40개국에 80곳의 비밀경찰서를 운영한다는 의혹 속에 국내에서도 1곳이 지목됐다."
    assert _keys(ko, "ko") == {(80, None, False), (1, "KR", False)}
    ko2 = "중국 비밀경찰서 의혹…\"세계 80곳 중 7곳은 프랑스\""
    assert _keys(ko2, "ko") == {(80, None, False), (7, "FR", False)}


def test_home_words_in_a_story_about_another_country() -> None:
    ja = ("[シドニー 8日 ロイター] オーストラリアの内相は8日、中国の秘密警察拠点について声明を出した。"
          "同内相は議会への書面で、人権団体が主張する国内2拠点を警察が調べたが、違法な活動の証拠は"
          "なかったと述べた。")
    assert _keys(ja, "ja") == {(2, "AU", False)}
    # a story that names the home country keeps it
    ja2 = "日本政府は、中国の秘密警察拠点について調べている。国内には2カ所あるとされる。"
    assert _keys(ja2, "ja") == {(2, "JP", False)}


def test_kana_of_grammar_is_no_city() -> None:
    from crawler.analysis.langs import pack_for
    from crawler.analysis.places import find_places

    text = "拠点はすでに閉鎖済みと報告された。"
    assert [m.place for m in find_places(text, pack_for("ja"))] == []


def test_a_short_cjk_answer_takes_the_country_of_its_question() -> None:
    text = "中国の秘密警察拠点はオーストリアにいくつあるのか。報告書では3カ所とされる。"
    assert _keys(text, "ja") == {(3, "AT", False)}


def test_this_figure_frames_a_bare_total() -> None:
    text = ("该市公安局今年初在海外首批挂牌了20个警侨服务站，分布在15个国家。"
            "到年底，这一数字已经变成26个。")
    assert _keys(text, "zh") == {(20, None, False), (26, None, False)}


def test_one_each_before_a_demonstrative_noun_counts() -> None:
    text = "奥地利媒体披露，维也纳和格拉茨各有一个这种非官方的警察哨所。"
    assert _keys(text, "zh") == {(1, "AT", False)}


def test_an_example_list_earlier_in_the_clause_does_not_unplace_a_later_count() -> None:
    text = ("단체는 호주, 뉴질랜드, 인도 등에서 중국 비밀경찰서 37개를 새로 확인했으며 "
            "호주에선 3곳이 운영 중인 것으로 전해졌다.")
    keys = _keys(text, "ko")
    assert (37, None, True) in keys and any(k[:2] == (3, "AU") for k in keys)


def test_home_words_stay_home_when_the_lead_is_about_home() -> None:
    text = ("인권단체는 지난달 중국 공안이 국내에도 비밀경찰 조직을 한 곳 운영한다고 했다. "
            "일본 외무성도 도쿄 등 2곳의 비밀경찰서를 확인했다고 밝혔다. 일본 정부는 중국에 항의했다.")
    assert _keys(text, "ko") == {(1, "KR", False), (2, "JP", False)}


def test_home_words_after_a_sentence_about_another_country() -> None:
    text = ("内相、秘密警察拠点は閉鎖済みと報告\n"
            "[ウィーン 6日 ロイター] オーストリアの内相は6日、中国の非公式警察署が閉鎖されたと明らかにした。"
            "同氏は議会への書面で、人権団体が主張する国内3拠点を警察が調べたと説明した。")
    assert _keys(text, "ja") == {(3, "AT", False)}


def test_police_posts_and_canada_as_canadian_chinese_papers_write_them() -> None:
    text = ("人權組織再度發表報告，指稱再發現最少37個該類警崗，當中兩個設在加國，最少一個在溫哥華。"
            "該組織曾指全球有50個警崗。")
    keys = _keys(text, "zh")
    assert {(37, None, True), (50, None, False)} <= keys
    assert (2, "CA", True) in keys and all(k[1] in (None, "CA") for k in keys)


def test_a_count_right_after_two_joined_countries_is_of_both() -> None:
    assert _keys("보고서에 따르면 중국 비밀경찰서는 호주와 뉴질랜드에만 5곳이 있다.", "ko") == {
        (5, None, False)}
    # one each keeps a count per country
    assert _keys("보고서에 따르면 중국 비밀경찰서는 호주와 뉴질랜드에 각각 2곳이 있다.", "ko") == {
        (2, "AU", False), (2, "NZ", False)}


def test_our_country_is_the_home_country() -> None:
    ja = "政府は答弁書で、中国の警察拠点について「我が国に所在するとされる二つの拠点」の実態把握に努めるとした。"
    assert _keys(ja, "ja") == {(2, "JP", False)}
    ko = "국정원은 중국 비밀경찰서로 의심되는 곳이 우리나라에도 두 곳 있다고 보고했다."
    assert _keys(ko, "ko") == {(2, "KR", False)}


def test_a_count_of_police_jurisdictions_is_no_count() -> None:
    text = "该组织表示，已确定中国公安部旗下3个不同的警察管辖区在至少40个国家设立海外警察站。"
    assert _keys(text, "zh") == set()
    assert _keys("報告列出設立海外警察站的3個執法管轄區。", "zh") == set()
