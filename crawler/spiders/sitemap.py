"""Sitemap sources: sitemaps, sitemap indexes, gzip, Google News sitemaps.

An index is followed to its child sitemaps (at most ``MAX_DEPTH`` levels and
``MAX_CHILDREN`` children per index, newest first); each sitemap yields its
article URLs, newest first, capped at ``MAX_URLS``. Only entries dated after
the source's last seen date (``SourceState.last_seen_lastmod``) are
considered; undated entries are left to the known-entry check. After the
crawl, the last seen date moves up to the newest entry date seen, but not
past an entry whose page failed to download (so it is tried again).
``link_pattern`` filters article URLs. News tags give the title and the
publication date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawler.config import SourceConfig
from crawler.items import ArticleItem
from crawler.sitemaps import SitemapEntry, SitemapTooLarge, newer_than, parse_sitemap
from crawler.spiders.base import StationSpider
from storage.engine import read_session, write_session
from storage.schedule import get_last_seen_lastmod, set_last_seen_lastmod

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
        self._since: dict[str, datetime | None] = {}
        self._newest: dict[str, datetime] = {}
        self._oldest_failed: dict[str, datetime] = {}
        self._patterns = {name: re.compile(s.link_pattern) for name, s in self.sources.items()
                          if s.link_pattern}

    def since(self, source: SourceConfig) -> datetime | None:
        if source.name not in self._since:
            with read_session(self.ctx.engine) as session:
                self._since[source.name] = get_last_seen_lastmod(session, source.name)
        return self._since[source.name]

    def parse_listing(self, source: SourceConfig, response: Response) -> Iterator[Any]:
        depth = int(response.meta.get("sitemap_depth", 0))
        try:
            sitemap = parse_sitemap(response.body, base_url=response.url, max_entries=MAX_ENTRIES,
                                    max_size=MAX_INFLATED)
        except (SitemapTooLarge, ValueError) as exc:
            yield from self._bad_sitemap(source, response, depth, str(exc))
            return
        if not sitemap.kind:
            yield from self._bad_sitemap(source, response, depth, "not a sitemap (no urlset or sitemapindex)")
            return
        self.listing_parsed(response)
        since = self.since(source)
        fresh = _newest_first(newer_than(sitemap.entries, since))
        if sitemap.kind == "sitemapindex":
            if depth >= MAX_DEPTH:
                log.info("source %s: sitemap index %s nested too deep; not followed", source.name, response.url)
                self.crawler.stats.inc_value("stationwatch/sitemap/too_deep")
                return
            for child in fresh[:MAX_CHILDREN]:
                yield self.listing_request(source, child.loc, sitemap_depth=depth + 1)
            return
        pattern = self._patterns.get(source.name)
        if pattern is not None:
            fresh = [e for e in fresh if pattern.search(e.loc)]
        if len(fresh) > MAX_URLS:
            self.crawler.stats.inc_value("stationwatch/sitemap/capped")
            fresh = fresh[:MAX_URLS]
        for entry in fresh:
            when = entry.date
            if when is not None and (source.name not in self._newest or when > self._newest[source.name]):
                self._newest[source.name] = when
            request = self.article_request(source, entry.loc, title=entry.news_title,
                                           published=entry.news_published)
            if request is not None:
                request.meta["sitemap_date"] = when
                yield request

    def _bad_sitemap(self, source: SourceConfig, response: Response, depth: int, reason: str) -> Iterator[Any]:
        if depth == 0:
            self.listing_failed(source, reason)
        else:
            self._count_failed(source.name, f"{response.url}: {reason}")
        return iter(())

    def _listing_failed(self, failure: Failure) -> None:
        request: Request = failure.request  # type: ignore[attr-defined]
        if request.meta.get("sitemap_depth", 0):
            # A child sitemap that fails is one lost page, not a failed source.
            self._count_failed(request.meta["source"], f"{request.url}: {self.describe(failure)}")
            return
        super()._listing_failed(failure)

    def _article_failed(self, failure: Failure) -> list[ArticleItem]:
        request: Request = failure.request  # type: ignore[attr-defined]
        when = request.meta.get("sitemap_date")
        name = request.meta["source"]
        if when is not None and (name not in self._oldest_failed or when < self._oldest_failed[name]):
            self._oldest_failed[name] = when
        return super()._article_failed(failure)

    def closed(self, reason: str) -> None:
        """Move each source's last seen date up to what this crawl has covered."""
        updates: dict[str, datetime] = {}
        for name, newest in self._newest.items():
            mark = newest
            failed = self._oldest_failed.get(name)
            if failed is not None:
                mark = min(mark, failed - timedelta(microseconds=1))
            since = self._since.get(name)
            if since is None or mark > since:
                updates[name] = mark
        if not updates:
            return
        with write_session(self.ctx.engine) as session:
            for name, mark in updates.items():
                source = self.sources[name]
                set_last_seen_lastmod(session, name, mark, kind=source.kind, url=source.url_str)


def _newest_first(entries: list[SitemapEntry]) -> list[SitemapEntry]:
    dated = sorted((e for e in entries if e.date is not None), key=lambda e: e.date, reverse=True)  # type: ignore[arg-type, return-value]
    return dated + [e for e in entries if e.date is None]
