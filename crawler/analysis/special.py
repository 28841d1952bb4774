"""Numbers that count nothing: years, dates, times, ordinals, money, percentages, ages,
labels ("Top 10", "No. 3", "Units 1 and 2"), phone and emergency numbers (110, 112).

Stage 2 helper of phrase.py: a number for which ``is_special`` is true is not read at all.
"""

from __future__ import annotations

import re

from crawler.analysis.lexicon import Lexicon
from crawler.analysis.numbers import Number

_QUOTE_MARKS = "\"'“”‘’«»„‚‹›「」『』"
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥₩]|US\$|HK\$|RMB|CNY|USD|EUR)\s*$")
_TIME_AFTER = re.compile(r" ?[hH] ?\d\d(?!\d)")
_TIME_BEFORE = re.compile(r"\d ?[hH] ?$")
_ORDINAL_DOT = re.compile(r"\.\s+[^\W\d_]")
_MIN_AGE = 14  # a name with a number in parentheses below this is a place and its count
# "Lu Jianwang, 63," / "Lu (63)": an age after a name
_AGE_BEFORE = re.compile(r"[A-ZÀ-Þ][\w'’-]+\s*(?:,|\()\s*$")


def is_special(s: str, n: Number, lex: Lexicon) -> bool:
    """Years, dates, ordinals, money, percentages, phone and emergency numbers."""
    before = s[max(0, n.start - 25):n.start]
    after = s[n.end:n.end + 12]
    if n.kind == "digits":
        if 1900 <= n.value <= 2100 and not lex.counters:
            return True
        if after[:1] in ("/", ":", "%", "％", "-") and after[1:2].isdigit():
            return True
        if after[:1] in ("%", "％") or after.lstrip()[:1] in ("%", "％"):
            return True
        if before[-1:] in ("/", "#", "+", "-") or before[-1:].isdigit() or (
                before[-1:] == ":" and before[-2:-1].isdigit()):  # 10:30, not "Spain: 9"
            return True
        if _TIME_BEFORE.search(before) or _TIME_AFTER.match(after):
            return True  # 10h15, 14 h 05
        if lex.ordinal_after.match(after):
            return True
        if lex.pack.ordinal_day_dot and _ORDINAL_DOT.match(after):
            return True  # "dem 10. Bezirk": a dot inside the sentence makes an ordinal
        if n.value <= 31 and lex.weekday_end.search(before):
            return True  # "nesta terça-feira (25)", "quinta-feira, 10"
        if (m := lex.date_after.match(after)) and lex.month.match(after, m.end()):
            return True  # "5. Dezember", "4 December"
    if _CURRENCY_BEFORE.search(before):
        return True
    if (n.kind == "digits" and n.value >= _MIN_AGE and _AGE_BEFORE.search(before)
            and lex.age_after.match(after)):  # "Lu (63)", not "Madrid (3)"
        return True
    if lex.age.match(s, n.end) or lex.aged_before.search(s, max(0, n.start - 40), n.start):
        return True  # "a 61-year-old", "61-jährigen", "sessantenne", "61岁", "61세"
    if m := lex.prefix_block.search(before):
        # "Top 10" is page chrome; "stations abroad top 100" is a verb of exceeding
        word = m.group().strip().lower()
        prev = before[:m.start()].split()
        if not (word == "top" and prev and not _function_word(prev[-1], lex)):
            return True  # "Top 10", "the top 10", "nella top 10"
    if (lex.pack.month_day and n.kind == "digits" and n.value <= 31
            and lex.month_end.search(before)):
        return True  # "December 4" (elsewhere the day comes first: "4 décembre", "im November zwei")
    if n.value in (110, 112):
        around = s[max(0, n.start - 15):n.end + 15]
        if lex.emergency.search(s):
            return True
        if lex.overseas_name.search(around) and not _counted_apart(s, n, lex):
            return True
        if before[-1:] in _QUOTE_MARKS or after[:1] in _QUOTE_MARKS:
            return True
    return False


def _counted_apart(s: str, n: Number, lex: Lexicon) -> bool:
    """"海外警察拠点が世界に110カ所": a site counter right after the number and the overseas
    word not touching it is a count of 110, not the "海外110" name."""
    if not lex.counter_facility_at.match(s, n.end):
        return False
    lead = s[max(0, n.start - 3):n.start].rstrip(" \u3000" + _QUOTE_MARKS)
    return not lex.overseas_name.search(lead[-2:]) if lead else True


def _function_word(word: str, lex: Lexicon) -> bool:
    """An article, preposition or other short word of the language ("the", "nella")."""
    w = word.lower().strip(",;:()\"'“”«»")
    return (w in lex.pack.function_words or bool(lex.definite_before.search(w + " "))
            or bool(lex.loc_at.fullmatch(w)) or bool(lex.of_word.fullmatch(w)))
