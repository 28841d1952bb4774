"""Main text, title, date and declared canonical URL of an article page.

The page is parsed once (trafilatura's ``load_html``). The few head facts
the product needs (title, canonical URL, publication date, language) are
read from that tree with a handful of XPath look-ups, and trafilatura then
extracts the main text from the same tree without its metadata pass, which
costs more than half of a full extraction (author, categories, licence and
site-name heuristics we never use). The date falls back to htmldate only
when neither the feed nor the page's meta tags give one.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

log = logging.getLogger(__name__)

_DATE_XPATHS = (
    '//meta[@property="article:published_time" or @name="article:published_time"]/@content',
    '//meta[@property="og:published_time" or @name="pubdate" or @name="publishdate"]/@content',
    '//meta[@itemprop="datePublished" or @name="date" or @name="DC.date.issued"]/@content',
    "//time[@datetime][1]/@datetime",
)
_TITLE_SPLIT = re.compile(r"\s+[|\-–—·:]\s+")


@dataclass(frozen=True, slots=True)
class Page:
    title: str | None
    text: str
    published: datetime | None
    lang: str | None
    canonical: str | None  # rel=canonical / og:url as declared by the page


def parse_date(value: str | None) -> datetime | None:
    """An ISO date or datetime as an aware UTC datetime (naive ones are taken as UTC)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):  # not a date, or past the calendar once in UTC
        return None


def _first(tree: Any, xpath: str) -> str | None:
    for value in tree.xpath(xpath):
        text = " ".join(str(value).split())
        if text:
            return text
    return None


def _title(tree: Any) -> str | None:
    og = _first(tree, '//meta[@property="og:title"]/@content')
    if og:
        return og
    for h1 in tree.xpath("//h1"):
        text = " ".join(h1.text_content().split())
        if text:
            return text
    title = _first(tree, "//title/text()")
    if not title:
        return None
    parts = _TITLE_SPLIT.split(title)
    return max(parts, key=len) if len(parts) > 1 else title


def _date(tree: Any) -> datetime | None:
    for xpath in _DATE_XPATHS:
        value = parse_date(_first(tree, xpath))
        if value is not None:
            return value
    from htmldate import find_date  # the slower search, only when the tags say nothing

    return parse_date(find_date(tree, extensive_search=False, original_date=True))


def _lang(tree: Any) -> str | None:
    raw = _first(tree, "/html/@lang") or _first(tree, '//meta[@http-equiv="content-language"]/@content')
    if not raw:
        return None
    code = raw.split("-")[0].split("_")[0].strip().lower()
    return code if re.fullmatch(r"[a-z]{2}", code) else None


def extract_page(html: str | bytes, url: str | None = None, *, need_date: bool = True) -> Page:
    """Extract the article from ``html``; an empty ``text`` when there is none.

    ``need_date``: look for a publication date (callers that already have the
    feed's date pass False). ``url`` is for logging only: the page's own
    rel=canonical / og:url is what ``canonical`` reports.
    """
    from trafilatura import bare_extraction  # heavy: loaded only where pages are read
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        log.debug("no HTML document at %s", url)
        return Page(title=None, text="", published=None, lang=None, canonical=None)
    title = _title(tree)
    canonical = _first(tree, '//link[@rel="canonical"]/@href') or _first(
        tree, '//meta[@property="og:url"]/@content'
    )
    published = _date(tree) if need_date else None
    lang = _lang(tree)
    doc = bare_extraction(
        tree,
        fast=True,
        include_comments=False,
        include_tables=False,
        with_metadata=False,
        deduplicate=False,
    )
    text = ((doc.text if doc is not None else "") or "").strip()
    return Page(title=title, text=text, published=published, lang=lang, canonical=canonical)
