"""Stage 1: every number in a sentence, with its span and value.

Digits (any thousands separator, full-width), number words through text2num (en, fr, es,
pt, de, nl, it), Chinese/Japanese numerals through cn2an, Korean native and Sino-Korean
numerals before a counter. "a dozen" is 12; "dozens"/"hundreds"/"수십"/"数十" are no number.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

log = logging.getLogger(__name__)

WORD_LANGS = frozenset({"en", "fr", "es", "pt", "de", "nl", "it"})
FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True, slots=True)
class Number:
    start: int
    end: int
    value: int
    kind: str  # digits | word | article | cjk | ko
    qualifier: str | None = None  # implied by the form itself ("100多", "100여", "102+")


_DIGITS = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:(?:,|\.|\u00a0|\u202f|\u2009|'| )\d{3})+|\d+)(?![\d])"
)
_DECIMAL_AFTER = re.compile(r"[.,]\d")
_NON_DIGIT = re.compile(r"\D")
_MULTIPLIER = {"万": 10_000, "萬": 10_000, "만": 10_000, "億": 100_000_000, "억": 100_000_000,
               "千": 1_000, "천": 1_000}
_CJK_NUM = re.compile(r"[零〇一二两兩三四五六七八九十百千万萬]+")
_CJK_VAGUE = frozenset("数數几幾上好")
_COUNTER_AFTER = re.compile(r"\s*(?:多|余|餘)?\s*(?:个|個|所|处|處|家|座|カ所|か所|ヶ所|ヵ所|箇所|国|國|カ国|か国)")
_CJK_FOLLOW_APPROX = re.compile(r"\s*(多|余|餘|几|幾)")
_KO_NATIVE_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50}
_KO_NATIVE_UNITS = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4,
                    "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
_KO_COUNTER = r"(?=\s?(?:곳|개국|개소|개|군데|나라|명|건))"
_KO_NATIVE = re.compile(
    r"(?<![가-힣])((?:열|스물|스무|서른|마흔|쉰)?(?:한|하나|두|둘|세|셋|네|넷|다섯|여섯|일곱|여덟|아홉)?)"
    + _KO_COUNTER
)
_KO_SINO_MAP = str.maketrans("일이삼사오육칠팔구십백천", "一二三四五六七八九十百千")
_KO_HUNDRED = re.compile(r"(?<![가-힣])백(여)?(?=\s?(?:곳|개국|개소|개))")
_KO_SINO = re.compile(r"(?<![가-힣])([일이삼사오육칠팔구십백천]{2,})" + _KO_COUNTER)

# a dozen, per language (singular only: plurals such as "dozens" are no number)
_DOZEN = re.compile(
    r"\b(?:(half an? |a half-)?dozen|douzaine|docena|dúzia|duzia|dozzina|dutzend|dozijn)\b",
    re.IGNORECASE,
)
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|une|una|uma|um|ein|een|un)\s+$", re.IGNORECASE)
# collective numerals: about N (singular only; "des centaines", "decine" are no number)
COLLECTIVES = {
    "dizaine": 10, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
    "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
    "decena": 10, "veintena": 20, "treintena": 30, "cincuentena": 50, "centenar": 100,
    "decina": 10, "quindicina": 15, "ventina": 20, "trentina": 30, "quarantina": 40,
    "cinquantina": 50, "sessantina": 60, "centinaio": 100,
    "dezena": 10, "vintena": 20, "centena": 100, "tiental": 10, "honderdtal": 100,
}
_COLLECTIVE = re.compile(r"\b(?:" + "|".join(COLLECTIVES) + r")\b", re.IGNORECASE)
# vague plurals that text2num would otherwise read as one hundred or one thousand
_VAGUE = frozenset(
    """cientos centenares centenar miles milhares centenas centaines milliers hunderte
    tausende honderden duizenden centinaia migliaia dozens hundreds thousands""".split()
)
ARTICLES = {
    "en": frozenset(),
    "fr": frozenset({"un", "une"}),
    "es": frozenset({"un", "una", "uno"}),
    "it": frozenset({"un", "una", "uno", "un'"}),
    "pt": frozenset({"um", "uma"}),
    "de": frozenset({"ein", "eine", "einen", "einem", "einer", "eines"}),
    "nl": frozenset({"een"}),
}
_GERMAN_ONE = frozenset({"ein", "eine", "einen", "einem", "einer", "eines"})
_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+|[^\w\s]", re.UNICODE)


def find_numbers(sentence: str, lang: str | None) -> list[Number]:
    """All numbers in ``sentence`` (full-width digits must already be folded), by position."""
    found: list[Number] = []
    found.extend(_digit_numbers(sentence))
    if lang in WORD_LANGS or lang is None:
        found.extend(_word_numbers(sentence, lang or "en"))
    if lang in ("zh", "ja", None) or (lang not in WORD_LANGS and _CJK_NUM.search(sentence)):
        found.extend(_cjk_numbers(sentence))
    if lang in ("ko", None):
        found.extend(_korean_numbers(sentence))
    found.sort(key=lambda n: (n.start, -n.end))
    out: list[Number] = []
    for n in found:  # drop overlaps, first (longest at the same start) wins
        if out and n.start < out[-1].end:
            continue
        out.append(n)
    return out


def _digit_numbers(s: str) -> list[Number]:
    out = []
    for m in _DIGITS.finditer(s):
        raw = m.group(1)
        if _DECIMAL_AFTER.match(s, m.end()):
            continue  # 1.5, 3,2
        value = int(_NON_DIGIT.sub("", raw))
        if value == 0:
            continue
        end = m.end()
        mult = _MULTIPLIER.get(s[end:end + 1])
        if mult:
            value *= mult
            end += 1
        qual = None
        if s[end:end + 1] == "+":
            qual, end = "more_than", end + 1
        approx = _CJK_FOLLOW_APPROX.match(s, end)
        if approx:
            qual, end = "more_than", approx.end()
        elif s[end:end + 1] == "여" and not s[end:end + 2] == "여성":
            qual, end = "more_than", end + 1
        out.append(Number(m.start(), end, value, "digits", qual))
    return out


def _word_numbers(s: str, lang: str) -> list[Number]:
    """Number words, read by text2num one run of number words at a time (cheap: no
    tokenising of the whole sentence, and the library sees only candidate phrases)."""
    out: list[Number] = []
    articles = ARTICLES.get(lang, frozenset())
    lowered = s.lower()
    if len(lowered) != len(s):
        lowered = s
    for m in _runs(lowered, lang):
        run = s[m.start():m.end()]
        low = m.group()
        if lang == "de" and low in _GERMAN_ONE:  # text2num does not read the inflected "eine"
            out.append(Number(m.start(), m.end(), 1, "article"))
            continue
        value = _text2num(low, lang)
        if value is not None:
            kind = "article" if low in articles else "word"
            out.append(Number(m.start(), m.end(), value, kind))
        elif " " in run or "-" in run:
            out.extend(_find_in_run(s, m.start(), m.end(), lang, articles))
    for m in (_DOZEN.finditer(s) if _DOZEN_HINT.search(lowered) else ()):
        value = 6 if m.group(1) else 12
        a = m.start()
        # "a dozen" / "une douzaine": the article belongs to the number
        pre = _ARTICLE_BEFORE.search(s[max(0, a - 6):a])
        if pre and not m.group(1):
            a = a - (len(s[max(0, a - 6):a]) - pre.start())
        out.append(Number(a, m.end(), value, "word"))
    for m in (_COLLECTIVE.finditer(s) if _COLLECTIVE_HINT.search(lowered) else ()):
        # "une centaine" ≈ 100, "una ventina" ≈ 20
        a = m.start()
        pre = _ARTICLE_BEFORE.search(s[max(0, a - 6):a])
        if pre:
            a = a - (len(s[max(0, a - 6):a]) - pre.start())
        out.append(Number(a, m.end(), COLLECTIVES[m.group().lower()], "word", "about"))
    return out


@lru_cache(maxsize=4096)
def _cn2an(text: str) -> int | None:
    import cn2an  # pure Python; imported only when CJK numerals appear

    try:
        value = cn2an.cn2an(text, "smart")
    except ValueError:
        return None
    return int(value) if value == int(value) else None


def _cjk_numbers(s: str) -> list[Number]:
    out = []
    for m in _CJK_NUM.finditer(s):
        raw = m.group()
        if raw in ("百", "千", "万", "萬") and not _COUNTER_AFTER.match(s, m.end()):
            continue  # a bare 百 is a word ("百姓"); before a counter it is 100 (逾百个)
        if m.start() > 0 and s[m.start() - 1] in _CJK_VAGUE:
            continue  # 数十 / 几十 / 上百: "dozens", no number
        value = _cn2an(raw) if raw not in ("百", "千") else (100 if raw == "百" else 1000)
        if value is None and len(raw) > 1 and raw[-1] in "万萬千":
            head = _cn2an(raw[:-1])
            value = head * _MULTIPLIER[raw[-1]] if head else None
        if not value:
            continue
        end, qual = m.end(), None
        approx = _CJK_FOLLOW_APPROX.match(s, end)
        if approx:
            qual, end = "more_than", approx.end()
        out.append(Number(m.start(), end, value, "cjk", qual))
    return out


def _korean_numbers(s: str) -> list[Number]:
    out = []
    for m in _KO_NATIVE.finditer(s):
        raw = m.group(1)
        if not raw:
            continue
        value = 0
        for tens, v in _KO_NATIVE_TENS.items():
            if raw.startswith(tens):
                value, raw = v, raw[len(tens):]
                break
        if raw:
            unit = _KO_NATIVE_UNITS.get(raw)
            if unit is None:
                continue
            value += unit
        out.append(Number(m.start(1), m.end(1), value, "ko"))
    for m in _KO_HUNDRED.finditer(s):  # 백여 곳 / 백 곳
        out.append(Number(m.start(), m.end(), 100, "ko", "more_than" if m.group(1) else None))
    for m in _KO_SINO.finditer(s):
        value = _cn2an(m.group(1).translate(_KO_SINO_MAP))
        if value:
            out.append(Number(m.start(1), m.end(1), value, "ko"))
    return out


# Cheap prefilter: does a sentence hold anything find_numbers could read?
# fmt: off
_NUMBER_WORDS = {
    "en": r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen",
    "fr": r"une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|douzaine",
    "es": r"una?|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieci\w+|veint\w*|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|ciento|docena",
    "pt": r"uma?|dois|duas|três|tres|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|treze|catorze|quatorze|quinze|dez\w+|vinte|trinta|quarenta|cinquenta|sessenta|setenta|oitenta|noventa|cem|cento|dúzia",
    "de": r"ein\w*|zwei\w*|drei\w*|vier\w*|fünf\w*|sechs\w*|sieben\w*|acht\w*|neun\w*|zehn|elf|zwölf|zwanzig|dreißig|hundert\w*|dutzend",
    "it": r"una?|uno|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|tredici|quattordici|quindici|sedici|diciassette|diciotto|diciannove|vent\w*|trent\w*|quarant\w*|cinquant\w*|sessant\w*|settant\w*|ottant\w*|novant\w*|cento\w*|dozzina",
    "nl": r"een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|\w+tig|honderd\w*|dozijn",
}
# fmt: on
# bare lower-case alternations (no \b, no IGNORECASE) let the regex engine skip ahead
# on first letters; word boundaries are checked on the few matches
_HAS_WORD = {k: re.compile(rf"(?:{v})(?![^\W\d_])") for k, v in _NUMBER_WORDS.items()}
_HAS_DIGIT = re.compile(r"[0-9０-９]")
_CONNECT = {"en": "and", "fr": "et", "es": "y", "pt": "e", "it": "e", "de": "und", "nl": "en"}
# a run of number words, matched at a candidate start found by _HAS_WORD: a pattern that
# starts with a look-behind cannot skip ahead on first letters, so the word start is
# checked in Python on the few candidates instead
_RUN_AT = {
    k: re.compile(rf"(?:{v})\b(?:[\s-]+(?:{_CONNECT[k]}[\s-]+)?(?:{v})\b)*")
    for k, v in _NUMBER_WORDS.items()
}
_DOZEN_HINT = re.compile(r"dozen|douzaine|docena|dúzia|duzia|dozzina|dutzend|dozijn")
_COLLECTIVE_HINT = re.compile("|".join(COLLECTIVES))


def _runs(lowered: str, lang: str) -> Iterator[re.Match[str]]:
    """Runs of number words in lower-cased text, each starting at a word start."""
    run_at = _RUN_AT[lang]
    pos = 0
    for m in _HAS_WORD[lang].finditer(lowered):
        a = m.start()
        if a < pos or (a > 0 and (lowered[a - 1].isalnum() or lowered[a - 1] == "_")):
            continue
        r = run_at.match(lowered, a)
        if r is not None:
            pos = r.end()
            yield r


@lru_cache(maxsize=4096)
def _text2num(phrase: str, lang: str) -> int | None:
    from text_to_num import text2num  # compiled; cheap after the first import

    if phrase in _VAGUE:
        return None
    try:
        value = text2num(phrase, lang)
    except ValueError:
        return None
    return int(value) if value == int(value) and value > 0 else None


def _find_in_run(s: str, start: int, end: int, lang: str, articles: frozenset[str]) -> list[Number]:
    """Numbers inside a run text2num refused as a whole ("two three", "eine einzige")."""
    out = []
    for m in _WORD_TOKEN.finditer(s, start, end):
        low = m.group().lower()
        if lang == "de" and low in _GERMAN_ONE:
            out.append(Number(m.start(), m.end(), 1, "article"))
            continue
        value = _text2num(low, lang)
        if value is not None:
            kind = "article" if low in articles else "word"
            out.append(Number(m.start(), m.end(), value, kind))
    return out


def has_number(sentence: str, lang: str | None) -> bool:
    """True when ``sentence`` may hold a number in ``lang`` (a fast, generous test)."""
    if _HAS_DIGIT.search(sentence):
        return True
    if lang in _HAS_WORD:
        low = sentence.lower()
        for m in _HAS_WORD[lang].finditer(low):
            a = m.start()
            if a == 0 or not low[a - 1].isalnum():
                return True
        return _COLLECTIVE_HINT.search(low) is not None
    if lang in ("zh", "ja"):
        return bool(_CJK_NUM.search(sentence))
    if lang == "ko":
        return bool(_KO_NATIVE.search(sentence) or _KO_SINO.search(sentence))
    return True
