"""Fetch one URL through Scrapy with the Retry-After middleware; print what came back.

Run as ``python -m tests.scheduler.daemon.retry_after_probe URL`` (a fresh process: Scrapy's
reactor cannot restart inside the test process).
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from twisted.python.failure import Failure


class Probe(scrapy.Spider):
    name = "probe"
    seen: list[Any] = []

    def __init__(self, url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url = url

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.url, callback=self.done, errback=self.failed,
                             meta={"handle_httpstatus_list": [429, 503]})

    def done(self, response: Response) -> None:
        Probe.seen.append(response.status)

    def failed(self, failure: Failure) -> None:
        Probe.seen.append(type(failure.value).__name__)


def main() -> int:
    process = CrawlerProcess(settings={
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "RETRY_TIMES": 2,
        "RETRY_HTTP_CODES": [500, 502, 504, 522, 524, 408],
        "RETRY_AFTER_MAX": 5,
        "DOWNLOADER_MIDDLEWARES": {"crawler.retry_after.RetryAfterMiddleware": 549},
    })
    process.crawl(Probe, url=sys.argv[1])
    process.start()
    print(json.dumps(Probe.seen))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
