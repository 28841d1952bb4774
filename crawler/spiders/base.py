"""What every stationwatch spider shares: conditional GET of the listing (feed,
page or sitemap), the known-entry check before an article is fetched, and
failure bookkeeping per source. Spiders download and parse only; the
pipelines do the rest.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from typing import Any

import scrapy
from scrapy import signals
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawler.analysis.urls import canonical_url, unwrap_redirector
from crawler.config import SourceConfig
from crawler.context import CrawlContext
from crawler.items import ArticleItem
from crawler.safety import errors as safety_errors
from crawler.safety.encodings import decode
from crawler.safety.limits import clip_field
from storage.dedupe import is_known_entry
from storage.engine import read_session, write_session
from storage.sources import save_validators

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = ("http://", "https://")


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
        source = response.meta.get("source") if hasattr(response, "meta") else None
        if source and source in self.sources:
            self.listing_failed(self.sources[source], f"parse error: {self.describe(failure)}")

    async def start(self) -> AsyncIterator[Any]:
        for source in self.sources.values():
            self.ctx.result(source.name)
            yield self.listing_request(source, source.url_str)

    # -- listings -----------------------------------------------------------

    def listing_request(self, source: SourceConfig, url: str, **meta: Any) -> Request:
        headers: dict[str, str] = {}
        etag, modified = self.ctx.validators(url)
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return Request(
            url,
            callback=self._on_listing,
            errback=self._listing_failed,
            headers=headers,
            dont_filter=True,
            priority=10,
            meta={"source": source.name, "handle_httpstatus_list": [304], **meta},
        )

    def _on_listing(self, response: Response) -> Iterator[Any]:
        source = self.sources[response.meta["source"]]
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

    def listing_parsed(self, response: Response) -> None:
        """Remember the listing's validators, once it parsed without error."""
        etag = response.headers.get(b"ETag")
        modified = response.headers.get(b"Last-Modified")
        if not etag and not modified:
            return
        with write_session(self.ctx.engine) as session:
            save_validators(
                session,
                response.url if response.url == response.request.url else response.request.url,
                etag.decode("latin-1") if etag else None,
                modified.decode("latin-1") if modified else None,
                self.ctx.now,
            )

    def listing_failed(self, source: SourceConfig, reason: str) -> None:
        self.ctx.result(source.name).fail(reason)
        self.crawler.stats.inc_value("stationwatch/listing/failed")
        log.warning("source %s failed: %s", source.name, reason)

    def _listing_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self.listing_failed(self.sources[request.meta["source"]], self.describe(failure))

    def parse_listing(self, source: SourceConfig, response: Response) -> Iterator[Any]:
        raise NotImplementedError

    # -- articles -----------------------------------------------------------

    def article_request(
        self,
        source: SourceConfig,
        link: str,
        *,
        entry_id: str | None = None,
        title: str | None = None,
        published: datetime | None = None,
    ) -> Request | None:
        """A request for an entry's page, or None when the entry is already known."""
        link = unwrap_redirector(link.strip())
        if not link.lower().startswith(ALLOWED_SCHEMES):
            self.crawler.stats.inc_value("stationwatch/entry/bad_link")
            return None
        if self.is_known(source, link, entry_id, title):
            return None
        return Request(
            link,
            callback=self._on_article,
            errback=self._article_failed,
            meta={
                "source": source.name,
                "entry_id": entry_id,
                "title": title,
                "published": published,
            },
        )

    def is_known(self, source: SourceConfig, link: str, entry_id: str | None, title: str | None) -> bool:
        with read_session(self.ctx.engine) as session:
            known = is_known_entry(
                session,
                source=source.name,
                canonical_url=canonical_url(link),
                entry_id=entry_id,
                title=title,
            )
        if known:
            self.crawler.stats.inc_value("stationwatch/entry/known")
        return known

    def _on_article(self, response: Response) -> Iterator[ArticleItem]:
        meta = response.meta
        if not hasattr(response, "text"):
            self._count_failed(meta["source"], f"not a text document: {response.url}")
            return
        yield ArticleItem(
            source=meta["source"],
            url=response.url,
            fetched_at=self.ctx.now,
            feed_entry_id=meta.get("entry_id"),
            title=clip_field("title", meta.get("title")),
            published=meta.get("published"),
            html=_page_text(response),
            lang_hint=self.sources[meta["source"]].lang,
        )

    def _article_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self._count_failed(request.meta["source"], f"{request.url}: {self.describe(failure)}")

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
        self.crawler.stats.inc_value("stationwatch/article/failed")
        log.info("article failed for %s: %s", source, reason)


def _page_text(response: Response) -> str:
    """The page as text: WHATWG labels, header vs declaration settled, bad bytes replaced."""
    content_type = response.headers.get(b"Content-Type")
    text, _ = decode(
        response.body,
        content_type.decode("latin-1") if content_type else None,
        url=response.url,
    )
    return text
