"""What the store knows about listings and entries, as Scrapy components.

Spiders download and parse only; these two middlewares keep the crawl state
(the idiom of Scrapy's dupefilter: the decision sits beside the engine, not
in the spider):

- ``ListingStateMiddleware`` (downloader, first in line): sends each listing
  request with the validators saved for it (``If-None-Match``,
  ``If-Modified-Since``) and the source's covered date in ``meta`` (sitemaps
  skip entries up to it); notes each entry whose final answer is an HTTP
  error or an exception.
- ``EntryStateMiddleware`` (spider): filters a listing's output, dropping the
  entries already stored or given up for good, so they are never fetched (unless
  the listing's date for an entry moved past the one recorded when it was read: a
  correction or a live blog at the same address);
  records the rest in the crawl's ``Ledger``; learns from the item signals
  which entries got stored; and when the spider closes writes, in one
  transaction, the validators of each complete listing (a listing with an
  entry still missing forgets them, so the next crawl reads it in full), one
  failed attempt per missing entry, and how far each sitemap is covered.

A crawl killed before the end writes nothing: the next one starts from the
last complete state, and the store's unique keys keep what was stored once.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import sqlalchemy as sa
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from crawler import meta
from crawler.analysis.urls import canonical_url
from crawler.context import CrawlContext
from crawler.items import ArticleItem
from crawler.ledger import Closing, Ledger
from crawler.pipelines import StoreUnavailable
from crawler.safety.errors import describe_exception
from storage.crawlstate import forget_entries, given_up_urls, note_failures
from storage.dedupe import is_known_entry
from storage.engine import StorageError, read_session, write_session
from storage.schedule import get_last_seen_lastmod, set_last_seen_lastmod
from storage.sources import forget_validators, save_validators

log = logging.getLogger(__name__)

ENABLED_SETTING = "STATIONWATCH_CRAWLSTATE_ENABLED"
GONE = frozenset({404, 410})  # a page that is not coming back: given up at once


def _context(crawler: Crawler) -> CrawlContext | None:
    ctx = getattr(crawler.spider, "ctx", None)
    return ctx if isinstance(ctx, CrawlContext) else None


def _ledger(crawler: Crawler) -> Ledger | None:
    ctx = _context(crawler)
    return ctx.ledger(crawler.spider.name) if ctx is not None and crawler.spider else None


def _named(request: Request) -> str | None:
    """The URL a listing gave for this request (an entry's page or a child listing)."""
    if meta.ENTRY in request.meta:
        return str(request.meta[meta.ENTRY])
    if request.meta.get(meta.LISTING) and "listed_by" in request.meta:
        return str(request.meta.get("redirect_urls", [request.url])[0])
    return None


class ListingStateMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ListingStateMiddleware:
        if not crawler.settings.getbool(ENABLED_SETTING, True):
            raise NotConfigured
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        ctx = _context(self.crawler)
        if ctx is None or not request.meta.get(meta.LISTING) or meta.SEEN_UNTIL in request.meta:
            return None
        source = str(request.meta.get(meta.SOURCE, ""))
        etag, modified = ctx.validators(request.url)  # a quiet cycle is mostly these look-ups:
        request.meta[meta.SEEN_UNTIL] = ctx.seen_until(source)  # one query each per cycle
        if etag:
            request.headers["If-None-Match"] = etag
        if modified:
            request.headers["If-Modified-Since"] = modified
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        named = _named(request)
        ledger = _ledger(self.crawler)
        if named is not None and ledger is not None and response.status >= 400:
            ledger.failed(named, f"HTTP {response.status}", permanent=response.status in GONE)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        named = _named(request)
        ledger = _ledger(self.crawler)
        if named is not None and ledger is not None:
            ctx = _context(self.crawler)
            timeout = ctx.crawl.timeout.total_seconds() if ctx else None
            ledger.failed(named, describe_exception(exception, timeout=timeout))
        return None


class EntryStateMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._given_up: dict[str, set[str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EntryStateMiddleware:
        if not crawler.settings.getbool(ENABLED_SETTING, True):
            raise NotConfigured
        mw = cls(crawler)
        crawler.signals.connect(mw._stored, signal=signals.item_scraped)
        crawler.signals.connect(mw._dropped, signal=signals.item_dropped)
        crawler.signals.connect(mw._error, signal=signals.item_error)
        crawler.signals.connect(mw._closed, signal=signals.spider_closed)
        return mw

    def _count(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"stationwatch/{key}")

    # -- a listing's output ------------------------------------------------------

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        ctx, ledger = _context(self.crawler), _ledger(self.crawler)
        source = str(response.meta.get(meta.SOURCE))
        url = str(response.meta.get("redirect_urls", [response.url])[0])
        readable = 200 <= response.status < 300  # an error answer reaches here only through an errback
        if ctx is None or ledger is None or not response.meta.get(meta.LISTING) or not readable:
            if ledger is not None and response.meta.get(meta.LISTING) and response.status == 304:
                ledger.not_modified(url, source)
            async for out in result:
                yield out
            return
        etag, modified = response.headers.get(b"ETag"), response.headers.get(b"Last-Modified")
        ledger.read(url, source, etag=etag.decode("latin-1") if etag else None,
                    modified=modified.decode("latin-1") if modified else None)
        async for out in result:
            if self._admit(ctx, ledger, url, source, out):
                yield out
        if response.meta.get(meta.LISTING_ERROR):
            ledger.unparsable(url)

    def _admit(self, ctx: CrawlContext, ledger: Ledger, listing: str, source: str, out: Any) -> bool:
        """Record ``out`` in the ledger; False when it is known (or given up) and is dropped."""
        if isinstance(out, Request) and out.meta.get(meta.LISTING):
            if out.url in self._gone(ctx, source):
                ledger.known(listing, out.url, given_up=True)
                return False
            out.meta["listed_by"] = listing
            ledger.expect(listing, out.url, out.meta.get(meta.LISTED_DATE), is_listing=True)
            return True
        if isinstance(out, Request) and meta.ENTRY in out.meta:
            named, date = str(out.meta[meta.ENTRY]), out.meta.get(meta.LISTED_DATE)
            entry_id, title = out.meta.get("entry_id"), out.meta.get("title")
            revised = out.meta.get(meta.REVISED)
        elif isinstance(out, ArticleItem) and out.listed_url:
            named, date, entry_id, title = out.listed_url, None, out.feed_entry_id, out.title
            revised = out.listed_at
        else:
            return True
        if revised is not None and revised > ctx.now:
            revised = None  # a date in the future (a zone mislabelled) says nothing about edits
        if named in self._gone(ctx, source):
            ledger.known(listing, named, date, given_up=True)
            self._count("entry/given_up")
            return False
        with read_session(ctx.engine) as session:
            known = is_known_entry(session, source=source, canonical_url=canonical_url(named),
                                   entry_id=entry_id, title=title, revised=revised)
        if known:
            ledger.known(listing, named, date)
            self._count("entry/known")
            return False
        ledger.expect(listing, named, date)
        return True

    def _gone(self, ctx: CrawlContext, source: str) -> set[str]:
        if source not in self._given_up:
            with read_session(ctx.engine) as session:
                self._given_up[source] = given_up_urls(session, source)
        return self._given_up[source]

    # -- what became of each entry ---------------------------------------------------

    def _stored(self, item: Any, **_: Any) -> None:
        ledger = _ledger(self.crawler)
        if ledger is not None and isinstance(item, ArticleItem) and item.listed_url:
            ledger.stored(item.listed_url)

    def _dropped(self, item: Any, exception: BaseException, **_: Any) -> None:
        ledger = _ledger(self.crawler)
        if ledger is not None and isinstance(item, ArticleItem) and item.listed_url:
            if not isinstance(exception, StoreUnavailable):  # not the entry's fault: tried again
                ledger.failed(item.listed_url, str(exception))

    def _error(self, item: Any, failure: Any, **_: Any) -> None:
        ledger = _ledger(self.crawler)
        if ledger is not None and isinstance(item, ArticleItem) and item.listed_url:
            ledger.failed(item.listed_url, describe_exception(getattr(failure, "value", failure)))

    # -- the end ----------------------------------------------------------------------------

    def _closed(self, spider: Any, reason: str) -> None:
        ctx, ledger = _context(self.crawler), _ledger(self.crawler)
        if ctx is None or ledger is None:
            return
        finished = reason == "finished"
        try:
            with write_session(ctx.engine) as session:
                gave_up: set[str] = set()
                for source, failures in ledger.failures_by_source(finished=finished).items():
                    gave_up |= note_failures(session, source, failures, now=ctx.now)
                closing = ledger.close(finished=finished, gave_up=gave_up)
                _write(ctx, session, closing)
        except (sa.exc.OperationalError, StorageError) as exc:
            log.warning("the crawl state could not be saved (%s); the next crawl reads every "
                        "listing in full", getattr(exc, "orig", exc))
            return
        for url in gave_up:
            log.info("given up for good after repeated failures: %s", url)
        if closing.incomplete:
            log.info("%d listing(s) with entries still missing: read in full next time",
                     len(closing.incomplete))


def _write(ctx: CrawlContext, session: Any, closing: Closing) -> None:
    for listing in closing.complete.values():
        if listing.etag or listing.modified:
            save_validators(session, listing.url, listing.etag, listing.modified, ctx.now)
        else:
            forget_validators(session, listing.url)
    for listing in closing.incomplete.values():
        forget_validators(session, listing.url)
    for source, urls in closing.settled.items():
        forget_entries(session, source, urls)
    configured = {s.name: s for s in ctx.sources}
    for name, covered in closing.covered.items():
        before = get_last_seen_lastmod(session, name)
        if name in configured and (before is None or covered > before):
            config = configured[name]
            set_last_seen_lastmod(session, name, covered, kind=config.kind, url=config.url_str)
