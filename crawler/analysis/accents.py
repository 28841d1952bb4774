"""Patterns that also match words written without their accents.

Web copy, headlines and machine-translated text often drop diacritics ("comisarias",
"policia", "Aussenposten" for "comisarías", "policía", "Außenposten"). The packs write
their words correctly; ``fold`` turns a pattern into one that accepts both spellings,
by giving each accented letter its plain letter as an alternative (inside character
classes too), and "ß" its Swiss spelling "ss". German umlauts are left alone: "ue"
is how they are written without them, not "u".
"""

from __future__ import annotations

from functools import lru_cache

_PLAIN = {
    "á": "a", "à": "a", "â": "a", "ã": "a",
    "é": "e", "è": "e", "ê": "e", "ë": "e",
    "í": "i", "ì": "i", "î": "i", "ï": "i",
    "ó": "o", "ò": "o", "ô": "o", "õ": "o",
    "ú": "u", "ù": "u", "û": "u",
    "ç": "c",
}


_STRIP = str.maketrans(_PLAIN)


def plain(text: str) -> str:
    """``text`` with the accented letters ``fold`` knows written plain (same length):
    matched against folded patterns, a pattern written with or without its accents finds
    the word written with or without them."""
    return text.translate(_STRIP)


@lru_cache(maxsize=4096)
def fold(pattern: str) -> str:
    """``pattern`` with each accented letter also matching its plain letter."""
    if not any(ch in _PLAIN or ch == "ß" for ch in pattern):
        return pattern
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            out.append(ch + _PLAIN[ch] if ch in _PLAIN else ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch in _PLAIN:
            out.append(f"[{ch}{_PLAIN[ch]}]")
        elif ch == "ß":
            out.append("(?:ß|ss)")
        else:
            out.append(ch)
        i += 1
    return "".join(out)
