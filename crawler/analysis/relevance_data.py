"""Built-in topic vocabulary per language, for relevance.py.

KEYWORDS are the default topic phrases ([topic.keywords] in the config replaces a
language's list); FACILITY, CHINA and ABROAD are the co-occurring signals read per sentence;
NEAR_MISS marks the neighbouring stories that must not count as coverage.
"""

from __future__ import annotations

# fmt: off
KEYWORDS: dict[str, tuple[str, ...]] = {
    "en": ("overseas police station", "chinese police station", "secret police station",
           "china's police station", "chinese overseas police", "overseas service station",
           "police service station", "110 overseas", "overseas 110", "shadow police station",
           "illegal police station", "undeclared police station", "chinese police outpost",
           "covert police station", "unofficial police station", "secret chinese police"),
    "fr": ("commissariats chinois", "commissariat chinois", "postes de police chinois",
           "poste de police chinois", "commissariats clandestins", "commissariat clandestin",
           "police chinoise à l'étranger", "110 overseas", "stations de police chinoises",
           "antennes de police chinoises", "bureaux de police chinois"),
    "es": ("comisarías chinas", "comisaría china", "comisarías ilegales", "comisarías clandestinas",
           "estaciones de policía chinas", "estación de policía china", "policía china en el extranjero",
           "110 overseas", "comisarías secretas", "puestos policiales chinos"),
    "pt": ("esquadras chinesas", "esquadra chinesa", "esquadras ilegais", "delegacias chinesas",
           "delegacia chinesa", "postos de polícia chineses", "polícia chinesa no estrangeiro",
           "110 overseas", "esquadras clandestinas", "estações de polícia chinesas",
           "esquadras secretas"),
    "de": ("chinesische polizeistation", "chinesischen polizeistation", "chinesische polizeiwache",
           "geheime polizeistation", "illegale polizeistation", "übersee-polizeistation",
           "chinesische polizeibüro", "chinesischen polizeibüro", "110 overseas",
           "polizeistationen chinas", "chinesische polizeistützpunkt", "chinesischen polizeiwache"),
    "it": ("stazioni di polizia cinesi", "stazione di polizia cinese", "commissariati cinesi",
           "commissariato cinese", "polizia cinese in italia", "stazioni di polizia clandestine",
           "stazioni di polizia non ufficiali", "110 overseas", "stazioni di polizia illegali",
           "posti di polizia cinesi", "stazioni cinesi", "stazione cinese", "presidio cinese",
           "presidi cinesi", "presidio di polizia cinese", "presidi di polizia cinesi"),
    "nl": ("chinese politiebureau", "chinese politiepost", "geheime politiebureau",
           "illegale politiebureau", "chinese politieposten", "110 overseas",
           "chinese steunpunt", "chinese politiestation", "politiebureaus van china"),
    "zh": ("海外警察站", "海外警务服务站", "海外警務服務站", "海外110", "海外服务站", "海外服務站",
           "警侨服务站", "警僑服務站", "秘密警察站", "海外警局", "海外警察局", "境外警察站",
           "海外警察服务站", "海外警察服務站", "海外派出所", "秘密警察局", "中国警察站",
           "中國警察站", "中国秘密警察站", "中國秘密警察站", "中國海外警察"),
    "ja": ("海外警察拠点", "秘密警察署", "海外派出所", "警察拠点", "海外110", "中国の警察署",
           "秘密警察拠点", "海外警察署", "非公式の警察署", "中国警察の拠点", "中国の警察拠点",
           "中国の秘密警察", "110オーバーシーズ"),
    "ko": ("비밀경찰서", "비밀 경찰서", "해외 경찰서", "해외 비밀 경찰서", "해외경찰서",
           "중국 경찰서", "해외 110", "비밀 경찰 거점", "비밀경찰 거점", "해외 비밀경찰서",
           "중국 경찰 거점", "중국의 비밀경찰", "중국 비밀경찰", "110 오버시즈"),
}

