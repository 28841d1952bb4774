"""Refuse XML that declares a DTD or entities, before any parser sees it.

feedparser strips entity declarations only when each starts its own line, so
a billion-laughs DTD written on one line reaches its parsers. Rather than
sanitise, we refuse: a news feed has no use for a DTD. The scan walks the
prolog (everything before the root element: XML declaration, processing
instructions, comments, whitespace) in whatever Unicode form the BOM or the
first bytes announce, and reports the first declaration it meets.
"""

from __future__ import annotations

import codecs
import re

PROLOG_LIMIT = 65536  # characters of comments/PIs allowed before the root element

# (prefix, codec) for documents that are not ASCII-compatible
_WIDE_FORMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)

_BOMS = frozenset(
    {codecs.BOM_UTF32_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE}
)

_DECL = re.compile(r"<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b", re.IGNORECASE)


class UnsafeXML(ValueError):
    """The document declares a DTD or entities; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def _head_text(data: bytes) -> str:
    head = data[: PROLOG_LIMIT * 4 + 4]
    for prefix, codec in _WIDE_FORMS:
        if head.startswith(prefix):
            skip = len(prefix) if prefix in _BOMS else 0
            return head[skip:].decode(codec, "replace")
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    # every ASCII-compatible encoding spells markup with the same bytes
    return head.decode("latin-1")


def dtd_reason(data: bytes) -> str | None:
    """Why ``data`` is refused as XML, or ``None`` when its prolog is clean."""
    text = _head_text(data)
    pos, end = 0, min(len(text), PROLOG_LIMIT)
    while pos < end:
        ch = text[pos]
        if ch in " \t\r\n\ufeff":
            pos += 1
            continue
        if text.startswith("<?", pos):
            close = text.find("?>", pos + 2)
            if close < 0:
                return "unterminated processing instruction in the prolog"
            pos = close + 2
            continue
        if text.startswith("<!--", pos):
            close = text.find("-->", pos + 4)
            if close < 0:
                return "unterminated comment in the prolog"
            pos = close + 3
            continue
        match = _DECL.match(text, pos)
        if match:
            kind = match.group(1).upper()
            entities = len(_DECL.findall(text, pos, pos + PROLOG_LIMIT)) - 1
            extra = f" with {entities} more declarations" if entities > 0 else ""
            return f"document declares a {kind}{extra} (DTDs and entities are refused)"
        if text.startswith("<!", pos):
            return "markup declaration in the prolog (DTDs and entities are refused)"
        # the root element, or text that is not XML at all: nothing to refuse here
        break
    else:
        if len(text) > PROLOG_LIMIT and pos >= PROLOG_LIMIT:
            return f"prolog longer than {PROLOG_LIMIT} characters"
    return None


def check_xml(data: bytes) -> None:
    """Raise ``UnsafeXML`` when ``data`` declares a DTD or entities."""
    reason = dtd_reason(data)
    if reason is not None:
        raise UnsafeXML(reason)
