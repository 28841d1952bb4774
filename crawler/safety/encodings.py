"""Choosing and applying a document's character encoding.

Labels are mapped the WHATWG way (w3lib's ``resolve_encoding``: ``euc-kr`` →
cp949, ``gb2312``/``gbk`` → gb18030, ``shift_jis`` → cp932, ``iso-8859-1`` /
``latin1`` / ``us-ascii`` → windows-1252, ...), because servers label with the
narrow name and send the wide superset.

The choice, in order:

1. a byte order mark wins over everything;
2. the HTTP ``charset`` and the in-document declaration (XML declaration or
   meta tag): when they agree, or only one is given, it is used; when they
   disagree, the one the bytes decode under without error wins, the header
   first (a bare single-byte header charset loses to a declared multi-byte
   encoding that decodes cleanly, since servers stamp ``iso-8859-1`` by
   default); the disagreement is logged;
3. neither: UTF-8 when the bytes are valid UTF-8, else a guess by
   charset-normalizer, else windows-1252.

Decoding uses ``errors="replace"``: an invalid byte becomes U+FFFD alone and
the text around it survives.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
    to_unicode,
)

log = logging.getLogger(__name__)

_SINGLE_BYTE = frozenset({"cp1252", "iso8859-1", "ascii", "iso8859-15"})
_XML_DECL = re.compile(rb"^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*([\"'])[^\"']*\2", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EncodingChoice:
    encoding: str  # a Python codec name
    source: str  # "bom" | "header" | "declared" | "utf-8" | "detected" | "default"
    header: str | None  # the header's charset, resolved
    declared: str | None  # the document's declaration, resolved
    bom_length: int = 0


def canonical(label: str | None) -> str | None:
    """The Python codec for an encoding label, WHATWG-mapped; ``None`` if unknown."""
    if not label:
        return None
    return resolve_encoding(label.strip().strip("\"'"))


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        codecs.decode(data, encoding, "strict")
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: trafilatura installs it
        return None
    best = from_bytes(data[:65536]).best()
    return canonical(best.encoding) if best is not None else None


def choose_encoding(data: bytes, content_type: str | None = None, *, url: str = "") -> EncodingChoice:
    """Decide the encoding of ``data`` (see the module docstring for the rules)."""
    bom_enc, bom = read_bom(data)
    header = http_content_type_encoding(content_type) if content_type else None
    declared = html_body_declared_encoding(data)
    if bom_enc is not None and bom is not None:
        for other in (header, declared):
            if other and other != canonical(bom_enc) and not other.startswith("utf-"):
                log.info("%s: byte order mark says %s, label says %s; using the mark",
                         url or "document", bom_enc, other)
        return EncodingChoice(bom_enc, "bom", header, declared, len(bom))
    if header and declared and header != declared:
        choice = _settle(data, header, declared)
        log.warning("%s: HTTP charset %s and declared %s disagree; using %s",
                    url or "document", header, declared, choice.encoding)
        return choice
    if header:
        return EncodingChoice(_wide(header), "header", header, declared)
    if declared:
        return EncodingChoice(_wide(declared), "declared", header, declared)
    if _decodes(data, "utf-8"):
        return EncodingChoice("utf-8", "utf-8", None, None)
    guessed = _detect(data)
    if guessed:
        return EncodingChoice(guessed, "detected", None, None)
    return EncodingChoice("cp1252", "default", None, None)


def _wide(encoding: str) -> str:
    # a UTF-16/32 label without a BOM means big-endian
    return encoding + "-be" if encoding in {"utf-16", "utf-32"} else encoding


def _settle(data: bytes, header: str, declared: str) -> EncodingChoice:
    header_ok = _decodes(data, _wide(header))
    declared_ok = _decodes(data, _wide(declared))
    if declared_ok and (not header_ok or header in _SINGLE_BYTE):
        return EncodingChoice(_wide(declared), "declared", header, declared)
    return EncodingChoice(_wide(header), "header", header, declared)


def decode(data: bytes, content_type: str | None = None, *, url: str = "") -> tuple[str, EncodingChoice]:
    """Decode ``data``; invalid bytes become U+FFFD one by one."""
    choice = choose_encoding(data, content_type, url=url)
    text = to_unicode(data[choice.bom_length:], choice.encoding)
    bad = text.count("\ufffd")
    if bad:
        log.info("%s: %d undecodable byte sequence(s) under %s replaced",
                 url or "document", bad, choice.encoding)
    return text, choice


def xml_as_utf8(data: bytes, content_type: str | None = None, *, url: str = "") -> tuple[bytes, EncodingChoice]:
    """Re-encode an XML document as UTF-8 with its declaration saying so.

    Feed parsers then see one unambiguous encoding: pass the result with a
    ``Content-Type`` whose charset is ``utf-8``.
    """
    text, choice = decode(data, content_type, url=url)
    out = text.lstrip("\ufeff").encode("utf-8")
    out = _XML_DECL.sub(rb'\1 encoding="utf-8"', out, count=1)
    return out, choice