FACILITY: dict[str, str] = {
    "en": r"police\s+(?:service\s+)?(?:stations?|posts?|outposts?|cent(?:re|er)s?|offices?)(?![a-z])|service\s+stations?",
    "fr": r"commissariats?|postes?\s+de\s+police|stations?\s+de\s+police|antennes?\s+de\s+police|bureaux?\s+de\s+police",
    "es": r"comisarías?|estaci(?:ón|ones)\s+de\s+policía|puestos?\s+(?:policiales|de\s+policía)|oficinas?\s+de\s+policía",
    "pt": r"esquadras?|delegacias?|postos?\s+(?:de\s+polícia|policiais)|estaç(?:ão|ões)\s+de\s+polícia",
    "de": r"polizei\w*(?:station|wache|büro|posten|stützpunkt|zentr)\w*|servicestation\w*",
    "it": r"stazion[ei]\s+di\s+polizia|commissariat[oi]|posti?\s+di\s+polizia|centr[oi]\s+servizi",
    "nl": r"politie\w*(?:bureau|post|station|punt)\w*|steunpunt\w*",
    "zh": r"警察站|警务站|警務站|服务站|服務站|警局|警察局|派出所",
    "ja": r"警察拠点|警察署|派出所|拠点",
    "ko": r"경찰서|경찰\s?거점|거점",
}

CHINA: dict[str, str] = {
    "en": r"china|chinese|beijing|prc|ccp|fuzhou|qingtian|nantong|wenzhou",
    "fr": r"chine|chinois\w*|pékin|pcc|fuzhou|qingtian|wenzhou|nantong",
    "es": r"china|chin[oa]s?|pekín|pcch|fuzhou|qingtian|wenzhou|nantong",
    "pt": r"china|chines\w*|pequim|fuzhou|qingtian|wenzhou|nantong",
    "de": r"china|chines\w*|peking|kp|fuzhou|qingtian|wenzhou|nantong",
    "it": r"cina|cines\w*|pechino|fuzhou|qingtian|wenzhou|nantong",
    "nl": r"china|chine\w*|peking|fuzhou|qingtian|wenzhou|nantong",
    "zh": r"中国|中國|中共|北京|福州|青田|南通|温州|溫州",
    "ja": r"中国|中共|北京|福州",
    "ko": r"중국|중공|베이징|푸저우|칭톈",
}

ABROAD: dict[str, str] = {
    "en": r"overseas|abroad|transnational\s+repression|safeguard\s+defenders|host\s+countr\w*|foreign\s+soil|sovereignty",
    "fr": r"étranger|safeguard\s+defenders|souveraineté|répression\s+transnationale",
    "es": r"extranjero|safeguard\s+defenders|soberanía|represión\s+transnacional",
    "pt": r"estrangeiro|safeguard\s+defenders|soberania|repressão\s+transnacional",
    "de": r"ausland|übersee|safeguard\s+defenders|souveränität|transnationale\w*\s+repression",
    "it": r"estero|safeguard\s+defenders|sovranità|repressione\s+transnazionale",
    "nl": r"buitenland|safeguard\s+defenders|soevereiniteit|transnationale\s+repressie",
    "zh": r"海外|境外|跨国镇压|跨國鎮壓|保护卫士|保護衛士|他国|他國",
    "ja": r"海外|セーフガード",
    "ko": r"해외|세이프가드|초국가적",
}

