"""Per-language word lists (regex fragments) for Chinese, Japanese and Korean.

No word boundaries here: these scripts run words together, so fragments match anywhere.
"counter_*" fragments are tried right after a number; "facility" anywhere in the phrase.
"""

from __future__ import annotations

# fmt: off
CJK: dict[str, dict[str, str]] = {
    "zh": {
        "here": r"境内|境內|该国|該國|其国内|其國內|本国|本國",
        "recount": r"确认|確認|发现|發現|记录|記錄|统计|統計|列出|披露|查明|共有|共计|共計",
        "facility": r"警察站|警务站|警務站|警务服务站|警務服務站|服务站|服務站|警察局|警局|派出所|联络站|聯絡站|联络处|聯絡處|办事处|辦事處|服务中心|服務中心|服务点|服務點|警侨|警僑|据点|據點|站点|站點|警察服务站|警察服務站|海外110|110站|分站|机构|機構|站",
        "counter_facility": r"个|個|所|处|處|家|座|间|間|站",
        "counter_countries": r"(?:个|個)?(?:国家|國家|国|國)",
        "counter_cities": r"(?:个|個|座)?(?:城市|市)",
        "counter_blocked": r"层|層|楼|樓|(?:个|個)?(?:大区|大區|片区|片區|区域|區域|地区|地區|区|區|省|洲|人|月)|名|位|人|年|月|日|天|岁|歲|元|美元|欧元|歐元|次|起|宗|件|条|條|项|項|倍|%|％|号|號|小时|小時|周|週|届|屆|万|萬|亿|億|分",
        "q_more_than": r"超过|超過|逾|多于|多於|高于|高於|超出",
        "q_at_least": r"至少|最少|不少于|不少於|起码|起碼|不下",
        "q_about": r"约|約|大约|大約|大概|估计|估計|近乎",
        "q_up_to": r"近|将近|將近|接近|多达|多達|高达|高達|最多|几乎|幾乎",
        "qa_more_than": r"以上|多",
        "qa_at_least": r"",
        "qa_about": r"左右|上下",
        "added_before": r"新增|新发现|新發現|又有|又|另外|另有|另|再|增加了|增加|增设|增設|追加|新设|新設|多出",
        "added_after": r"新的|新(?![增加发發设設])",
        "worldwide": r"全球|全世界|世界各地|五大洲|五個大洲|五个大洲",
        "other_org": r"华助|華助|孔子学院|孔子學院|统战|統戰|侨联|僑聯|同乡会|同鄉會|签证|簽證|领事|領事",
    },
    "ja": {
        "here": r"国内|同国|自国",
        "recount": r"確認|把握|特定|指摘|列挙",
        "facility": r"警察拠点|拠点|カ所|か所|ヶ所|ケ所|ヵ所|箇所|警察署|秘密警察署|派出所|事務所|サービスステーション|ステーション|施設|出先機関|警察|交番|連絡所|窓口|サービスセンター|センター",
        "counter_facility": r"カ所|か所|ヶ所|ケ所|ヵ所|箇所|個所|拠点|施設|つ",
        "counter_countries": r"カ国|か国|ヶ国|ケ国|ヵ国|箇国|国",
        "counter_cities": r"都市|市",
        "counter_blocked": r"階|人|名|年|月|日|円|ドル|件|歳|回|倍|%|％|時間|週間|地域|区域|ブロック|万|億|号",
        "q_more_than": r"超|余り",
        "q_at_least": r"少なくとも|最低|最低でも",
        "q_about": r"約|およそ|おおよそ|ほぼ",
        "q_up_to": r"最大|最多|最大で|近く",
        "qa_more_than": r"以上|超|余|あまり|を超える|を上回る",
        "qa_at_least": r"",
        "qa_about": r"程度|ほど|前後",
        "added_before": r"新たに|さらに|追加で|あらたに|新しく",
        "added_after": r"を追加|追加|増え|増加|が新たに|新た",
        "worldwide": r"世界|全世界|世界各地|5大陸|五大陸",
        "other_org": r"華助|孔子学院|統一戦線",
    },
    "ko": {
        "here": r"자국|국내",
        "recount": r"확인|파악|집계|지목",
        "facility": r"비밀\s?경찰서|경찰서|경찰\s?거점|거점|해외\s?경찰|서비스\s?센터|서비스\s?스테이션|서비스\s?스테이션|사무소|연락소|파출소|기지|센터|지부|스테이션|시설|경찰\s?서비스|곳",
        "counter_facility": r"곳|개소|군데",
        "counter_countries": r"개국|개\s?국가|개\s?나라|국가|나라",
        "counter_cities": r"개\s?도시|도시",
        "counter_blocked": r"층|명|년|월|일|원|달러|건|세|살|번|배|%|％|시간|주|개\s?구역|구역|권역|개\s?권역|지역|만|억|호|차례",
        "q_more_than": r"",
        "q_at_least": r"최소|적어도|최소한",
        "q_about": r"약|대략|대략적으로|어림",
        "q_up_to": r"최대|근|최고",
        "qa_more_than": r"이상|(?:이\s?)?넘는|(?:이\s?)?넘게|(?:이\s?)?넘어|초과|여|남짓|이상의",
        "qa_at_least": r"",
        "qa_about": r"가량|정도|쯤|안팎|내외",
        "qa_up_to": r"가까이|가까운|미만|이하",
        "added_before": r"추가로|추가|새로|새롭게|또|더|신규로",
        "added_after": r"더|을\s?추가|를\s?추가|추가|이\s?추가로|이\s?새로|을\s?새로|를\s?새로|새로|늘어|늘었",
        "worldwide": r"전\s?세계|세계\s?곳곳|세계|5개\s?대륙|전\s?세계적으로",
        "other_org": r"화조|공자학원|통일전선",
    },
}
# fmt: on
