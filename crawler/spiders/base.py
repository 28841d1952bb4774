"""What every stationwatch spider shares: the listing request (feed, page or
sitemap), a request or an item per entry, and failure bookkeeping per source.

Spiders download and parse only. Conditional GET, which entries are already
stored and what a crawl has settled are kept by ``crawler.crawlstate`` (a
downloader and a spider middleware around every spider); the pipelines do
the rest.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from datetime import datetime
from typing import Any, Protocol, cast

import scrapy
from scrapy import signals
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawler import meta
from crawler.analysis.urls import unwrap_redirector
from crawler.config import SourceConfig
from crawler.context import CrawlContext
from crawler.headline import ENTRY_WORDS_META, entry_meta, headline_item
from crawler.items import ArticleItem
from crawler.safety import errors as safety_errors
from crawler.safety.encodings import decode
from crawler.safety.limits import clip_field

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = ("http://", "https://")


class _RequestFailure(Protocol):
    request: Request


def failed_request(failure: Failure) -> Request:
    """The request an errback's ``failure`` is about."""
    # Scrapy sets ``request`` on the Failure it hands an errback; Twisted's type does not declare it
    return cast(_RequestFailure, failure).request


class StationSpider(scrapy.Spider):
    """Base class; subclasses implement ``parse_listing`` for their kind."""

    kind = ""

    def __init__(self, *, ctx: CrawlContext, sources: list[SourceConfig], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ctx = ctx
        self.sources = {s.name: s for s in sources}

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> StationSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._item_error, signal=signals.item_error)
        crawler.signals.connect(spider._spider_error, signal=signals.spider_error)
        return spider

    def _item_error(self, item: Any, response: Any, spider: Any, failure: Failure) -> None:
        """A pipeline raised on one article: that article failed, the cycle goes on."""
        source = getattr(item, "source", None)
        if source:
            self._count_failed(source, f"{getattr(item, 'url', '?')}: {self.describe(failure)}")

    def _spider_error(self, failure: Failure, response: Any, spider: Any) -> None:
        source = response.meta.get(meta.SOURCE) if hasattr(response, "meta") else None
        if source and source in self.sources:
            self.listing_failed(self.sources[source], f"parse error: {self.describe(failure)}", response)

    async def start(self) -> AsyncIterator[Any]:
        for source in self.sources.values():
            self.ctx.result(source.name)
            yield self.listing_request(source, source.url_str)

    # -- listings -----------------------------------------------------------

    def listing_request(self, source: SourceConfig, url: str, *, listed: datetime | None = None,
                        **extra: Any) -> Request:
        return Request(
            url,
            callback=self._on_listing,
            errback=self._listing_failed,
            dont_filter=True,
            priority=10,
            meta={meta.SOURCE: source.name, meta.LISTING: True, meta.LISTED_DATE: listed,
                  "handle_httpstatus_list": [304], **extra},
        )

    def _on_listing(self, response: Response) -> Iterator[Any]:
        source = self.sources[response.meta[meta.SOURCE]]
        result = self.ctx.result(source.name)
        if response.status == 304:
            if result.result == "ok" and result.fetched == 0:
                result.result = "not_modified"
            self.crawler.stats.inc_value("stationwatch/listing/not_modified")
            return
        self.crawler.stats.inc_value("stationwatch/listing/fetched")
        if result.result == "not_modified":
            result.result = "ok"
        yield from self.parse_listing(source, response)

    def listing_failed(self, source: SourceConfig, reason: str, response: Response | None = None) -> None:
        """The source's listing could not be read (``response``: it arrived but cannot be parsed)."""
        if response is not None:
            response.meta[meta.LISTING_ERROR] = reason
        self.ctx.result(source.name).fail(reason)
        self.crawler.stats.inc_value("stationwatch/listing/failed")
        log.warning("source %s failed: %s", source.name, reason)

    def _listing_failed(self, failure: Failure) -> None:
        request = failed_request(failure)
        self.listing_failed(self.sources[request.meta[meta.SOURCE]], self.describe(failure))

    def capped(self, source: SourceConfig, found: int, kept: int, what: str = "entries") -> None:
        """The listing named more than the cap allows; the newest ``kept`` are taken."""
        self.ctx.result(source.name).cap(found, kept)
        self.crawler.stats.inc_value(f"stationwatch/{self.kind}/capped")
        log.warning("source %s: the listing names %d %s; kept the newest %d", source.name, found,
                    what, kept)

    def parse_listing(self, source: SourceConfig, response: Response) -> Iterator[Any]:
        raise NotImplementedError

    # -- entries ------------------------------------------------------------

    def article_request(
        self,
        source: SourceConfig,
        link: str,
        *,
        entry_id: str | None = None,
        title: str | None = None,
        published: datetime | None = None,
        listed: datetime | None = None,
        revised: datetime | None = None,
        entry: Mapping[str, Any] | None = None,
    ) -> Request | None:
        """A request for an entry's page (None for a link that is not http(s)).

        ``entry``: the feed entry's own words, read as a headline-only article when the
        page cannot be had (``crawler.headline``). Entries already stored are dropped
        later, by ``crawler.crawlstate.EntryStateMiddleware``.
        """
        self.ctx.result(source.name).entries += 1
        link = unwrap_redirector(link.strip())
        if not link.lower().startswith(ALLOWED_SCHEMES):
            self.crawler.stats.inc_value("stationwatch/entry/bad_link")
            return None
        return Request(
            link,
            callback=self._on_article,
            errback=self._article_failed,
            meta={
                meta.SOURCE: source.name,
                meta.ENTRY: link,
                meta.LISTED_DATE: listed,
                meta.REVISED: revised or listed,
                "entry_id": entry_id,
                "title": title,
                "published": published,
                ENTRY_WORDS_META: entry_meta(entry) if entry else None,
            },
        )

    def _on_article(self, response: Response) -> Iterator[ArticleItem]:
        info = response.meta
        if not hasattr(response, "text"):
            self._count_failed(info[meta.SOURCE], f"not a text document: {response.url}")
            return
        yield ArticleItem(
            source=info[meta.SOURCE],
            url=response.url,
            listed_url=info.get(meta.ENTRY),
            fetched_at=self.ctx.now,
            feed_entry_id=info.get("entry_id"),
            title=clip_field("title", info.get("title")),
            published=info.get("published"),
            listed_at=info.get(meta.REVISED),
            html=page_text(response),
            lang_hint=self.sources[info[meta.SOURCE]].lang,
        )

    def _article_failed(self, failure: Failure) -> list[ArticleItem]:
        """The page could not be had: its feed entry, when it has one, is read instead."""
        request = failed_request(failure)
        name = request.meta[meta.SOURCE]
        reason = f"{request.url}: {self.describe(failure)}"
        item = headline_item(request.meta, now=self.ctx.now, lang_hint=self.sources[name].lang)
        if item is None:
            self._count_failed(name, reason)
            return []
        result = self.ctx.result(name)
        result.stopped(reason)
        result.headline_only += 1
        self.crawler.stats.inc_value("stationwatch/article/headline_only")
        log.info("headline only for %s: %s", name, reason)
        return [item]

    def describe(self, failure: Failure) -> str:
        """A short reason for a failed request, naming the deadline or cap it hit."""
        return safety_errors.describe_failure(
            failure,
            timeout=self.ctx.crawl.timeout.total_seconds(),
            max_bytes=self.ctx.crawl.max_page_bytes,
        )

    def _count_failed(self, source: str, reason: str) -> None:
        result = self.ctx.result(source)
        result.failed += 1
        result.stopped(reason)
        self.crawler.stats.inc_value("stationwatch/article/failed")
        log.info("article failed for %s: %s", source, reason)


def page_text(response: Response) -> str:
    """The page as text: WHATWG labels, header vs declaration settled, bad bytes replaced."""
    content_type = response.headers.get(b"Content-Type")
    text, _ = decode(
        response.body,
        content_type.decode("latin-1") if content_type else None,
        url=response.url,
    )
    return text
