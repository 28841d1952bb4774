"""Handing the responses claims were read from to the evidence archive (``[evidence]``).

Two thin components, both off (``NotConfigured``) unless the crawl sets
``STATIONWATCH_EVIDENCE_DIR``:

- ``EvidenceCaptureMiddleware`` (spider middleware) puts the response an
  article came from (its page, or the feed for a feed's own text) on the
  item as an ``Exchange``: request and response headers, status, body;
- ``EvidencePipeline`` (after analysis, before the store) writes it to the
  WARC archive when the article is on topic and has claims, and leaves the
  record's pointer on the item for ``StorePipeline``, which stores it with
  the claims in one transaction. Every other response is dropped unwritten.

A response that several items came from (a feed) is written once. When the
archive cannot be written (a full disk), the article is still stored, without
a pointer, and the error is logged once per crawl.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from crawler.items import ArticleItem
from storage.evidence.warc import DEFAULT_MAX_FILE_BYTES, EvidenceRef, Exchange, WarcArchive

log = logging.getLogger(__name__)

SETTING_DIR = "STATIONWATCH_EVIDENCE_DIR"
SETTING_MAX_BYTES = "STATIONWATCH_EVIDENCE_MAX_FILE_BYTES"
_WRITTEN_CACHE = 256  # responses remembered as written (a feed's entries share one)


def _pairs(headers: Any) -> tuple[tuple[str, str], ...]:
    out = []
    for name, values in headers.items():
        key = name.decode("latin-1") if isinstance(name, bytes) else str(name)
        for value in values:
            out.append((key, value.decode("latin-1") if isinstance(value, bytes) else str(value)))
    return tuple(out)


def exchange_of(response: Response) -> Exchange:
    request = response.request
    return Exchange(
        url=response.url,
        status=response.status,
        response_headers=_pairs(response.headers),
        body=response.body,
        fetched_at=datetime.now(UTC),
        method=request.method if request is not None else "GET",
        request_headers=_pairs(request.headers) if request is not None else (),
        protocol=getattr(response, "protocol", None) or "HTTP/1.1",
        ip_address=str(response.ip_address) if getattr(response, "ip_address", None) else None,
    )


class EvidenceCaptureMiddleware(BaseSpiderMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.get(SETTING_DIR):
            raise NotConfigured("the evidence archive is off")
        super().__init__(crawler)
        self._last: tuple[Response, Exchange] | None = None

    def get_processed_item(self, item: Any, response: Response | None) -> Any:
        if isinstance(item, ArticleItem) and response is not None and item.exchange is None:
            if self._last is None or self._last[0] is not response:
                self._last = (response, exchange_of(response))
            item.exchange = self._last[1]
        return item


class EvidencePipeline:
    def __init__(self, crawler: Crawler, folder: Path, max_file_bytes: int) -> None:
        self.crawler = crawler
        self.archive = WarcArchive(folder, max_file_bytes=max_file_bytes)
        # responses already written, by URL and capture time (a feed's entries share one)
        self._written: OrderedDict[tuple[str, datetime], EvidenceRef] = OrderedDict()
        self._broken: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EvidencePipeline:
        folder = crawler.settings.get(SETTING_DIR)
        if not folder:
            raise NotConfigured("the evidence archive is off")
        max_bytes = crawler.settings.getint(SETTING_MAX_BYTES, DEFAULT_MAX_FILE_BYTES)
        return cls(crawler, Path(folder), max_bytes)

    def close_spider(self) -> None:
        self.archive.close()

    def _count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"stationwatch/evidence/{key}")

    def process_item(self, item: ArticleItem) -> ArticleItem:
        exchange, item.exchange = item.exchange, None  # the body is not needed past this point
        if exchange is None or not item.relevant or not item.claims:
            return item
        key = (exchange.url, exchange.fetched_at)
        known = self._written.get(key)
        if known is not None:
            item.evidence = known
            return item
        if self._broken is not None:
            self._count("not_written")
            return item
        try:
            ref = self.archive.write(exchange)
        except OSError as exc:
            self._broken = f"cannot write the evidence archive in {self.archive.folder}: {exc}"
            log.error("%s; articles are stored without their archived response", self._broken)
            self._count("not_written")
            self.archive.close()
            return item
        self._written[key] = ref
        if len(self._written) > _WRITTEN_CACHE:
            self._written.popitem(last=False)
        self._count("written")
        item.evidence = ref
        return item
