"""Scrapy settings built from the ``[crawl]`` table."""

from __future__ import annotations

import logging
import os
from typing import Any

from crawler.config import CrawlConfig
from crawler.pipelines import ITEM_PIPELINES
from crawler.safety.scrapy_settings import safety_settings

log = logging.getLogger(__name__)

GNEWS_ORIGIN_ENV = "STATIONWATCH_GNEWS_ORIGIN"  # the setting of crawler.gnews_middleware


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
    }
    # the private-network guard, total deadline, size caps, redirect and scheme limits
    settings.update(safety_settings(crawl))
    middlewares = dict(settings.get("DOWNLOADER_MIDDLEWARES") or {})
    # just before Scrapy's RetryMiddleware (550), so it sees 429/503 first
    middlewares["crawler.retry_after.RetryAfterMiddleware"] = 549
    # below RedirectMiddleware (600), so both see where a request landed; Google News
    # links are resolved before walls are judged (an interstitial is not a wall)
    middlewares["crawler.gnews_middleware.GoogleNewsMiddleware"] = 590
    middlewares["crawler.wall_middleware.WallMiddleware"] = 580
    settings["DOWNLOADER_MIDDLEWARES"] = middlewares
    # the evidence archive's capture (off unless STATIONWATCH_EVIDENCE_DIR is set)
    settings["SPIDER_MIDDLEWARES"] = {"crawler.evidence.EvidenceCaptureMiddleware": 950}
    # where requests for news.google.com go: a mirror, or the loopback imitation in tests
    origin = os.environ.get(GNEWS_ORIGIN_ENV)
    if origin:
        settings[GNEWS_ORIGIN_ENV] = origin
    return settings
