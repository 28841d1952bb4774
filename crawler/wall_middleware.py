"""Downloader middleware: a consent wall, JavaScript shell, bot check or paywall is
never handed to a spider as a listing or an article.

A thin wrapper over ``crawler.walls.wall_reason``: such a response becomes a
``BlockedPage`` (an ``IgnoreRequest`` whose message says what blocked it), so a
listing fails with that reason ("blocked by a consent page (consent.google.com)")
and an article's errback reads its feed entry as a headline-only article.
Only requests of a configured source (``meta["source"]``) are judged; HTTP
errors are left to Scrapy's ``HttpErrorMiddleware``. A feed's or sitemap's
listing is judged for consent walls only: their parsers already name an HTML
or bot-check page where the feed should be ("not a feed: got a captcha ...").
"""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Response

from crawler.headline import ENTRY_LINK_META
from crawler.walls import WALL_KINDS, consent_host, wall_reason

log = logging.getLogger(__name__)

ENABLED_SETTING = "STATIONWATCH_WALLS_ENABLED"


class BlockedPage(IgnoreRequest):
    """The response is a wall in front of the page; the message says which."""


class WallMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WallMiddleware:
        if not crawler.settings.getbool(ENABLED_SETTING, True):
            raise NotConfigured("wall recognition switched off")
        return cls(crawler)

    def _kinds(self, request: Request) -> tuple[str, ...]:
        if ENTRY_LINK_META in request.meta:  # an entry's page (spiders.base.article_request)
            return WALL_KINDS
        sources = getattr(self.crawler.spider, "sources", {})
        source = sources.get(request.meta["source"]) if isinstance(sources, dict) else None
        return WALL_KINDS if getattr(source, "kind", None) == "page" else ("consent",)

    def process_response(self, request: Request, response: Response) -> Response:
        if "source" not in request.meta:
            return response
        if response.status >= 300 and consent_host(response.url) is None:
            return response
        html = response.text if isinstance(response, HtmlResponse) else None
        reason = wall_reason(response.url, html, self._kinds(request))
        if reason is None:
            return response
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("stationwatch/walls/blocked")
        log.info("source %s: %s at %s", request.meta["source"], reason, response.url)
        raise BlockedPage(reason)
