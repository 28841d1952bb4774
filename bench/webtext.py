"""Sentence templates for the generated news web, in ten languages.

All sentences are written for this benchmark. On-topic templates carry a
facility count (``{n}``), sometimes a country span (``{c}``) or a place
(``{loc}``: a locative phrase such as "in Italy"). Off-topic templates carry
numbers that are not facility counts (people, money, years, police stations
at home), as real coverage does.
"""

from __future__ import annotations

import random

LANGS = ("en", "ko", "zh", "ja", "es", "fr", "de", "it", "nl", "pt")

# Locative phrases per language for a few host countries.
PLACES: dict[str, dict[str, str]] = {
    "IT": {"en": "in Italy", "ko": "이탈리아에", "zh": "在意大利", "ja": "イタリアに",
           "es": "en Italia", "fr": "en Italie", "de": "in Italien", "it": "in Italia",
           "nl": "in Italië", "pt": "na Itália"},
    "NL": {"en": "in the Netherlands", "ko": "네덜란드에", "zh": "在荷兰", "ja": "オランダに",
           "es": "en los Países Bajos", "fr": "aux Pays-Bas", "de": "in den Niederlanden",
           "it": "nei Paesi Bassi", "nl": "in Nederland", "pt": "nos Países Baixos"},
    "ES": {"en": "in Spain", "ko": "스페인에", "zh": "在西班牙", "ja": "スペインに",
           "es": "en España", "fr": "en Espagne", "de": "in Spanien", "it": "in Spagna",
           "nl": "in Spanje", "pt": "na Espanha"},
    "CA": {"en": "in Canada", "ko": "캐나다에", "zh": "在加拿大", "ja": "カナダに",
           "es": "en Canadá", "fr": "au Canada", "de": "in Kanada", "it": "in Canada",
           "nl": "in Canada", "pt": "no Canadá"},
    "GB": {"en": "in Britain", "ko": "영국에", "zh": "在英国", "ja": "イギリスに",
           "es": "en el Reino Unido", "fr": "au Royaume-Uni", "de": "in Großbritannien",
           "it": "nel Regno Unito", "nl": "in het Verenigd Koninkrijk", "pt": "no Reino Unido"},
    "FR": {"en": "in France", "ko": "프랑스에", "zh": "在法国", "ja": "フランスに",
           "es": "en Francia", "fr": "en France", "de": "in Frankreich", "it": "in Francia",
           "nl": "in Frankrijk", "pt": "na França"},
}

# Worldwide totals: {n} facilities in {c} countries.
TOTAL: dict[str, tuple[str, ...]] = {
    "en": ("Investigators now count more than {n} overseas police stations in {c} countries.",
           "The rights group says at least {n} Chinese police service stations operate in {c} countries."),
    "ko": ("인권단체는 중국이 {c}개국에서 최소 {n}곳의 비밀경찰서를 운영하고 있다고 밝혔다.",
           "보고서에 따르면 해외 비밀 경찰서는 {c}개국 {n}곳 이상으로 늘었다."),
    "zh": ("调查人员称，中国已在{c}个国家设立了超过{n}个海外警察站。",
           "报告显示，海外警务服务站至少有{n}个，分布在{c}个国家。"),
    "ja": ("人権団体によると、中国は{c}カ国に少なくとも{n}カ所の海外警察拠点を置いている。",
           "報告書は海外派出所が{c}カ国で{n}カ所以上にのぼると指摘した。"),
    "es": ("La organización contabiliza más de {n} comisarías chinas en {c} países.",
           "Según el informe, existen al menos {n} estaciones de policía chinas repartidas en {c} países."),
    "fr": ("L'ONG recense plus de {n} commissariats chinois clandestins dans {c} pays.",
           "Selon le rapport, au moins {n} postes de police chinois opèrent dans {c} pays."),
    "de": ("Die Organisation zählt inzwischen mehr als {n} chinesische Polizeistationen in {c} Ländern.",
           "Laut dem Bericht gibt es mindestens {n} inoffizielle Polizeiwachen in {c} Ländern."),
    "it": ("L'organizzazione conta più di {n} stazioni di polizia cinesi in {c} paesi.",
           "Secondo il rapporto, almeno {n} commissariati cinesi non ufficiali operano in {c} paesi."),
    "nl": ("De organisatie telt inmiddels meer dan {n} Chinese politieposten in {c} landen.",
           "Volgens het rapport zijn er minstens {n} Chinese politiebureaus in {c} landen."),
    "pt": ("A organização contabiliza mais de {n} esquadras chinesas em {c} países.",
           "Segundo o relatório, há pelo menos {n} postos de polícia chineses em {c} países."),
}