# how coverage qualifies the stations ("secret", "illegal", "alleged", "shadow"): a signal
# only said of a facility (within SHADY_REACH characters), since local crime news is full
# of "illegal" and "suspected" too
SHADY: dict[str, str] = {
    "en": r"secret|illegal|undeclared|clandestine|covert|alleged|suspected|so-called|purported|shadow|unofficial|unauthori[sz]ed",
    "fr": r"clandestin\w*|illégal\w*|secret\w*|présumés?|présumées?|supposés?|prétendus?|soupçonnés?|fantômes?|officieu\w*|non\s+déclarés?|parallèles?",
    "es": r"ilegal\w*|clandestin\w*|secret\w*|supuest[oa]s?|presunt[oa]s?|sospechos[oa]s?|fantasmas?|encubiert[oa]s?|no\s+declarad[oa]s?|paralel[oa]s?",
    "pt": r"ilega\w*|clandestin\w*|secret\w*|alegad[oa]s?|supost[oa]s?|suspeit[oa]s?|fantasmas?|encobert[oa]s?|não\s+declarad[oa]s?|paralel[oa]s?",
    "de": r"illegal\w*|geheim\w*|mutmaßlich\w*|angeblich\w*|sogenannte\w*|inoffiziell\w*|verdeckt\w*|schatten\w*",
    "it": r"illegal\w*|clandestin\w*|segret\w*|presunt[aeio]|sospett[aeio]|cosiddett[aeio]|fantasma|ombra|abusiv[aeio]|non\s+ufficial[ei]|irregolar[ei]",
    "nl": r"illegal\w*|geheim\w*|vermeende|zogenaamde|zogenoemde|schaduw\w*|onofficiële|heimelijk\w*|clandestien\w*",
    "zh": r"秘密|非法|疑似|所谓|所謂|涉嫌|地下",
    "ja": r"秘密|違法|非公式|疑い|いわゆる|闇",
    "ko": r"비밀|불법|의심|이른바|의혹",
}
SHADY_REACH = 40

# "the Chinese community / tourists / traders", "Chinese cameras / Chinese-made": people and
# products, not the Chinese state (a Chinatown or a Chinese restaurant may be where a
# station is, so those still count)
COMMUNITY: dict[str, str] = {
    "en": r"chinese\s+(?:communit\w*|residents?|tourists?|students?|shops?|businesses|new\s+year|traders?|shopkeepers?)",
    "fr": r"(?:communauté|touristes?|commerçants?|étudiants?|résidents?|magasins?|nouvel\s+an)\s+chinois\w*",
    "es": r"(?:comunidad|turistas?|comerciantes?|tiendas?|residentes?|estudiantes?|año\s+nuevo)\s+chin[oa]s?",
    "pt": r"(?:comunidade|turistas?|comerciantes?|lojas?|residentes?|estudantes?|ano\s+novo)\s+chines\w*",
    "de": r"chinesische[nr]?\s+(?:touristen|gemeinde|community|studierende\w*|studenten|händler\w*|geschäfte?n?|läden|neujahr\w*)",
    "it": r"(?:comunità|turisti|commercianti|negozi|residenti|studenti|capodanno)\s+cines\w*",
    "nl": r"chinese\s+(?:gemeenschap|toeristen|winkels?|studenten|nieuwjaar|ondernemers)",
}
PRODUCTS: dict[str, str] = {
    "en": r"chinese[\s-]+(?:made\s+)?(?:cameras?|equipment|technology|software|drones?|vehicles?|cars?|phones?|hardware|components?|suppliers?|manufacturers?)|made\s+in\s+china",
    "fr": r"(?:caméras?|matériels?|équipements?|technologies?|logiciels?|drones?|véhicules?|fabricants?|fournisseurs?)\s+chinois\w*|(?:fabrication|origine)\s+chinoise|made\s+in\s+china",
    "es": r"(?:cámaras?|equipos?|tecnología|software|drones?|vehículos?|fabricantes?|proveedores?)\s+chin[oa]s?|(?:fabricación|origen)\s+china|made\s+in\s+china",
    "pt": r"(?:câmaras?|câmeras?|equipamentos?|tecnologia|software|drones?|veículos?|fabricantes?|fornecedores?)\s+chines\w*|(?:fabrico|fabricação|origem)\s+chinesa?|made\s+in\s+china",
    "de": r"chinesische[nr]?\s+(?:kameras?|überwachungskameras?|technik|technologie|software|drohnen|fahrzeuge?n?|hersteller\w*|anbieter\w*|geräte?n?)|made\s+in\s+china",
    "it": r"(?:telecamere|apparecchiature|tecnologi[ae]|software|droni|veicoli|produttori|fornitori)\s+cines\w*|(?:produzione|fabbricazione)\s+cinese|made\s+in\s+china",
    "nl": r"chinese\s+(?:camera\s*s|technologie|apparatuur|software|drones|fabrikanten|leveranciers)|made\s+in\s+china",
}




