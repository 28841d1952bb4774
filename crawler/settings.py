"""Scrapy settings built from the ``[crawl]`` table."""

from __future__ import annotations

import logging
from typing import Any

from crawler.config import CrawlConfig
from crawler.pipelines import ITEM_PIPELINES
from crawler.safety.scrapy_settings import safety_settings

log = logging.getLogger(__name__)


def scrapy_settings(crawl: CrawlConfig) -> dict[str, Any]:
    timeout = crawl.timeout.total_seconds()
    settings: dict[str, Any] = {
        "BOT_NAME": "stationwatch",
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": crawl.obey_robots_txt,
        "CONCURRENT_REQUESTS": crawl.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
        "DOWNLOAD_TIMEOUT": timeout,
        "DOWNLOAD_MAXSIZE": crawl.max_page_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "REDIRECT_MAX_TIMES": 10,
        "RETRY_TIMES": 1,
        # 429 and 503 are left to RetryAfterMiddleware, which honours Retry-After
        "RETRY_HTTP_CODES": [500, 502, 504, 522, 524, 408],
        "RETRY_AFTER_MAX": 60,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_ENABLED": True,
        "LOG_LEVEL": "WARNING",
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 0.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 2.0,
        "DOWNLOAD_DELAY": 0,
        "ITEM_PIPELINES": dict(ITEM_PIPELINES),
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "HTTPCACHE_ENABLED": False,
        "MEMUSAGE_ENABLED": False,
        "LOG_FORMATTER": "crawler.logformatter.QuietLogFormatter",
        # Scrapy starts this many item workers for every response, items or not; a response
        # yields one article at most, and 100 cost about 1 ms per response
        "CONCURRENT_ITEMS": 8,
        # the check parses each callback's source again for every response (our callbacks
        # return no values); about 1.5 ms per response
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
    }
    # the private-network guard, total deadline, size caps, redirect and scheme limits
    settings.update(safety_settings(crawl))
    middlewares = dict(settings.get("DOWNLOADER_MIDDLEWARES") or {})
    # just before Scrapy's RetryMiddleware (550), so it sees 429/503 first
    middlewares["crawler.retry_after.RetryAfterMiddleware"] = 549
    settings["DOWNLOADER_MIDDLEWARES"] = middlewares
    return settings
