"""Caps on everything the hostile web could make unbounded.

One place for the numbers, with small helpers that apply them and log what
was cut. Byte sizes and time come from ``[crawl]`` (``max_page_bytes``,
``timeout``); the rest are fixed here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TypeVar
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_REDIRECTS = 10
ALLOWED_SCHEMES = frozenset({"http", "https"})

MAX_ENTRIES_PER_FEED = 500
MAX_LINKS_PER_PAGE = 500
MAX_URLS_PER_SITEMAP = 50_000  # the sitemaps.org limit per file
MAX_SITEMAP_DEPTH = 3  # index → index → index → urlset; deeper is refused
MAX_SITEMAPS_PER_SOURCE = 100

MAX_URL_LENGTH = 2048
MAX_TITLE_CHARS = 1_000
MAX_ENTRY_ID_CHARS = 1_000
MAX_SUMMARY_CHARS = 20_000
MAX_TEXT_CHARS = 1_000_000
MAX_EVIDENCE_CHARS = 2_000
MAX_ERROR_CHARS = 1_000

FIELD_LIMITS: dict[str, int] = {
    "url": MAX_URL_LENGTH,
    "canonical_url": MAX_URL_LENGTH,
    "title": MAX_TITLE_CHARS,
    "feed_entry_id": MAX_ENTRY_ID_CHARS,
    "summary": MAX_SUMMARY_CHARS,
    "text": MAX_TEXT_CHARS,
    "evidence": MAX_EVIDENCE_CHARS,
    "error": MAX_ERROR_CHARS,
}


def clip(value: str | None, limit: int) -> str | None:
    """``value`` cut to ``limit`` characters (an ellipsis marks the cut)."""
    if value is None or len(value) <= limit:
        return value
    return value[: max(limit - 1, 0)] + "…"


def clip_field(name: str, value: str | None) -> str | None:
    """``value`` cut to the limit for field ``name`` (unknown names pass)."""
    limit = FIELD_LIMITS.get(name)
    return value if limit is None else clip(value, limit)


def capped(items: Iterable[T], limit: int, *, what: str, where: str = "") -> Iterator[T]:
    """Yield at most ``limit`` items; log once how many were dropped."""
    count = 0
    dropped = 0
    for item in items:
        if count < limit:
            count += 1
            yield item
        else:
            dropped += 1
    if dropped:
        log.warning("%s: %d %s over the cap of %d dropped", where or "input", dropped, what, limit)


def scheme_allowed(url: str) -> bool:
    try:
        return urlsplit(url).scheme.lower() in ALLOWED_SCHEMES
    except ValueError:
        return False


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be fetched or shown as a link, or ``None``."""
    if len(url) > MAX_URL_LENGTH:
        return f"URL longer than {MAX_URL_LENGTH} characters"
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError as exc:
        return f"unparsable URL: {exc}"
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return f"scheme {scheme + ':' if scheme else '(none)'} is not allowed (http and https only)"
    if not host:
        return "URL has no host"
    if any(ch in url for ch in "\x00\r\n\t"):
        return "URL contains control characters"
    return None


def safe_link(url: str | None) -> str | None:
    """``url`` when it may be shown as a link (http(s), sane), else ``None``."""
    if not url:
        return None
    url = url.strip()
    return url if url_problem(url) is None else None
