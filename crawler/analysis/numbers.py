"""Stage 1: every number in a sentence, with its span and value.

Digits (any thousands separator, full-width) in every language; what else is read comes
from the language pack: number words through text2num, collectives ("une cinquantaine"),
"a dozen" (12; "dozens" is no number), Chinese numerals through cn2an, native and
Sino-Korean numerals before a counter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from crawler.analysis.langs import PACKS, LangPack

FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True, slots=True)
class Number:
    start: int
    end: int
    value: int
    kind: str  # digits | word | article | phrase ("a pair of": counts only before its noun) | cjk | native
    qualifier: str | None = None  # implied by the form itself ("100多", "100여", "102+")


_DIGITS = re.compile(
    r"(?<!\d)(?<!\d[.,])(\d{1,3}(?:(?:,|\.|\u00a0|\u202f|\u2009|'| )\d{3})+|\d+)(?![\d])"
)
_DECIMAL_AFTER = re.compile(r"[.,]\d")
_LETTER_BEFORE = re.compile(r"[A-Za-z]-?$")
_ELIDED = re.compile(r"[A-Za-z0-9]['’]$")
_YEAR = re.compile(r"['’]\d\d(?![\w])")
_NON_DIGIT = re.compile(r"\D")
_HAN_NUM = re.compile(r"[零〇一二两兩三四五六七八九十百千万萬]+")
_HAN_DIGITS = "一二两兩三四五六七八九"
_HAN_BIG = {"万": 10_000, "萬": 10_000, "千": 1_000}
_HAS_DIGIT = re.compile(r"[0-9０-９]")
_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+|[^\w\s]", re.UNICODE)
_NEVER = re.compile(r"(?!x)x")


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The number patterns of one pack."""

    has_word: re.Pattern[str]   # a number word starts here (bare: lets the engine skip ahead)
    run_at: re.Pattern[str]     # a run of number words
    dozen: re.Pattern[str]      # group 1: the "half" prefix
    dozen_hint: re.Pattern[str]
    article_before: re.Pattern[str]
    collective: re.Pattern[str]
    approx_after: re.Pattern[str]
    counter_after: re.Pattern[str]   # a counter: a bare 百 before it is 100
    native: re.Pattern[str]
    sino: re.Pattern[str]
    multiplier: re.Pattern[str]
    vague_before: re.Pattern[str]   # a character that makes the numeral after it vague
    sino_table: dict[int, str]      # the script's own numerals → Chinese numerals
    half_before: re.Pattern[str]    # "meia" before a collective numeral: half of it
    phrases: re.Pattern[str]        # "a pair of", "die beiden": an exact number


