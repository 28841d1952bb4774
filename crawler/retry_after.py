"""Honour ``Retry-After`` on 429 and 503 answers.

Scrapy's own ``RetryMiddleware`` retries those at once. This one replaces it
for those two codes: when the answer says how long to wait (seconds or an
HTTP date) and the wait is at most ``RETRY_AFTER_MAX`` seconds (default 60),
the retry request goes out after that wait (and the host's download slot
is held back as long, when it has a delay); a longer
wait gives up on the request for this cycle (the source is tried again on its
schedule). Retries go through ``get_retry_request`` so stats and the retry
budget are Scrapy's.

Settings: ``RETRY_AFTER_ENABLED`` (default True), ``RETRY_AFTER_MAX`` (seconds).
Place it just before Scrapy's RetryMiddleware (priority 549 < 550) and drop 429
and 503 from ``RETRY_HTTP_CODES`` so that one does not retry them too.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

log = logging.getLogger(__name__)

CODES = (429, 503)


def parse_retry_after(value: str | bytes | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP date); None if absent or bad."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware:
    def __init__(self, crawler: Crawler, max_wait: float) -> None:
        self.crawler = crawler
        self.max_wait = max_wait
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        settings = crawler.settings
        if not settings.getbool("RETRY_AFTER_ENABLED", True) or not settings.getbool("RETRY_ENABLED", True):
            raise NotConfigured
        return cls(crawler, settings.getfloat("RETRY_AFTER_MAX", 60.0))

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Any:
        spider = spider or self.crawler.spider
        if spider is None or response.status not in CODES or request.meta.get("dont_retry", False):
            return response
        wait = parse_retry_after(response.headers.get(b"Retry-After"))
        if wait is not None and wait > self.max_wait:
            self.stats.inc_value("retry_after/too_long", spider=spider)
            log.info("%s answered %d with Retry-After %.0fs: not waiting this cycle",
                     request.url, response.status, wait)
            raise IgnoreRequest(f"Retry-After {wait:.0f}s exceeds {self.max_wait:.0f}s")
        retry = get_retry_request(request, spider=spider, reason=f"{response.status} with Retry-After")
        if retry is None:
            return response
        if wait:
            self.stats.inc_value("retry_after/waited", spider=spider)
            self._hold_slot(request, wait)
            from twisted.internet import reactor  # the running one; never installed at import

            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        return retry

    def _hold_slot(self, request: Request, wait: float) -> None:
        """Delay the host's download slot so its next request goes out after ``wait``.

        Scrapy stamps ``slot.lastseen`` with its own clock (``time.monotonic``
        since 2.13, the wall clock before). Mixing the two put the stamp some
        1.7e9 s ahead and held the slot, and so the crawl, for decades; the
        clock is therefore read off the stamp itself: the one near it is the
        one the downloader used (it was set when this request went out).
        """
        engine = self.crawler.engine
        if engine is None:
            return
        downloader = engine.downloader
        key = request.meta.get("download_slot") or downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is None:
            return
        now = min((time.monotonic(), time.time()), key=lambda t: abs(t - slot.lastseen))
        slot.lastseen = max(slot.lastseen, now + min(wait, self.max_wait) - slot.download_delay())
