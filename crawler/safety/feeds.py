"""Parse feed bytes defensively, or say clearly why they are not a usable feed.

``parse_feed`` is the one door from downloaded bytes to feedparser:

1. ``xmlguard`` refuses DTDs and entity declarations before any parser runs;
2. ``encodings`` picks the encoding (WHATWG labels, BOM, header vs
   declaration) and hands feedparser UTF-8 with a declaration saying so;
3. feedparser gets a ``BytesIO`` (never a URL or a path: it would fetch or
   open it), and its known crashes (``&#1114112;``, lone surrogates) become a
   ``FeedRejected`` for that source instead of a traceback;
4. a document that is neither RSS, Atom nor RDF (an HTML page, a captcha, a
   login wall) is a failure, not "0 new entries".

Every entry is returned: the feed spider keeps the newest
``MAX_ENTRIES_PER_FEED`` and reports the cap.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Mapping
from typing import Any
from xml.sax import SAXException

import feedparser

from crawler.safety.encodings import xml_as_utf8
from crawler.safety.limits import clip
from crawler.safety.xmlguard import dtd_reason

log = logging.getLogger(__name__)

_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_HTML_HINT = re.compile(r"<\s*(!doctype\s+html|html|body|head)\b", re.IGNORECASE)
_HTML_START = re.compile(r"\A(?:\ufeff|\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html\b|html\b)",
                         re.IGNORECASE | re.DOTALL)
_CAPTCHA_HINT = re.compile(r"captcha|are you a robot|verify you are human|cf-chl|challenge-platform",
                           re.IGNORECASE)


class FeedRejected(ValueError):
    """The bytes are not a usable feed; ``reason`` is fit for ``status``."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def _not_a_feed(text: str) -> str:
    head = text[:20000]
    title_match = _HTML_TITLE.search(head)
    title = clip(" ".join(title_match.group(1).split()), 80) if title_match else None
    what = "an HTML page" if _HTML_HINT.search(head) else "a document"
    if _CAPTCHA_HINT.search(head):
        what = "a captcha or bot-check page"
    named = f" titled {title!r}" if title else ""
    return f"not a feed: got {what}{named} where RSS/Atom was expected"


def parse_feed(body: bytes, *, url: str, headers: Mapping[str, str] | None = None) -> Any:
    """feedparser's result for ``body``, or ``FeedRejected`` with the reason."""
    if not body.strip():
        raise FeedRejected("empty response where a feed was expected")
    if _HTML_START.match(body[:2048].decode("latin-1")):
        raise FeedRejected(_not_a_feed(body.decode("utf-8", "replace")))
    reason = dtd_reason(body)
    if reason is not None:
        raise FeedRejected(f"unsafe XML: {reason}")
    content_type = None
    passed: dict[str, str] = {}
    for key, value in (headers or {}).items():
        lowered = key.lower()
        if lowered == "content-type":
            content_type = value
        elif lowered in {"content-language", "content-location"}:
            passed[lowered] = value
    data, choice = xml_as_utf8(body, content_type, url=url)
    passed["content-type"] = "application/xml; charset=utf-8"
    passed.setdefault("content-location", url)
    try:
        result = feedparser.parse(io.BytesIO(data), response_headers=passed,
                                  resolve_relative_uris=True, sanitize_html=True)
    except (ValueError, UnicodeError, OverflowError, RecursionError, SAXException,
            AssertionError, IndexError, KeyError, TypeError) as exc:
        # feedparser's own bugs on hostile input (chr() out of range, surrogates, ...)
        raise FeedRejected(f"feed could not be parsed: {type(exc).__name__}: {exc}") from exc
    if not result.get("version") and not result.get("entries"):
        raise FeedRejected(_not_a_feed(data.decode("utf-8", "replace")))
    if result.get("bozo"):
        log.info("%s: feed is not well-formed (%s); read leniently (encoding %s)", url,
                 result.get("bozo_exception"), choice.encoding)
    return result
