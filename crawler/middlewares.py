"""Downloader middlewares that keep the crawler inside safe bounds.

Thin Scrapy wrappers over the pure checks in ``crawler.safety``; each is built
by ``from_crawler``, switched off with ``NotConfigured``, and counts every
decision in the stats (``safety/...``). Priorities (see
``crawler.settings``) put both just above Scrapy's
``RedirectMiddleware`` (600), so their ``process_response`` sees a redirect
before it is followed, and their ``process_exception`` runs before
``RetryMiddleware`` (550) retries a refusal.

- ``PrivateNetworkMiddleware`` (off when ``allow_private_networks``): refuses
  requests to literal forbidden addresses in any spelling, redirects towards
  them, responses whose connected peer address is forbidden, and turns the
  guarded resolver's DNS refusals into a clear ``RefusedRequest``.
- ``RequestLimitsMiddleware``: http(s) only on every request and redirect
  hop, at most ``MAX_REDIRECTS`` redirects, URL length.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from twisted.internet.error import DNSLookupError

from crawler.safety.limits import MAX_REDIRECTS, url_problem
from crawler.safety.netguard import forbidden_reason, url_reason
from crawler.safety.resolver import ALLOW_SETTING, refusal_for

try:
    from scrapy.exceptions import CannotResolveHostError

    _NO_HOST: tuple[type[BaseException], ...] = (DNSLookupError, CannotResolveHostError)
except ImportError:  # an older Scrapy raises Twisted's own
    _NO_HOST = (DNSLookupError,)

log = logging.getLogger(__name__)

SOURCE_META = "source"  # request.meta key naming the configured source, when set
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
SAFETY_ENABLED_SETTING = "STATIONWATCH_SAFETY_ENABLED"
MAX_REDIRECTS_SETTING = "STATIONWATCH_MAX_REDIRECTS"


class RefusedRequest(IgnoreRequest):
    """A request the safety guards refused; the message says why."""

    def __init__(self, reason: str, url: str, source: str | None = None) -> None:
        self.reason, self.url, self.source = reason, url, source
        who = f"source {source}: " if source else ""
        super().__init__(f"{who}refused {url}: {reason}")


def _source(request: Request) -> str | None:
    value = request.meta.get(SOURCE_META)
    return str(value) if value is not None else None


def _location(request: Request, response: Response) -> str | None:
    if response.status not in REDIRECT_STATUSES:
        return None
    raw = response.headers.get("Location")
    if not raw:
        return None
    return urljoin(request.url, raw.decode("latin-1").strip())


class _Guard:
    stats_prefix = "safety"

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    def _refuse(self, kind: str, reason: str, request: Request, url: str | None = None) -> RefusedRequest:
        if self.stats is not None:
            self.stats.inc_value(f"{self.stats_prefix}/refused/{kind}")
            self.stats.inc_value(f"{self.stats_prefix}/refused")
        exc = RefusedRequest(reason, url or request.url, _source(request))
        log.warning("%s", exc)
        return exc

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"{self.stats_prefix}/{key}")


class PrivateNetworkMiddleware(_Guard):
    """No connection to loopback, private, link-local, reserved, ... addresses."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateNetworkMiddleware:
        settings = crawler.settings
        if settings.getbool(ALLOW_SETTING) or not settings.getbool(SAFETY_ENABLED_SETTING, True):
            raise NotConfigured  # allow_private_networks = true: the guard is off
        mw = cls(crawler)
        crawler.signals.connect(mw._spider_opened, signal=signals.spider_opened)
        return mw

    def _spider_opened(self, spider: Any) -> None:
        resolver = getattr(_reactor(), "resolver", None)
        if not hasattr(resolver, "refusals"):
            log.warning("the guarded DNS resolver is not installed: names are judged only "
                        "on the peer address after connecting")

    def process_request(self, request: Request) -> None:
        reason = url_reason(request.url)
        if reason is not None:
            raise self._refuse("private_address", reason, request)
        self._count("checked/request")
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        peer = response.ip_address
        if peer is not None:
            reason = forbidden_reason(peer)
            if reason is not None:
                raise self._refuse("private_peer", f"connected to {peer}: {reason}", request)
        target = _location(request, response)
        if target is not None:
            reason = url_reason(target)
            if reason is not None:
                raise self._refuse("private_redirect", f"redirect to {target}: {reason}",
                                   request)
        self._count("checked/response")
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if isinstance(exception, _NO_HOST):
            host = urlsplit(request.url).hostname or ""
            reason = refusal_for(host)
            if reason is not None:
                raise self._refuse("private_dns", reason, request) from exception
        return None


class RequestLimitsMiddleware(_Guard):
    """http(s) only, on every hop; a cap on redirects."""

    def __init__(self, crawler: Crawler, max_redirects: int) -> None:
        super().__init__(crawler)
        self.max_redirects = max_redirects

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequestLimitsMiddleware:
        settings = crawler.settings
        if not settings.getbool(SAFETY_ENABLED_SETTING, True):
            raise NotConfigured("safety limits switched off")
        return cls(crawler, settings.getint(MAX_REDIRECTS_SETTING, MAX_REDIRECTS))

    def process_request(self, request: Request) -> None:
        problem = url_problem(request.url)
        if problem is not None:
            raise self._refuse("url", problem, request)
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        target = _location(request, response)
        if target is None:
            return response
        problem = url_problem(target)
        if problem is not None:
            raise self._refuse("redirect_url", f"redirect to {target[:200]}: {problem}", request)
        hops = request.meta.get("redirect_times", 0)
        if hops >= self.max_redirects:
            raise self._refuse("redirect_limit",
                               f"more than {self.max_redirects} redirects", request)
        self._count("redirects/followed")
        return response


def _reactor() -> Any:
    from twisted.internet import reactor

    return reactor
