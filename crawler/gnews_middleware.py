"""Downloader middleware that resolves Google News article links inside the crawl.

Every request goes through Scrapy, so politeness, robots.txt, the
private-network guard, size caps and timeouts apply to Google's endpoint as to
any site. For a link ``news.google.com/rss/articles/<id>``:

1. a link resolved before (``storage.links``, keyed by its canonical URL) or
   an old-style id that carries the URL (``crawler.gnews.decode_offline``)
   goes straight to the publisher's page;
2. otherwise the link is fetched; a response that holds the interstitial's
   decoding data (recognised by content, ``crawler.gnews.interstitial_params``)
   becomes a POST to the decoding endpoint on the same origin; a response that
   landed on another site is the publisher's page (Google redirected);
3. the endpoint's answer gives the publisher's URL, which is remembered and
   fetched in place of the link, with the original callback and meta.

A link that cannot be resolved raises ``GoogleNewsUndecoded`` (an
``IgnoreRequest``), so the request's errback reads the feed entry as a
headline-only article (``crawler.headline``); a Google page is never stored
as an article. After ``MAX_FAILURES`` links in a row fail at the endpoint, the
rest of this crawl stops asking it.

``STATIONWATCH_GNEWS_ORIGIN`` (setting, or environment variable of that
name read by ``crawler.settings``) sends requests for news.google.com to
another origin: the loopback imitation in tests, or a mirror.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response, TextResponse

from crawler import gnews
from crawler.analysis.urls import canonical_url
from crawler.headline import RESOLVED_META
from crawler.safety.errors import describe_exception
from crawler.walls import consent_host

log = logging.getLogger(__name__)

ORIGIN_SETTING = "STATIONWATCH_GNEWS_ORIGIN"
LINK_META = "gnews_link"  # the canonical URL of the Google News link being resolved
STEP_META = "gnews_step"  # "link": the link's own request; "decode": the endpoint's
MAX_FAILURES = 3
# Scrapy's own per-request state, not carried over to the requests made in a link's stead
_SCRAPY_META = ("download_", "redirect_", "retry_", "_", "handle_httpstatus", "dont_")
_SCRAPY_KEYS = frozenset({"depth", "proxy", "max_retry_times", "ftp_user", "ftp_password"})


class GoogleNewsUndecoded(IgnoreRequest):
    """A Google News link whose publisher URL could not be had; the message says why."""

    def __init__(self, why: str) -> None:
        super().__init__(f"Google News link not resolved: {why}")


def _carried(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items()
            if not k.startswith(_SCRAPY_META) and k not in _SCRAPY_KEYS}


class GoogleNewsMiddleware:
    def __init__(self, crawler: Crawler, origin: str) -> None:
        self.crawler = crawler
        self.origin = urlsplit(origin)
        self.failures = 0  # links in a row the endpoint failed to resolve
        self._failed: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GoogleNewsMiddleware:
        origin = crawler.settings.get(ORIGIN_SETTING) or gnews.ORIGIN
        if not str(origin).startswith(("http://", "https://")):
            raise NotConfigured(f"{ORIGIN_SETTING} must be an http(s) origin, not {origin!r}")
        return cls(crawler, str(origin).rstrip("/"))

    # -- store and tallies --------------------------------------------------

    def _ctx(self) -> Any:
        return getattr(self.crawler.spider, "ctx", None)

    def _remembered(self, key: str) -> str | None:
        ctx = self._ctx()
        if ctx is None:
            return None
        from storage.engine import read_session
        from storage.links import resolved_url

        with read_session(ctx.engine) as session:
            return resolved_url(session, key)

    def _remember(self, key: str, url: str) -> None:
        ctx = self._ctx()
        if ctx is None:
            return
        from storage.engine import write_session
        from storage.links import remember_url

        with write_session(ctx.engine) as session:
            remember_url(session, key, url, ctx.now)

    def _count(self, key: str, request: Request | None = None) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"stationwatch/gnews/{key}")
        ctx = self._ctx()
        if key == "resolved" and ctx is not None and request is not None and request.meta.get("source"):
            ctx.result(request.meta["source"]).resolved += 1

    def _undecoded(self, why: str) -> GoogleNewsUndecoded:
        self._count("undecoded")
        exc = GoogleNewsUndecoded(why)
        log.info("%s", exc)
        return exc

    def _failure(self, key: str) -> None:
        if key not in self._failed:
            self._failed.add(key)
            self.failures += 1
            if self.failures == MAX_FAILURES:
                log.warning("the Google News decoder failed %d links in a row: the rest of this "
                            "crawl reads their entries as headlines", MAX_FAILURES)

    # -- requests -----------------------------------------------------------

    def _mapped(self, url: str) -> str:
        if self.origin.netloc == gnews.HOST and self.origin.scheme == "https":
            return url
        parts = urlsplit(url)
        return urlunsplit((self.origin.scheme, self.origin.netloc, parts.path, parts.query, ""))

    def _follow(self, request: Request, key: str, target: str) -> Request:
        meta = {**_carried(request.meta), LINK_META: key, RESOLVED_META: target}
        meta.pop(STEP_META, None)
        return Request(target, callback=request.callback, errback=request.errback, meta=meta,
                       priority=request.priority, dont_filter=request.dont_filter)

    def process_request(self, request: Request) -> Request | None:
        if LINK_META in request.meta or not gnews.is_google_news(request.url):
            return None
        url = request.url
        art_id = gnews.article_id(url)
        if art_id is None:  # the search feed or another Google News page
            mapped = self._mapped(url)
            return None if mapped == url else request.replace(url=mapped, dont_filter=True)
        key = canonical_url(url)
        target = self._remembered(key)
        if target is None:
            target = gnews.decode_offline(art_id)
            if target is not None:
                self._remember(key, target)
        if target is not None:
            self._count("resolved", request)
            return self._follow(request, key, target)
        if self.failures >= MAX_FAILURES:
            raise self._undecoded(f"the decoder failed {self.failures} links in a row in this crawl")
        mapped = self._mapped(url)
        if mapped == url:
            request.meta.update({LINK_META: key, STEP_META: "link"})
            return None
        return request.replace(url=mapped, meta={**request.meta, LINK_META: key, STEP_META: "link"},
                               dont_filter=True)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        step = request.meta.get(STEP_META)
        if step is None:
            return response
        key = str(request.meta[LINK_META])
        if step == "decode":
            return self._decoded(request, response, key)
        host = (urlsplit(response.url).hostname or "").lower()
        if host not in (self.origin.hostname, gnews.HOST) and consent_host(response.url) is None \
                and not host.endswith((".google.com", ".google")):
            # Google redirected to the publisher: this is the page, remember where it was
            self._remember(key, response.url)
            self._count("resolved", request)
            return response
        if response.status != 200:
            return response  # an HTTP error: the errback reads the entry instead
        link_id = gnews.article_id(key)
        params = (gnews.interstitial_params(response.text, link_id)
                  if isinstance(response, TextResponse) else None)
        if params is None:
            raise self._undecoded("the Google News page holds no decoding data")
        parts = urlsplit(response.url)
        endpoint = urlunsplit((parts.scheme, parts.netloc, gnews.DECODE_PATH, "", ""))
        self._count("decode_requests")
        return request.replace(
            url=endpoint, method="POST", body=gnews.decode_form(params, key),
            headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"},
            meta={**_carried(request.meta), STEP_META: "decode"}, dont_filter=True,
        )

    def _decoded(self, request: Request, response: Response, key: str) -> Request:
        target = None
        if response.status == 200 and isinstance(response, TextResponse):
            target = gnews.decoded_url(response.text)
        if target is None:
            self._failure(key)
            why = (f"the decoder answered HTTP {response.status}" if response.status != 200
                   else "the decoder's answer holds no URL")
            raise self._undecoded(why)
        self.failures = 0
        self._remember(key, target)
        self._count("resolved", request)
        return self._follow(request, key, target)

    def process_exception(self, request: Request, exception: Exception) -> None:
        """The endpoint could not be reached: the link is given up for this crawl."""
        if request.meta.get(STEP_META) != "decode" or isinstance(exception, IgnoreRequest):
            return None
        self._failure(str(request.meta[LINK_META]))
        raise self._undecoded(f"the decoder could not be reached ({describe_exception(exception)})") \
            from exception