# the NGO whose reports started the story: with a facility word, a statement of the topic
NGO = r"safeguard\s+defenders|保护卫士|保護衛士|세이프가드\s?디펜더스|セーフガード・ディフェンダーズ|セーフガード"

NEAR_MISS: dict[str, str] = {
    "en": r"confucius\s+institute|joint\s+(?:police\s+)?patrols?|emergency\s+number|help\s+cent(?:re|er)s?|sky\s+net|fox\s+hunt|forced\s+confessions?|visa\s+(?:service|application)|consular\s+section|overseas\s+chinese\s+(?:help|service)\s+cent\w*",
    "fr": r"instituts?\s+confucius|patrouilles?\s+conjointes?|numéro\s+d'urgence|centres?\s+d\s+aide|centres?\s+de\s+services?\s+aux\s+chinois|huazhu",
    "es": r"institutos?\s+confucio|patrullas?\s+conjuntas?|número\s+de\s+emergencia|centros?\s+de\s+ayuda|centros?\s+de\s+servicios?\s+(?:a|para)\s+(?:los\s+)?chinos|huazhu",
    "pt": r"institutos?\s+confúcio|patrulhas?\s+conjuntas?|número\s+de\s+emergência|centros?\s+de\s+(?:apoio|assistência)|vistos|centros?\s+de\s+ajuda|huazhu",
    "de": r"konfuzius-?institut\w*|gemeinsame\w*\s+patrouill\w*|notrufnummer|visazentr\w*|generalkonsulat|hilfszentr\w*|servicezentr\w*\s+für\s+(?:überseechinesen|auslandschinesen)|huazhu",
    "it": r"istitut[oi]\s+confucio|pattugli\w*\s+congiunt\w*|numero\s+di\s+emergenza|centri\s+di\s+assistenza|visti|centri\s+di\s+aiuto|huazhu",
    "nl": r"confucius\s*institu\w*|gezamenlijke\s+patrouilles?|alarmnummer|hulpcentr\w*|servicecentr\w*\s+voor\s+overzeese|huazhu",
    "zh": r"孔子学院|孔子學院|联合巡逻|聯合巡邏|华助中心|華助中心|报警电话|天网|天網|猎狐|獵狐",
    "ja": r"孔子学院|合同パトロール|緊急通報|華助センター|華助中心|華僑支援センター",
    "ko": r"공자학원|합동\s?순찰|긴급\s?신고|화조\s?센터|화교\s?지원\s?센터",
}
# fmt: on

# Passage-level signals (short excerpts of coverage often name neither China nor the NGO).
# STATION: the facility words of this story, bare ("the stations", "comisarías").
# FRAME: how coverage frames them: host countries, reports, probes, closures, suspicion.
# DOMESTIC: local police news that also speaks of stations.
# fmt: off
STATION: dict[str, str] = {
    "en": r"stations?|outposts?|police\s+posts?|service\s+cent(?:re|er)s?",
    "fr": r"commissariats?|postes?\s+de\s+police|antennes?",
    "es": r"comisarías?|estaciones?|oficinas?\s+(?:de\s+la\s+)?policía",
    "pt": r"esquadras?|delegacias?|postos?\s+(?:de\s+polícia|policiais)",
    "de": r"polizei\w*(?:station|wache|büro|posten|stützpunkt)\w*|servicestation\w*|stationen|außenstelle\w*",
    "it": r"stazion[ei]|commissariat[oi]|presidi[o]?",
    "nl": r"politie\w*(?:bureau|post|station)\w*|steunpunt\w*|posten",
    "zh": r"警察站|警务站|警務站|服务站|服務站|警局|據點|据点|站点|站點",
    "ja": r"警察拠点|拠点|警察署",
    "ko": r"경찰서|경찰\s?거점|거점|서비스\s?센터|스테이션",
}

