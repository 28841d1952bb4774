"""Item pipelines: thin adapters over analysis/ and storage/, in one order.

    ExtractPipeline      page HTML → title, main text, date (trafilatura)
    AnalysePipeline      language, relevance, facility-count claims
    FingerprintPipeline  canonical URL, outlet, content hash, MinHash bands
    StorePipeline        dedupe + store + claims + outbox, one transaction

Their priorities are in the settings table, ``crawler.settings``.
"""

from __future__ import annotations

import logging
from typing import Any, NoReturn

import sqlalchemy as sa
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.analysis.document import analyse
from crawler.analysis.fingerprints import band_hashes, content_hash, signature
from crawler.analysis.pagetext import extract_page
from crawler.analysis.urls import canonical_url, outlet, unwrap_redirector
from crawler.context import STORE_FAILED, CrawlContext
from crawler.items import ArticleItem
from storage.engine import StorageError, disk_full_hint, write_session
from storage.record import ArticleRecord, record_article

log = logging.getLogger(__name__)


class StoreUnavailable(DropItem):
    """The store refused the write (full disk, read-only, damaged): the crawl stops."""


class _Stage:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> _Stage:
        return cls(crawler)

    @property
    def ctx(self) -> CrawlContext:
        ctx = getattr(self.crawler.spider, "ctx", None)
        if not isinstance(ctx, CrawlContext):
            raise RuntimeError("the stationwatch pipelines need a spider with a CrawlContext")
        return ctx

    def count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"stationwatch/{key}")


class ExtractPipeline(_Stage):
    def process_item(self, item: ArticleItem) -> ArticleItem:
        self.ctx.result(item.source).fetched += 1
        if item.html is not None:
            page = extract_page(item.html, item.url, need_date=item.published is None)
            item.html = None  # the page is not needed past this point
            item.text = page.text
            item.title = page.title or item.title
            item.published = item.published or page.published
            item.declared_canonical = page.canonical
            item.lang = page.lang
        if not item.text:
            self.ctx.result(item.source).irrelevant += 1
            self.count("article/no_text")
            raise DropItem(f"no article text found at {item.url}")
        return item


class AnalysePipeline(_Stage):
    def process_item(self, item: ArticleItem) -> ArticleItem:
        result = analyse(
            item.text or "",
            # a headline-only article's text starts with its title already
            title=None if item.headline_only else item.title,
            lang_hint=item.lang_hint,
            keywords=self.ctx.keywords,
        )
        item.lang = result.lang or item.lang or item.lang_hint
        item.relevant = result.relevant
        item.score = result.score
        item.claims = [c.to_dict() for c in result.claims] if result.relevant else []
        self.count("article/relevant" if result.relevant else "article/irrelevant")
        return item


class FingerprintPipeline(_Stage):
    def process_item(self, item: ArticleItem) -> ArticleItem:
        url = unwrap_redirector(item.url)
        item.canonical_url = canonical_url(url, declared=item.declared_canonical)
        item.outlet = item.outlet or outlet(item.canonical_url)  # a headline names its publisher
        if item.relevant and item.text:
            item.content_hash = content_hash(item.text)
            if not item.headline_only:  # a headline is too short to judge near-duplicates by
                item.signature = signature(item.text)
                item.bands = band_hashes(item.signature) if item.signature else []
        return item


class StorePipeline(_Stage):
    def process_item(self, item: ArticleItem) -> ArticleItem:
        record = ArticleRecord(
            source=item.source,
            url=item.url,
            canonical_url=item.canonical_url or item.url,
            fetched_at=item.fetched_at,
            feed_entry_id=item.feed_entry_id,
            outlet=item.outlet,
            title=item.title,
            published=item.published,
            lang=item.lang,
            text=item.text,
            content_hash=item.content_hash,
            signature=item.signature,
            bands=item.bands,
            relevant=item.relevant,
            score=item.score,
            claims=item.claims,
            evidence=item.evidence,
            headline_only=item.headline_only,
            listed_at=item.listed_at,
        )
        try:
            outcome = self._store(record)
        except (sa.exc.OperationalError, StorageError) as exc:
            self._store_unusable(exc)
        tally = self.ctx.result(item.source)
        if outcome.status == "new":
            tally.new += 1
        elif outcome.status == "irrelevant":
            tally.irrelevant += 1
        else:
            tally.duplicate += 1
        self.count(f"store/{outcome.status}")
        if outcome.alert_id is not None:
            self.count("store/alert")
            log.info("alert %s raised by %s", outcome.alert_id, record.canonical_url)
        return item

    def _store_unusable(self, exc: sa.exc.OperationalError | StorageError) -> NoReturn:
        """The store cannot take writes (full disk, I/O error): stop this crawl cleanly.

        Nothing of the article is kept, so it is not "known" and the next cycle
        fetches it again; the error is logged once, without a traceback, and
        every source of the cycle fails with it (the crawl exits 1).
        """
        from scrapy.utils.defer import deferred_from_coro

        cause = exc.orig if isinstance(exc, sa.exc.OperationalError) else exc
        reason = f"{STORE_FAILED}: {cause}{disk_full_hint(str(self.ctx.engine.url))}"
        self.count("store/unavailable")
        self.ctx.store_failed(reason)
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None and not getattr(self, "_closing", False):
            self._closing = True
            log.error("%s; stopping this crawl", reason)
            deferred_from_coro(engine.close_spider_async(reason="store_unavailable"))
        raise StoreUnavailable(reason)

    def _store(self, record: ArticleRecord) -> Any:
        engine: sa.Engine = self.ctx.engine
        try:
            with write_session(engine) as session:
                return record_article(session, record, self.ctx.policy)
        except sa.exc.IntegrityError:
            # Another writer stored the same URL first: the unique key decided;
            # store again, now as an update of what is there.
            log.info("concurrent insert of %s; recording as an update", record.canonical_url)
            with write_session(engine) as session:
                return record_article(session, record, self.ctx.policy)