# Country figures: {n} facilities {loc}.
LOCAL: dict[str, tuple[str, ...]] = {
    "en": ("Police believe at least {n} of the stations were set up {loc}.",
           "Officials confirmed {n} suspected police outposts {loc} this week."),
    "ko": ("경찰은 {loc} 최소 {n}곳의 중국 비밀경찰서가 있는 것으로 보고 있다.",
           "당국은 {loc} 해외 경찰서 {n}곳이 운영된 정황을 확인했다."),
    "zh": ("警方认为{loc}至少有{n}个海外警察站。",
           "当局证实{loc}有{n}个海外服务站。"),
    "ja": ("警察は{loc}少なくとも{n}カ所の警察拠点があるとみている。",
           "当局は{loc}{n}カ所の海外警察拠点を確認した。"),
    "es": ("La policía cree que hay al menos {n} comisarías chinas {loc}.",
           "Las autoridades confirmaron {n} oficinas policiales chinas {loc}."),
    "fr": ("La police estime qu'au moins {n} commissariats chinois fonctionnent {loc}.",
           "Les autorités ont confirmé {n} postes de police chinois {loc}."),
    "de": ("Die Polizei geht von mindestens {n} chinesischen Polizeistationen {loc} aus.",
           "Die Behörden bestätigten {n} mutmaßliche Polizeibüros {loc}."),
    "it": ("La polizia ritiene che ci siano almeno {n} stazioni di polizia cinesi {loc}.",
           "Le autorità hanno confermato {n} commissariati cinesi {loc}."),
    "nl": ("De politie vermoedt dat er minstens {n} Chinese politieposten {loc} zijn.",
           "De autoriteiten bevestigden {n} Chinese steunpunten {loc}."),
    "pt": ("A polícia acredita que existam pelo menos {n} esquadras chinesas {loc}.",
           "As autoridades confirmaram {n} postos de polícia chineses {loc}."),
}

# Context without figures.
CONTEXT: dict[str, tuple[str, ...]] = {
    "en": ("Beijing says the offices are run by volunteers who help citizens renew driving licences.",
           "Critics describe the sites as tools to pressure dissidents living abroad.",
           "Several governments have ordered the premises closed and opened investigations.",
           "The embassy denied that any police officers were stationed at the addresses."),
    "ko": ("중국 정부는 이 시설이 운전면허 갱신을 돕는 봉사 단체라고 주장한다.",
           "비판자들은 해외 반체제 인사를 압박하는 도구라고 지적한다.",
           "여러 나라 정부가 시설 폐쇄를 명령하고 수사에 착수했다."),
    "zh": ("北京方面称，这些机构由志愿者运营，帮助侨民办理驾照换证。",
           "批评者认为，这些站点被用来向海外异见人士施压。",
           "多国政府已下令关闭相关场所并展开调查。"),
    "ja": ("中国政府は、ボランティアが運転免許の更新を手伝う施設だと説明している。",
           "批判的な人々は、海外の反体制派に圧力をかける手段だと指摘する。",
           "複数の国の政府が閉鎖を命じ、捜査を始めた。"),
    "es": ("Pekín sostiene que los locales los gestionan voluntarios que ayudan a renovar el carné de conducir.",
           "Los críticos afirman que sirven para presionar a disidentes en el extranjero.",
           "Varios gobiernos han ordenado su cierre y han abierto investigaciones."),
    "fr": ("Pékin affirme que ces bureaux sont tenus par des bénévoles qui aident à renouveler les permis.",
           "Les critiques y voient un moyen de faire pression sur les opposants à l'étranger.",
           "Plusieurs gouvernements ont ordonné leur fermeture et ouvert des enquêtes."),
    "de": ("Peking erklärt, Freiwillige hülfen dort bei der Verlängerung von Führerscheinen.",
           "Kritiker sehen darin ein Mittel, Dissidenten im Ausland unter Druck zu setzen.",
           "Mehrere Regierungen haben die Schließung angeordnet und Ermittlungen eingeleitet."),
    "it": ("Pechino sostiene che gli uffici siano gestiti da volontari che aiutano a rinnovare la patente.",
           "I critici li considerano strumenti per fare pressione sui dissidenti all'estero.",
           "Diversi governi ne hanno ordinato la chiusura e aperto indagini."),
    "nl": ("Peking stelt dat vrijwilligers er helpen bij het verlengen van rijbewijzen.",
           "Critici zien de posten als middel om dissidenten in het buitenland onder druk te zetten.",
           "Meerdere regeringen hebben sluiting bevolen en een onderzoek geopend."),
    "pt": ("Pequim afirma que os escritórios são geridos por voluntários que ajudam a renovar cartas de condução.",
           "Os críticos dizem que servem para pressionar dissidentes no estrangeiro.",
           "Vários governos ordenaram o encerramento e abriram investigações."),
}

