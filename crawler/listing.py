"""What a listing names: article links on a listing page (CSS selector and/or URL
regex), and the newest entries of a listing longer than its cap.

Plain functions (parsel, no Scrapy), used by the spiders.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar
from urllib.parse import urldefrag, urljoin

from parsel import Selector

T = TypeVar("T")


def _hrefs(sel: Selector, selector: str | None) -> list[str]:
    if not selector:
        return sel.xpath("//a/@href").getall()
    out: list[str] = []
    for node in sel.css(selector):
        tag = node.xpath("name()").get("")
        if tag.lower() == "a":
            out.extend(node.xpath("@href").getall())
        else:
            out.extend(node.xpath(".//a/@href").getall())
    return out


def article_links(html: str, base_url: str, *, selector: str | None = None,
                  pattern: str | None = None) -> list[str]:
    """Absolute http(s) article URLs on the listing page, in page order, without duplicates.

    ``selector`` (CSS) picks the links (or elements containing them); without it
    every link on the page is a candidate. ``pattern`` (regex, searched in the
    absolute URL) keeps only the matching ones. The listing page itself and
    fragment-only variants of a URL are dropped.
    """
    sel = Selector(text=html or "<html></html>")
    base = sel.xpath("//base/@href").get()
    root = urljoin(base_url, base) if base else base_url
    regex = re.compile(pattern) if pattern else None
    own = urldefrag(base_url)[0]
    seen: set[str] = set()
    links: list[str] = []
    for href in _hrefs(sel, selector):
        href = href.strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        url = urldefrag(urljoin(root, href))[0]
        if not url.startswith(("http://", "https://")) or url == own or url in seen:
            continue
        if regex is not None and not regex.search(url):
            continue
        seen.add(url)
        links.append(url)
    return links


def newest(entries: Sequence[T], limit: int, date: Callable[[T], datetime | None]) -> list[T]:
    """At most ``limit`` of ``entries``, the newest, newest first when that is known.

    When every entry has a date, the dates decide. Otherwise the order of the
    listing does: most publish newest first, some (archives) oldest first, and
    the dated entries among them tell which (``oldest_first``); without any
    date, newest first is assumed. A listing within the cap is left as it is.
    """
    if len(entries) <= limit:
        return list(entries)
    dates = [date(e) for e in entries]
    known = [d for d in dates if d is not None]
    if len(known) == len(entries):  # every entry has a date
        order = sorted(range(len(entries)), key=known.__getitem__, reverse=True)
        return [entries[i] for i in order[:limit]]
    if oldest_first(known):
        return list(reversed(entries[-limit:]))
    return list(entries[:limit])


def oldest_first(dates: Sequence[datetime]) -> bool:
    """Whether dates given in listing order mostly rise (an archive, oldest first)."""
    rising = sum(1 for a, b in zip(dates, dates[1:], strict=False) if b > a)
    falling = sum(1 for a, b in zip(dates, dates[1:], strict=False) if b < a)
    return rising > falling
