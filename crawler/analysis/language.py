"""Document language (ISO 639-1) with lingua, restricted to the languages that matter.

CJK scripts are told apart by their characters (Hangul → ko, kana → ja, Han only → zh),
which is exact and free; Latin-script text goes to lingua in low-accuracy mode (about
30 MB, built once on first use), which is plenty for article-length text.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

log = logging.getLogger(__name__)

LANGUAGES = ("en", "ko", "zh", "ja", "es", "fr", "de", "it", "nl", "pt", "ru", "cs")
_SAMPLE = 360  # characters read by lingua; enough for a stable answer, keeps it fast

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
_ANY_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def _detector():  # -> lingua.LanguageDetector
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
        return "ko"
    if kana >= max(3, han / 20):
        return "ja"
    return "zh" if han else None


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
    clear = _by_function_words(sample)
    if clear is not None:
        return clear
    found = _detector().compute_language_confidence_values(sample)
    if not found:
        return hint
    best = found[0]
    code = best.language.iso_code_639_1.name.lower()
    if hint and hint != code and best.value < 0.5:
        return hint
    return code


# Cheap prefilter before lingua: the short function words of each language, chosen so that
# no word belongs to two of them ("de", "a", "una", "con" are left out). When one language
# has many of them in the sample and clearly more than any other, lingua is not asked.
# fmt: off
_FUNCTION_WORDS = {
    "en": "the and of with that is was were has have from which said their they its to for by "
          "are be been this will would after than",
    "fr": "les des est une du dans pour sont qui avec été ont aux cette ces leur selon et sur par "
          "pas elle être sa ses",
    "es": "el los las del por para según fue sus también está han como pero y más hasta ya",
    "pt": "os dos uma não pela pelo foi são também em ao às mas segundo na nas é até já pelos",
    "de": "der die und ist nicht ein eine mit von den dem auf sich wurde nach auch im zu sie wird "
          "für aus hat werden sind",
    "it": "il gli della delle degli che è sono nel nella anche dei alla per stato di più sul dal "
          "ai questo",
    "nl": "het een van niet zijn voor met op dat werd ook naar bij worden heeft om wordt door aan "
          "ze hij maar deze geen",
}
# fmt: on
_FW_LANG = {w: lang for lang, words in _FUNCTION_WORDS.items() for w in words.split()}
_FW = re.compile(r"[^\W\d_]+")
_FW_MIN = 5      # at least this many function words of the winning language
_FW_MARGIN = 3   # and this many times as many as the runner-up


def _by_function_words(sample: str) -> str | None:
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
    return None
