"""Article links on a listing page: CSS selector and/or URL regex.

Plain functions over HTML text (parsel, no Scrapy), used by the page spider.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urldefrag, urljoin

from parsel import Selector

log = logging.getLogger(__name__)

MAX_LINKS = 200


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
                  pattern: str | None = None, limit: int = MAX_LINKS) -> list[str]:
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
        if len(links) >= limit:
            log.debug("listing %s: keeping the first %d links", base_url, limit)
            break
    return links
