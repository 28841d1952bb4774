"""Document language (ISO 639-1) with lingua, restricted to the languages that matter.

CJK scripts are told apart by their characters (Hangul, kana, Han only: each the script
of one language pack), which is exact and free; Latin-script text is told by the
function words of the packs when they are clear, else by lingua in low-accuracy mode
(built once on first use), which is plenty for article-length text. lingua also knows a
few common languages that have no pack, so that their text is recognised as such (and
not read as a language we have words for).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from crawler.analysis.langs import PACKS

log = logging.getLogger(__name__)

# languages without a pack that lingua is also asked about
UNPACKED = ("ru", "uk", "cs", "pl")
LANGUAGES = (*PACKS, *UNPACKED)
_SAMPLE = 360  # characters read by lingua; enough for a stable answer, keeps it fast

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
_ANY_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def _detector() -> Any:  # lingua.LanguageDetector (lingua ships no type information)
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGUAGES]
    log.debug("building lingua detector for %s", ",".join(LANGUAGES))
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def script_language(text: str) -> str | None:
    """ko/ja/zh when the text is mostly in that script, else None."""
    sample = text[:_SAMPLE * 2]
    if not _ANY_CJK.search(sample):
        return None
    hangul = len(_HANGUL.findall(sample))
    kana = len(_KANA.findall(sample))
    han = len(_HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    cjk = hangul + kana + han
    if cjk == 0 or cjk < latin / 3:
        return None
    if hangul >= max(kana, han / 4, 1):
        return _SCRIPT_PACK.get("hangul")
    if kana >= max(3, han / 20):
        return _SCRIPT_PACK.get("kana")
    return _SCRIPT_PACK.get("han") if han else None


def _prose_sample(text: str) -> str:
    """About _SAMPLE characters of running text: lines of prose, not menus or bylines."""
    parts: list[str] = []
    size = 0
    for line in text[:20_000].splitlines():
        if len(line) >= 40:
            parts.append(line[:_SAMPLE])
            size += len(parts[-1])
            if size >= _SAMPLE:
                break
    return " ".join(parts)[:_SAMPLE] if parts else text[:_SAMPLE]


def detect_language(text: str, *, hint: str | None = None) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or ``hint`` when the text says too little."""
    hint = (hint or "").split("-")[0].split("_")[0].lower() or None
    by_script = script_language(text)
    if by_script:
        return by_script
    sample = _prose_sample(text)
    if sum(len(w) for w in _LETTERS.findall(sample)) < 12:
        return hint
    clear = _by_function_words(sample, hint)
    if clear is not None:
        return clear
    code, confidence = _lingua(sample)
    if code is None:
        return hint
    if hint and hint != code and confidence < 0.5:
        return hint
    if hint and hint != code and hint in LANGUAGES:
        # names weigh a lot in a short text ("Safeguard Defenders recense des antennes à
        # Paris"): read without the capitalised words, the configured language may win
        unnamed = _NAME.sub(" ", sample)
        if sum(len(w) for w in _LETTERS.findall(unnamed)) >= 12:
            again, confidence = _lingua(unnamed)
            if again == hint or again is None or confidence < 0.5:
                return hint
    return code


def _lingua(sample: str) -> tuple[str | None, float]:
    found = _detector().compute_language_confidence_values(sample)
    if not found:
        return None, 0.0
    best = found[0]
    return str(best.language.iso_code_639_1.name).lower(), float(best.value)


# Cheap prefilter before lingua: the short function words of each pack, chosen so that no
# word belongs to two of them ("de", "a", "una", "con" are left out). When one language has
# many of them in the sample and clearly more than any other, lingua is not asked.
_FW_LANG = {w: p.code for p in PACKS.values() for w in p.function_words}
_SCRIPT_PACK = {p.script: p.code for p in PACKS.values() if p.script != "latin"}
_FW = re.compile(r"[^\W\d_]+")
_FW_MIN = 5      # at least this many function words of the winning language
_FW_MARGIN = 3   # and this many times as many as the runner-up
_HINT_LEAD = 2   # with a hint: the hinted language leads by this many words
_NAME = re.compile(r"(?<![^\W\d_])[A-ZÀ-Þ][^\W\d_]*")  # a capitalised word

def _by_function_words(sample: str, hint: str | None = None) -> str | None:
    """The language whose function words clearly lead; with a ``hint``, the hinted
    language as soon as it leads by HINT_LEAD words or more (a configured language is
    a strong prior)."""
    counts: dict[str, int] = {}
    for word in _FW.findall(sample.lower()):
        lang = _FW_LANG.get(word)
        if lang is not None:
            counts[lang] = counts.get(lang, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    best = max(counts, key=counts.__getitem__)
    runner_up = ranked[1] if len(ranked) > 1 else 0
    if ranked[0] >= _FW_MIN and ranked[0] >= _FW_MARGIN * runner_up:
        return best
    if hint is not None and best == hint and ranked[0] >= runner_up + _HINT_LEAD:
        return hint
    return None
