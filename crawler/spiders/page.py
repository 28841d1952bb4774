"""Listing-page sources: a news page whose article links the config picks.

``link_selector`` (CSS) chooses the links, or elements holding them;
``link_pattern`` (regex) keeps the URLs that match; either or both. Each
article not yet known is then fetched like a feed entry's page; past
``MAX_LINKS_PER_PAGE`` links, the first ones (a listing shows its newest
first) are kept and the cap is reported.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from scrapy.http import Response, TextResponse

from crawler.config import SourceConfig
from crawler.listing import article_links
from crawler.safety.limits import MAX_LINKS_PER_PAGE
from crawler.spiders.base import StationSpider, page_text

log = logging.getLogger(__name__)


class PageSpider(StationSpider):
    name = "page"
    kind = "page"

    def parse_listing(self, source: SourceConfig, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            kind = (response.headers.get(b"Content-Type") or b"?").decode("latin-1")
            self.listing_failed(source, f"the listing page is not HTML ({kind})", response)
            return
        links = article_links(page_text(response), response.url, selector=source.link_selector,
                              pattern=source.link_pattern)
        self.crawler.stats.inc_value("stationwatch/page/links", len(links))
        if not links:
            log.info("source %s: no article links on %s (selector %r, pattern %r)", source.name,
                     response.url, source.link_selector, source.link_pattern)
        if len(links) > MAX_LINKS_PER_PAGE:  # a listing page shows its newest first
            self.capped(source, len(links), MAX_LINKS_PER_PAGE, "links")
            links = links[:MAX_LINKS_PER_PAGE]
        for link in links:
            request = self.article_request(source, link)
            if request is not None:
                yield request