HEADLINE: dict[str, tuple[str, ...]] = {
    "en": ("Report finds {n} Chinese police stations abroad", "Inside the secret police outposts: {n} sites named",
           "Governments act on overseas police stations"),
    "ko": ("중국 비밀경찰서 {n}곳 확인", "해외 비밀경찰서 논란 확산"),
    "zh": ("报告：海外警察站达{n}个", "多国调查海外警务服务站"),
    "ja": ("海外警察拠点{n}カ所判明", "中国の秘密警察署、各国が調査"),
    "es": ("Un informe revela {n} comisarías chinas", "Europa investiga las comisarías chinas"),
    "fr": ("{n} commissariats chinois identifiés", "Les commissariats chinois sous enquête"),
    "de": ("{n} chinesische Polizeistationen entdeckt", "Ermittlungen gegen Polizeistationen"),
    "it": ("Scoperte {n} stazioni di polizia cinesi", "Indagine sui commissariati cinesi"),
    "nl": ("{n} Chinese politieposten ontdekt", "Onderzoek naar Chinese politieposten"),
    "pt": ("Relatório aponta {n} esquadras chinesas", "Governos investigam esquadras chinesas"),
}

# Off-topic sentences, with numbers that are never facility counts. {who} and {where}
# are made-up names (see ``name``), so that two articles never share most of their text.
OFF: dict[str, tuple[str, ...]] = {
    "en": ("The {where} council approved a budget of {m} million dollars for road repairs, {who} said.",
           "About {p} people attended the opening of the new library in {where} on Saturday.",
           "{where} Rovers won {g} to 1 after a late goal from {who} in the second half.",
           "Forecasters in {where} expect temperatures to climb to {t} degrees by Thursday.",
           "The {where} county will merge {k} police stations into two regional hubs next year.",
           "Shares in {who} Motors fell {g} percent after the quarterly report.",
           "Residents of {where} have waited {k} years for the bridge to reopen.",
           "The {where} festival drew visitors from {k} countries despite the rain.",
           "Emergency services in {where} urged drivers to call 112 only in a real emergency.",
           "{who}, a spokesperson for the {where} museum, said opening hours would be extended.",
           "The {where} school board, chaired by {who}, will vote on the new timetable next month.",
           "Farmers around {where} say the dry spring has cut yields by {g} percent."),
    "ko": ("{where}시의회는 도로 보수에 {m}억 원의 예산을 승인했다고 {who} 의원이 밝혔다.",
           "토요일 {where} 새 도서관 개관식에 약 {p}명이 참석했다.",
           "{where} FC가 후반 막판 {who}의 골로 {g}대 1로 이겼다.",
           "기상청은 목요일 {where}의 기온이 {t}도까지 오를 것으로 내다봤다."),
    "zh": ("{where}市议会批准了{m}百万元的道路维修预算，议员{who}表示。",
           "周六约有{p}人参加了{where}新图书馆的开馆仪式。",
           "{where}队在下半场末段凭借{who}的进球以{g}比1获胜。",
           "气象部门预计周四{where}气温将升至{t}度。"),
    "ja": ("{where}市議会は道路補修に{m}億円の予算を承認したと{who}議員が述べた。",
           "土曜日の{where}新図書館の開館式には約{p}人が参加した。",
           "{where}FCが終盤の{who}のゴールで{g}対1で勝った。",
           "気象台は木曜日に{where}の気温が{t}度まで上がると予想している。"),
    "es": ("El ayuntamiento de {where} aprobó {m} millones de euros para reparar carreteras, según {who}.",
           "Unas {p} personas asistieron el sábado a la inauguración de la biblioteca de {where}.",
           "El {where} ganó {g} a 1 con un gol de {who} en el último minuto."),
    "fr": ("Le conseil municipal de {where} a voté {m} millions d'euros pour les routes, a indiqué {who}.",
           "Environ {p} personnes ont assisté samedi à l'ouverture de la médiathèque de {where}.",
           "{where} s'est imposé {g} à 1 grâce à un but tardif de {who}."),
    "de": ("Der Stadtrat von {where} bewilligte {m} Millionen Euro für Straßenreparaturen, sagte {who}.",
           "Rund {p} Menschen kamen am Samstag zur Eröffnung der Bibliothek in {where}.",
           "Der SV {where} gewann {g}:1 nach einem späten Tor von {who}."),
    "it": ("Il consiglio comunale di {where} ha approvato {m} milioni di euro per le strade, ha detto {who}.",
           "Circa {p} persone hanno partecipato sabato all'inaugurazione della biblioteca di {where}.",
           "Il {where} ha vinto {g} a 1 con un gol di {who} nel finale."),
    "nl": ("De gemeenteraad van {where} keurde {m} miljoen euro goed voor wegherstel, zei {who}.",
           "Zaterdag kwamen zo'n {p} mensen naar de opening van de bibliotheek in {where}.",
           "{where} won met {g}-1 na een late treffer van {who}."),
    "pt": ("A câmara de {where} aprovou {m} milhões de euros para reparar estradas, disse {who}.",
           "Cerca de {p} pessoas assistiram no sábado à abertura da biblioteca de {where}.",
           "O {where} venceu por {g}-1 com um golo de {who} no fim."),
}