def _alt(words: Iterable[str]) -> str:
    """An alternation of literal words, longest first."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _build(p: LangPack) -> _Patterns:
    words = p.number_words
    ahead = rf"(?=\s?(?:{p.numeral_counters}))" if p.numeral_counters else ""
    native = ""
    if p.native_units or p.native_tens:
        native = (rf"(?<![^\W\d_])((?:{_alt(p.native_tens)})?(?:{_alt(p.native_units)})?){ahead}")
    sino = ""
    if p.sino_numerals:
        approx = f"({p.approx_after})?" if p.approx_after else "()"
        sino = rf"(?<![^\W\d_])([{''.join(p.sino_numerals)}]+){approx}{ahead}"
    counters = "|".join(f for f in (p.counter_facility, p.counter_generic, p.counter_countries)
                        if f)
    return _Patterns(
        has_word=re.compile(rf"(?:{words})(?![^\W\d_])") if words else _NEVER,
        run_at=(re.compile(rf"(?:{words})\b(?:[\s-]+(?:{p.number_and}[\s-]+)?(?:{words})\b)*")
                if words else _NEVER),
        dozen=(re.compile(rf"\b(?:({p.half_dozen})?(?:{p.dozen}))\b" if p.half_dozen
                          else rf"\b(?:()(?:{p.dozen}))\b", re.IGNORECASE) if p.dozen else _NEVER),
        dozen_hint=re.compile(p.dozen) if p.dozen else _NEVER,
        article_before=(re.compile(rf"\b(?:{p.indefinite})\s+$", re.IGNORECASE)
                        if p.indefinite else _NEVER),
        collective=(re.compile(rf"\b(?:{_alt(p.collectives)})\b", re.IGNORECASE)
                    if p.collectives else _NEVER),
        approx_after=re.compile(rf"\s*({p.approx_after})") if p.approx_after else _NEVER,
        counter_after=(re.compile(rf"\s*(?:{p.approx_after or '(?!x)x'})?\s*(?:{counters})")
                       if counters else _NEVER),
        native=re.compile(native) if native else _NEVER,
        sino=re.compile(sino) if sino else _NEVER,
        multiplier=re.compile(_alt(p.multipliers)) if p.multipliers else _NEVER,
        vague_before=re.compile(p.vague_before) if p.vague_before else _NEVER,
        sino_table={ord(k): v for k, v in p.sino_numerals.items()},
        half_before=(re.compile(rf"\b(?:{p.half})\s*$", re.IGNORECASE) if p.half else _NEVER),
        phrases=(re.compile(rf"(?<![^\W\d_])(?:{_alt(p.number_phrases)})(?![^\W\d_])",
                            re.IGNORECASE) if p.number_phrases else _NEVER),
    )


@cache
def _registered(code: str) -> _Patterns:
    return _build(PACKS[code])


def _patterns(p: LangPack) -> _Patterns:
    return _registered(p.code) if PACKS.get(p.code) is p else _build(p)


def find_numbers(sentence: str, pack: LangPack) -> list[Number]:
    """All numbers in ``sentence`` (full-width digits must already be folded), by position."""
    pats = _patterns(pack)
    found: list[Number] = []
    found.extend(_digit_numbers(sentence, pack, pats))
    if pack.text2num:
        found.extend(_word_numbers(sentence, pack, pats))
    if pack.han_numerals:
        found.extend(_han_numbers(sentence, pack, pats))
    if pack.native_units or pack.sino_numerals:
        found.extend(_native_numbers(sentence, pack, pats))
    found.sort(key=lambda n: (n.start, -n.end))
    out: list[Number] = []
    for n in found:  # drop overlaps, first (longest at the same start) wins
        if out and n.start < out[-1].end:
            continue
        out.append(n)
    return out


def _digit_numbers(s: str, pack: LangPack, pats: _Patterns) -> list[Number]:
    out = []
    for m in _DIGITS.finditer(s):
        raw = m.group(1)
        if _DECIMAL_AFTER.match(s, m.end()):
            continue  # 1.5, 3,2
        if _labelled(s, m.start(), m.end()):
            continue  # "D66", "F-16", "Dec21'24", "l'11 dicembre": a name, a year, a date
        value = int(_NON_DIGIT.sub("", raw))
        if value == 0:
            continue
        end = m.end()
        mult = pats.multiplier.match(s, end)
        if mult:
            value *= pack.multipliers[mult.group()]
            end = mult.end()
        qual = None
        if s[end:end + 1] == "+":
            qual, end = "more_than", end + 1
        approx = pats.approx_after.match(s, end)
        if approx:
            qual, end = "more_than", approx.end()
        out.append(Number(m.start(), end, value, "digits", qual))
    return out


def _labelled(s: str, start: int, end: int) -> bool:
    """Digits that are part of a name or a date, not a count: glued to a Latin letter
    ("D66", "F-16", "G7"), after an elided article ("l'11"), or a year said "'24"."""
    before = s[max(0, start - 2):start]
    return bool(_LETTER_BEFORE.search(before) or _ELIDED.search(before)
                or (start > 0 and _YEAR.match(s, start - 1) and end - start == 2))


def _word_numbers(s: str, pack: LangPack, pats: _Patterns) -> list[Number]:
    """Number words, read by text2num one run of number words at a time (cheap: no
    tokenising of the whole sentence, and the library sees only candidate phrases)."""
    out: list[Number] = []
    lowered = s.lower()
    if len(lowered) != len(s):
        lowered = s
    for m in _runs(lowered, pats):
        run = s[m.start():m.end()]
        low = m.group()
        if low in pack.articles:  # "un", "eine": an article that may count one
            out.append(Number(m.start(), m.end(), 1, "article"))
            continue
        value = _text2num(low, pack.text2num, pack.vague)
        if value is not None:
            out.append(Number(m.start(), m.end(), value, "word"))
        elif " " in run or "-" in run:
            out.extend(_find_in_run(s, m.start(), m.end(), pack))
    for m in (pats.dozen.finditer(s) if pats.dozen_hint.search(lowered) else ()):
        value = 6 if m.group(1) else 12
        a = m.start()
        # "a dozen" / "une douzaine": the article belongs to the number
        pre = pats.article_before.search(s[max(0, a - 6):a])
        if pre and not m.group(1):
            a = a - (len(s[max(0, a - 6):a]) - pre.start())
        out.append(Number(a, m.end(), value, "word"))
    for m in (pats.phrases.finditer(s) if pack.number_phrases else ()):
        out.append(Number(m.start(), m.end(), pack.number_phrases[m.group().lower()], "phrase"))
    for m in (pats.collective.finditer(s) if pack.collectives else ()):
        # "une centaine" ≈ 100, "una ventina" ≈ 20, "meia centena" ≈ 50
        a = m.start()
        value = pack.collectives[m.group().lower()]
        half = pats.half_before.search(s, max(0, a - 12), a)
        if half:
            a, value = half.start(), value // 2
        pre = pats.article_before.search(s[max(0, a - 6):a])
        if pre:
            a = a - (len(s[max(0, a - 6):a]) - pre.start())
        out.append(Number(a, m.end(), value, "word", "about"))
    return out


@lru_cache(maxsize=4096)
def _cn2an(text: str) -> int | None:
    import cn2an  # pure Python; imported only when CJK numerals appear

    try:
        value = cn2an.cn2an(text, "smart")
    except ValueError:
        return None
    return int(value) if value == int(value) else None


def _han_value(raw: str) -> int | None:
    if raw in ("百", "千"):
        return 100 if raw == "百" else 1000
    if raw[0] in "百千" and len(raw) > 1:
        # "百二ヶ所", "百二十": a bare 百 is one hundred, and a digit right after it is the
        # units (Japanese 百二 is 102; Chinese says 120 as 一百二, with its 一)
        unit = len(raw) == 2 and raw[1] in _HAN_DIGITS
        raw = "一" + raw[0] + ("零" if unit else "") + raw[1:]
    value = _cn2an(raw)
    if value is None and len(raw) > 1 and raw[-1] in _HAN_BIG:
        head = _cn2an(raw[:-1])
        value = head * _HAN_BIG[raw[-1]] if head else None
    return value


def _han_numbers(s: str, pack: LangPack, pats: _Patterns) -> list[Number]:
    out = []
    for m in _HAN_NUM.finditer(s):
        raw = m.group()
        if raw in ("百", "千", "万", "萬") and not pats.counter_after.match(s, m.end()):
            continue  # a bare 百 is a word ("百姓"); before a counter it is 100 (逾百个)
        if m.start() > 0 and pats.vague_before.match(s, m.start() - 1):
            continue  # 数十 / 几十 / 上百: "dozens", no number
        value = _han_value(raw)
        if not value:
            continue
        end, qual = m.end(), None
        approx = pats.approx_after.match(s, end)
        if approx:
            qual, end = "more_than", approx.end()
        out.append(Number(m.start(), end, value, "cjk", qual))
    return out


def _native_numbers(s: str, pack: LangPack, pats: _Patterns) -> list[Number]:
    """Native numerals (두 곳, 스물한 곳) and numerals written in the script's own
    Sino digits (이십 곳, 백여 곳) before a counter."""
    out = []
    for m in pats.native.finditer(s):
        raw = m.group(1)
        if not raw:
            continue
        value = 0
        for tens, v in pack.native_tens.items():
            if raw.startswith(tens):
                value, raw = v, raw[len(tens):]
                break
        if raw:
            unit = pack.native_units.get(raw)
            if unit is None:
                continue
            value += unit
        out.append(Number(m.start(1), m.end(1), value, "native"))
    for m in pats.sino.finditer(s):
        raw = m.group(1).translate(pats.sino_table)
        if len(raw) == 1 and raw != "百":
            continue  # one syllable alone is a word (이, 사, 오...); 백 before a counter is 100
        sino = _han_value(raw)
        if not sino:
            continue
        qual = "more_than" if m.group(2) else None
        out.append(Number(m.start(1), m.end(), sino, "native", qual))
    return out


def _runs(lowered: str, pats: _Patterns) -> Iterator[re.Match[str]]:
    """Runs of number words in lower-cased text, each starting at a word start."""
    pos = 0
    for m in pats.has_word.finditer(lowered):
        a = m.start()
        if a < pos or (a > 0 and (lowered[a - 1].isalnum() or lowered[a - 1] == "_")):
            continue
        r = pats.run_at.match(lowered, a)
        if r is not None:
            pos = r.end()
            yield r


@lru_cache(maxsize=4096)
def _text2num(phrase: str, lang: str, vague: frozenset[str]) -> int | None:
    from text_to_num import text2num  # compiled; cheap after the first import

    if phrase in vague:
        return None
    try:
        value = text2num(phrase, lang)
    except ValueError:
        return None
    return int(value) if value == int(value) and value > 0 else None


def _find_in_run(s: str, start: int, end: int, pack: LangPack) -> list[Number]:
    """Numbers inside a run text2num refused as a whole ("two three", "eine einzige")."""
    out = []
    for m in _WORD_TOKEN.finditer(s, start, end):
        low = m.group().lower()
        if low in pack.articles:
            out.append(Number(m.start(), m.end(), 1, "article"))
            continue
        value = _text2num(low, pack.text2num, pack.vague)
        if value is not None:
            out.append(Number(m.start(), m.end(), value, "word"))
    return out


def has_number(sentence: str, pack: LangPack) -> bool:
    """True when ``sentence`` may hold a number in ``pack``'s language (fast, generous)."""
    if _HAS_DIGIT.search(sentence):
        return True
    pats = _patterns(pack)
    if pack.number_phrases and pats.phrases.search(sentence):
        return True
    if pack.text2num:
        low = sentence.lower()
        for m in pats.has_word.finditer(low):
            a = m.start()
            if a == 0 or not low[a - 1].isalnum():
                return True
        return bool(pack.collectives) and pats.collective.search(low) is not None
    if pack.han_numerals and _HAN_NUM.search(sentence):
        return True
    return bool(pats.native.search(sentence) or pats.sino.search(sentence))
