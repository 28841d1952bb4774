"""Scrapy settings built from the ``[crawl]`` table: one table, each entry set once.

What the safety entries buy (verified against Scrapy 2.19's source):

- ``DOWNLOAD_TIMEOUT``: a *total* deadline. The HTTP/1.1 handler arms one
  ``callLater(timeout, cancel)`` over connect, headers and body together, so
  a server trickling a byte every few seconds is cut off at the deadline.
- ``DOWNLOAD_MAXSIZE``: the handler aborts a body larger than this (by
  Content-Length up front, or as bytes arrive), and ``HttpCompressionMiddleware``
  applies the same cap to the *decompressed* size of gzip, deflate, brotli and
  zstd bodies, decompressing in 64 KiB steps, so a bomb stops at the cap.
- ``REDIRECT_MAX_TIMES`` plus ``RequestLimitsMiddleware``: at most 10 hops,
  http(s) only on each.
- ``TWISTED_DNS_RESOLVER``: the guarded resolver (``CrawlerProcess`` installs
  it on the reactor), plus ``PrivateNetworkMiddleware`` for literal addresses,
  redirect targets and the connected peer.
- ``DOWNLOAD_HANDLERS``: no handler for file:, ftp:, s3: or data: at all.
"""

from __future__ import annotations

import os
from typing import Any

from crawler.config import CrawlConfig
from crawler.safety.limits import MAX_REDIRECTS
from crawler.safety.resolver import ALLOW_SETTING

# Downloader middlewares, by priority: a request passes them from low to high on
# its way out, its response from high to low on the way back. Scrapy's own are
# listed (as comments) where they sit, so each of ours is placed once, here.
DOWNLOADER_MIDDLEWARES = {
    # first out, last back: validators for listings; sees each entry's final answer,
    # after retries and redirects
    "crawler.crawlstate.ListingStateMiddleware": 50,
    # 100 RobotsTxt, 300 HttpAuth, 350 DownloadTimeout, 400 DefaultHeaders, 500 UserAgent
    # just before Retry, so that it sees 429/503 first and honours Retry-After
    "crawler.retry_after.RetryAfterMiddleware": 549,
    # 550 Retry, 560 AjaxCrawl, 580 MetaRefresh
    # between MetaRefresh and HttpCompression: both see decompressed bodies where a
    # request landed; Google News links are resolved before walls are judged (an
    # interstitial is not a wall)
    "crawler.wall_middleware.WallMiddleware": 584,
    "crawler.gnews_middleware.GoogleNewsMiddleware": 586,
    # 590 HttpCompression, 600 Redirect
    # above Redirect: a 30x is judged before it is followed, and a refusal is raised
    # before Retry could retry it
    "crawler.middlewares.RequestLimitsMiddleware": 610,
    "crawler.middlewares.PrivateNetworkMiddleware": 620,
    # 700 Cookies (off), 750 HttpProxy, 850 DownloaderStats, 900 HttpCache (off)
}

# Spider middlewares, by priority: a response passes them from low to high on its
# way to the spider, the spider's output from high to low.
SPIDER_MIDDLEWARES = {
    # 50 HttpError, 500 Referer, 800 UrlLength, 900 Depth (Scrapy's)
    # last to see the spider's output: entries already stored never reach the scheduler
    "crawler.crawlstate.EntryStateMiddleware": 25,
    # the evidence archive's capture (off unless STATIONWATCH_EVIDENCE_DIR is set)
    "crawler.evidence.EvidenceCaptureMiddleware": 950,
}

# Item pipelines, in order; spaced so that later work can slot in between.
ITEM_PIPELINES = {
    "crawler.pipelines.ExtractPipeline": 100,  # page HTML → title, main text, date
    "crawler.pipelines.AnalysePipeline": 200,  # language, relevance, claims
    "crawler.evidence.EvidencePipeline": 250,  # the response of an article with claims → WARC
    "crawler.pipelines.FingerprintPipeline": 300,  # canonical URL, outlet, hashes
    "crawler.pipelines.StorePipeline": 400,  # dedupe + store + claims + outbox, one transaction
}

GNEWS_ORIGIN_ENV = "STATIONWATCH_GNEWS_ORIGIN"  # the setting of crawler.gnews_middleware


def scrapy_settings(crawl: CrawlConfig) -> dict[str, Any]:
    timeout = max(crawl.timeout.total_seconds(), 0.1)
    settings: dict[str, Any] = {
        "BOT_NAME": "stationwatch",
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": crawl.obey_robots_txt,
        "DOWNLOADER_MIDDLEWARES": dict(DOWNLOADER_MIDDLEWARES),
        "SPIDER_MIDDLEWARES": dict(SPIDER_MIDDLEWARES),
        "ITEM_PIPELINES": dict(ITEM_PIPELINES),
        # concurrency and politeness
        "CONCURRENT_REQUESTS": crawl.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 0.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 2.0,
        "DOWNLOAD_DELAY": 0,
        # retries: 429 and 503 are left to RetryAfterMiddleware, which honours Retry-After
        "RETRY_TIMES": 1,
        "RETRY_HTTP_CODES": [500, 502, 504, 522, 524, 408],
        "RETRY_AFTER_MAX": 60,
        # bounds (see the module docstring)
        "DOWNLOAD_TIMEOUT": timeout,
        "DNS_TIMEOUT": min(timeout, 60.0),
        "DOWNLOAD_MAXSIZE": crawl.max_page_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "DOWNLOAD_FAIL_ON_DATALOSS": True,
        "COMPRESSION_ENABLED": True,
        "REDIRECT_ENABLED": True,
        "REDIRECT_MAX_TIMES": MAX_REDIRECTS,
        "STATIONWATCH_MAX_REDIRECTS": MAX_REDIRECTS,
        "DOWNLOAD_HANDLERS": {"file": None, "ftp": None, "s3": None, "data": None},
        # the private-network guard (off when allow_private_networks = true)
        "STATIONWATCH_SAFETY_ENABLED": True,
        ALLOW_SETTING: crawl.allow_private_networks,
        "TWISTED_DNS_RESOLVER": "crawler.safety.resolver.GuardedResolver",
        # nothing kept between runs but what the store keeps
        "COOKIES_ENABLED": False,
        "HTTPCACHE_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "MEMUSAGE_ENABLED": False,
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "LOG_ENABLED": True,
        "LOG_LEVEL": "WARNING",
        "LOG_FORMATTER": "crawler.logformatter.QuietLogFormatter",
        # Scrapy starts this many item workers for every response, items or not; a response
        # yields one article at most, and 100 cost about 1 ms per response
        "CONCURRENT_ITEMS": 8,
        # the check parses each callback's source again for every response (our callbacks
        # return no values); about 1.5 ms per response
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
    }
    # where requests for news.google.com go: a mirror, or the loopback imitation in tests
    origin = os.environ.get(GNEWS_ORIGIN_ENV)
    if origin:
        settings[GNEWS_ORIGIN_ENV] = origin
    return settings