_SYLLABLES = {
    "latin": ("ka", "lo", "mi", "ren", "dor", "sa", "vel", "tin", "ber", "go", "la", "ne", "ric", "ta", "mo",
              "zu", "fen", "hal", "sto", "ve", "an", "bri", "cas", "del", "er", "fio", "gar", "hu", "il", "jo"),
    "ko": tuple("가나다라마바사아자차카타파하강남동서영주진천한성"),
    "zh": tuple("安北长东丰广海华江金康兰临明宁平青山水泰文西新阳永中"),
    "ja": tuple("アカサタナハマヤラワイキシチニヒミリウクスツヌフムユル"),
}


def name(lang: str, rng: random.Random) -> str:
    """A made-up proper name in the script of ``lang`` (people, towns, clubs)."""
    script = lang if lang in ("ko", "zh", "ja") else "latin"
    sy = _SYLLABLES[script]
    word = "".join(rng.choice(sy) for _ in range(rng.randrange(2, 4)))
    return word.capitalize() if script == "latin" else word


OFF_HEADLINE: dict[str, tuple[str, ...]] = {
    "en": ("Council backs road repair plan", "Library reopens after {k} years", "Late goal settles derby",
           "Heatwave warning for the weekend", "Carmaker shares slide", "Police stations to merge"),
    "ko": ("시의회, 도로 보수 예산 승인", "새 도서관 개관"), "zh": ("市议会批准道路维修预算", "新图书馆开馆"),
    "ja": ("市議会、道路補修予算を承認", "新図書館が開館"), "es": ("Luz verde al plan de carreteras", "Reabre la biblioteca"),
    "fr": ("Feu vert pour les routes", "La médiathèque rouvre"), "de": ("Stadtrat gibt Geld für Straßen frei", "Bibliothek eröffnet"),
    "it": ("Via libera al piano strade", "Riapre la biblioteca"), "nl": ("Geld voor wegherstel", "Bibliotheek heropend"),
    "pt": ("Aprovado plano de estradas", "Biblioteca reabre"),
}

# Chrome words: section names, comment snippets, footer links.
SECTIONS = ("World", "Politics", "Business", "Tech", "Science", "Health", "Sport", "Culture",
            "Opinion", "Travel", "Food", "Climate", "Local", "Video", "Podcasts", "Weather")
COMMENTS = ("Great reporting, thanks.", "Who checks these numbers?", "This has been going on for years.",
            "Shared with my family group.", "The headline is misleading.", "Finally someone covers this.",
            "I live nearby and never noticed anything.", "Waiting for the follow-up piece.")