FRAME: dict[str, str] = {
    "en": r"host(?:s|ed|ing)?|is\s+home\s+to|report(?:ed)?|rights\s+group|the\s+group|the\s+ngo|lists|investigat\w*|probe|inquiry|alleged|suspected|so-called|ordered\s+(?:the\s+)?(?:closure|to\s+close)|foreign\s+minist\w*|sovereignty|jurisdiction|identified|listed|uncovered|exposed",
    "fr": r"accueill\w*|rapport|l'ong|ong|enquête\w*|présumés?|supposés?|prétendus?|soupçonnés?|fermeture|ministre\s+des\s+affaires\s+étrangères|souveraineté|identifiés?|recensés?|révélés?",
    "es": r"alberga\w*|informe|la\s+ong|ong|investiga\w*|supuest[oa]s?|presunt[oa]s?|sospechos[oa]s?|cierre|ministr[oa]\s+de\s+exteriores|soberanía|identificad[oa]s?|señalad[oa]s?|denunciad[oa]s?",
    "pt": r"acolhe\w*|relatório|a\s+ong|ong|investiga\w*|alegad[oa]s?|supost[oa]s?|suspeit[oa]s?|encerramento|ministro\s+dos\s+negócios\s+estrangeiros|soberania|identificad[oa]s?|denunciad[oa]s?",
    "de": r"beherberg\w*|bericht\w*|organisation|menschenrechts\w*|ermittl\w*|untersuch\w*|mutmaßlich\w*|angeblich\w*|sogenannte\w*|schließung|außenminist\w*|souveränität|identifiziert|aufgedeckt",
    "it": r"ospita\w*|rapporto|l'ong|ong|indagin\w*|indaga\w*|presunt[aeio]|sospett[aeio]|cosiddett[aeio]|chiusura|ministro\s+degli\s+esteri|sovranità|individuat[aeio]|segnalat[aeio]",
    "nl": r"herberg\w*|rapport|organisatie|mensenrechten\w*|onderzo\w*|vermeende|zogenaamde|verdachte|sluiting|minister\s+van\s+buitenlandse\s+zaken|soevereiniteit|ontdekt|geïdentificeerd",
    "zh": r"报告|報告|调查|調查|疑似|所谓|所謂|涉嫌|关闭|關閉|外交部|主权|主權|披露|发现|發現|揭露|该组织|該組織|人权|人權",
    "ja": r"報告|調査|疑い|いわゆる|閉鎖|外務省|外相|主権|指摘|確認|人権団体|団体",
    "ko": r"보고서|조사|수사|의혹|의심|이른바|폐쇄|외교부|주권|확인|폭로|인권단체|단체",
}

DOMESTIC: dict[str, str] = {
    "en": r"council|neighbourhood|neighborhood|nationwide|front\s+counters?|fire\s+(?:and\s+police\s+)?station|garda\s+stations?|precincts?|police\s+chief|opening\s+hours|railway\s+stations?|metropolitan\s+police|restructuring",
    "fr": r"mairie|quartier|commune|municipal\w*|gendarmerie|préfecture|horaires|gares?",
    "es": r"ayuntamiento|barrio|municipal\w*|vecinos|guardia\s+civil|horario|estaciones?\s+de\s+(?:tren|metro|autobuses)",
    "pt": r"câmara\s+municipal|bairro|municipal\w*|gnr|horário|estações?\s+de\s+(?:comboio|metro)",
    "de": r"stadtrat|gemeinde\w*|stadtteil\w*|innenstadt|bahnhöfe?|bahnhof|revier\w*|öffnungszeiten|bundesweit|landesweit",
    "it": r"comune|quartiere|municipal\w*|questura|questore|carabinieri|stazioni\s+ferroviarie|orari",
    "nl": r"gemeente\w*|wijk\w*|buurt\w*|openingstijden|treinstations?|landelijk",
    "zh": r"全国|全國|社区|社區|辖区|轄區|基层|基層|便民|户籍|戶籍|(?<!海外)派出所|市警察局|县警察局|縣警察局|市公安局",
    "ja": r"交番|駐在所|全国の警察署",
    "ko": r"지구대|치안센터|신청사|전국",
}
# fmt: on

