"""The Scrapy settings that switch the safety guards on, from ``[crawl]``.

``crawler.settings`` merges ``safety_settings(crawl_cfg)`` into the settings
it builds. What each entry buys (verified against Scrapy 2.19's source):

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

from typing import Any

from crawler.config import CrawlConfig
from crawler.safety.limits import MAX_REDIRECTS
from crawler.safety.resolver import ALLOW_SETTING

# Downloader middleware priorities: both sit just above RedirectMiddleware (600)
# so process_response sees a 30x before it is followed, and so
# process_exception runs before RetryMiddleware (550) would retry a refusal.
PRIVATE_NETWORK_PRIORITY = 620
REQUEST_LIMITS_PRIORITY = 610

MIDDLEWARES = {
    "crawler.middlewares.PrivateNetworkMiddleware": PRIVATE_NETWORK_PRIORITY,
    "crawler.middlewares.RequestLimitsMiddleware": REQUEST_LIMITS_PRIORITY,
}


def safety_settings(crawl_cfg: CrawlConfig) -> dict[str, Any]:
    """Scrapy settings entries for the guards, limits and resolver."""
    timeout = max(crawl_cfg.timeout.total_seconds(), 0.1)
    return {
        "STATIONWATCH_SAFETY_ENABLED": True,
        ALLOW_SETTING: crawl_cfg.allow_private_networks,
        "STATIONWATCH_MAX_REDIRECTS": MAX_REDIRECTS,
        "DOWNLOADER_MIDDLEWARES": dict(MIDDLEWARES),
        "TWISTED_DNS_RESOLVER": "crawler.safety.resolver.GuardedResolver",
        "DNS_TIMEOUT": min(timeout, 60.0),
        "DOWNLOAD_TIMEOUT": timeout,
        "DOWNLOAD_MAXSIZE": crawl_cfg.max_page_bytes,
        "DOWNLOAD_FAIL_ON_DATALOSS": True,
        "COMPRESSION_ENABLED": True,
        "REDIRECT_ENABLED": True,
        "REDIRECT_MAX_TIMES": MAX_REDIRECTS,
        "DOWNLOAD_HANDLERS": {"file": None, "ftp": None, "s3": None, "data": None},
    }
