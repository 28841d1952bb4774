"""A Scrapy extension that reports a cycle's progress to a callback.

The callback (``CrawlContext.progress``) receives the running totals after
every response and stored item; the ``crawl`` command draws them on a
terminal. Without a callback the extension is not enabled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


@dataclass(slots=True)
class Progress:
    responses: int = 0
    items: int = 0
    dropped: int = 0


ProgressCallback = Callable[[Progress], None]


class ProgressExtension:
    def __init__(self, callback: ProgressCallback) -> None:
        self.callback = callback
        self.state = Progress()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        callback = crawler.settings.get("STATIONWATCH_PROGRESS")
        if callback is None:
            raise NotConfigured("no progress callback")
        ext = cls(callback)
        crawler.signals.connect(ext._response, signal=signals.response_received)
        crawler.signals.connect(ext._item, signal=signals.item_scraped)
        crawler.signals.connect(ext._dropped, signal=signals.item_dropped)
        return ext

    def _response(self, **_: object) -> None:
        self.state.responses += 1
        self.callback(self.state)

    def _item(self, **_: object) -> None:
        self.state.items += 1
        self.callback(self.state)

    def _dropped(self, **_: object) -> None:
        self.state.dropped += 1
        self.callback(self.state)