# "the stations", "such stations", "of the 102 outposts": a set the reader already knows
# about, which is how coverage refers back to these stations (local news says "the police
# station on High Street")
# fmt: off
ANAPHORA: dict[str, str] = {
    "en": r"(?:the|these|those|such)\s+(?:\S+\s+){0,2}?(?:stations|outposts|police\s+outposts|service\s+cent(?:re|er)s)",
    "fr": r"(?:les|ces|des|de\s+ces)\s+(?:\S+\s+){0,2}?(?:commissariats|postes|antennes)",
    "es": r"(?:las|estas|esas|de\s+las)\s+(?:\S+\s+){0,2}?(?:comisarías|estaciones)",
    "pt": r"(?:as|estas|essas|das)\s+(?:\S+\s+){0,2}?(?:esquadras|delegacias)",
    "de": r"(?:der|dieser|die|diese|solche[rn]?)\s+(?:\S+\s+){0,2}?(?:\w*polizeistationen|stationen|polizeiwachen)",
    "it": r"(?:le|queste|delle|di\s+queste)\s+(?:\S+\s+){0,2}?(?:stazioni|commissariati)",
    "nl": r"(?:de|deze|zulke|van\s+de)\s+(?:\S+\s+){0,2}?(?:politieposten|posten|steunpunten|politiebureaus)",
    "zh": r"这些站点|這些站點|这些警察站|這些警察站|这些服务站|這些服務站|这些据点|這些據點",
    "ja": r"これらの拠点|同拠点|これらの警察拠点",
    "ko": r"이들 거점|이들 경찰서|해당 경찰서|해당 거점|이 거점",
}# the demonstrative or "such" forms only: local police news says "the stations" too, but
# rarely "such stations"
ANAPHORA_STRONG: dict[str, str] = {
    "en": r"(?:these|those|such)\s+(?:\S+\s+){0,2}?(?:stations?|outposts?|police\s+outposts?|service\s+cent(?:re|er)s?)",
    "fr": r"(?:ces|de\s+ces|de\s+tels|tels)\s+(?:\S+\s+){0,2}?(?:commissariats|postes|antennes)",
    "es": r"(?:estas|esas|tales|dichas)\s+(?:\S+\s+){0,2}?(?:comisarías|estaciones)",
    "pt": r"(?:estas|essas|tais|destas|dessas)\s+(?:\S+\s+){0,2}?(?:esquadras|delegacias)",
    "de": r"(?:dieser|diese|solche[rn]?)\s+(?:\S+\s+){0,2}?(?:\w*polizeistationen|stationen|polizeiwachen)",
    "it": r"(?:queste|tali|di\s+queste)\s+(?:\S+\s+){0,2}?(?:stazioni|commissariati)",
    "nl": r"(?:deze|zulke|dergelijke)\s+(?:\S+\s+){0,2}?(?:politieposten|posten|steunpunten|politiebureaus)",
    "zh": r"这些站点|這些站點|这些警察站|這些警察站|这些服务站|這些服務站|这些据点|這些據點",
    "ja": r"これらの拠点|同拠点|これらの警察拠点",
    "ko": r"이들 거점|이들 경찰서|이 거점",
}

# fmt: on
