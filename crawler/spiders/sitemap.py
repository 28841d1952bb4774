"""Sitemap sources: sitemaps, sitemap indexes, gzip, Google News sitemaps.

An index is followed to its child sitemaps (at most ``MAX_DEPTH`` levels and
``MAX_CHILDREN`` children per index, newest first); each sitemap yields its
article URLs, newest first, capped at ``MAX_URLS`` (the cap is reported).
Only entries dated after the date the source is covered up to are
considered (``meta.SEEN_UNTIL``, which ``crawler.crawlstate`` reads from the
store and moves up after the crawl, never past an entry still missing);
undated entries are left to the known-entry check. ``link_pattern`` filters
article URLs. News tags give the title and the publication date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from scrapy.http import Response
from twisted.python.failure import Failure

from crawler import meta
from crawler.config import SourceConfig
from crawler.sitemaps import SitemapEntry, SitemapTooLarge, newer_than, parse_sitemap
from crawler.spiders.base import StationSpider, failed_request

log = logging.getLogger(__name__)

MAX_DEPTH = 2  # an index, an index below it, then url sets
MAX_CHILDREN = 50
MAX_URLS = 300
MAX_ENTRIES = 50_000  # per sitemap file, the protocol's own limit
MAX_INFLATED = 50_000_000  # bytes of one decompressed sitemap, the protocol's own limit


class SitemapSpider(StationSpider):
    name = "sitemap"
    kind = "sitemap"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._patterns = {name: re.compile(s.link_pattern) for name, s in self.sources.items()
                          if s.link_pattern}

    def parse_listing(self, source: SourceConfig, response: Response) -> Iterator[Any]:
        depth = int(response.meta.get("sitemap_depth", 0))
        try:
            sitemap = parse_sitemap(response.body, base_url=response.url, max_entries=MAX_ENTRIES,
                                    max_size=MAX_INFLATED)
        except (SitemapTooLarge, ValueError) as exc:
            self._bad_sitemap(source, response, depth, str(exc))
            return
        if not sitemap.kind:
            self._bad_sitemap(source, response, depth, "not a sitemap (no urlset or sitemapindex)")
            return
        since: datetime | None = response.meta.get(meta.SEEN_UNTIL)
        fresh = _newest_first(newer_than(sitemap.entries, since))
        if sitemap.kind == "sitemapindex":
            if depth >= MAX_DEPTH:
                log.info("source %s: sitemap index %s nested too deep; not followed", source.name, response.url)
                self.crawler.stats.inc_value("stationwatch/sitemap/too_deep")
                return
            if len(fresh) > MAX_CHILDREN:
                self.capped(source, len(fresh), MAX_CHILDREN, "sitemaps")
            for child in fresh[:MAX_CHILDREN]:
                yield self.listing_request(source, child.loc, listed=child.date, sitemap_depth=depth + 1)
            return
        pattern = self._patterns.get(source.name)
        if pattern is not None:
            fresh = [e for e in fresh if pattern.search(e.loc)]
        if len(fresh) > MAX_URLS:
            self.capped(source, len(fresh), MAX_URLS, "URLs")
            fresh = fresh[:MAX_URLS]
        for entry in fresh:
            request = self.article_request(source, entry.loc, title=entry.news_title,
                                           published=entry.news_published, listed=entry.date)
            if request is not None:
                yield request

    def _bad_sitemap(self, source: SourceConfig, response: Response, depth: int, reason: str) -> None:
        if depth == 0:
            self.listing_failed(source, reason, response)
        else:  # one lost sitemap of an index, not a failed source
            response.meta[meta.LISTING_ERROR] = reason
            self._count_failed(source.name, f"{response.url}: {reason}")

    def _listing_failed(self, failure: Failure) -> None:
        request = failed_request(failure)
        if request.meta.get("sitemap_depth", 0):
            # A child sitemap that fails is one lost page, not a failed source.
            self._count_failed(request.meta[meta.SOURCE], f"{request.url}: {self.describe(failure)}")
            return
        super()._listing_failed(failure)


def _newest_first(entries: list[SitemapEntry]) -> list[SitemapEntry]:
    dated = [(e.date, i) for i, e in enumerate(entries) if e.date is not None]
    dated.sort(key=lambda pair: pair[0], reverse=True)
    return [entries[i] for _, i in dated] + [e for e in entries if e.date is None]
