"""Fetch URLs through Scrapy with the safety settings, in a child process.

``python -m tests.support.probe '<json>'`` where the JSON has ``urls`` and the
``[crawl]`` values (``timeout``, ``max_page_bytes``, ``allow_private_networks``),
and ``retry`` (the crawl's retries, Retry-After included; off unless true);
prints one JSON line per URL: ``url``, ``ok``, ``status``, ``bytes``,
``final_url``, ``error``, ``exception`` (the failure's class name), then a last
line with the ``safety/`` stats. A child process because Twisted's reactor
cannot restart.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess

from crawler.config import CrawlConfig
from crawler.safety.errors import describe_failure
from crawler.settings import scrapy_settings
from tests.support.cli import ROOT


class ProbeSpider(scrapy.Spider):
    name = "probe"

    def __init__(self, urls: list[str], cfg: CrawlConfig, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls, self.cfg = urls, cfg
        self.results: list[dict[str, Any]] = []

    async def start(self) -> Any:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.ok, errback=self.failed, dont_filter=True,
                                 meta={"source": "probe", "url0": url})

    def ok(self, response: scrapy.http.Response) -> Iterator[Any]:
        self.results.append({"url": response.meta["url0"], "ok": True, "status": response.status,
                             "bytes": len(response.body), "final_url": response.url,
                             "error": None, "exception": None})
        return iter(())

    def failed(self, failure: Any) -> None:
        self.results.append({"url": failure.request.meta["url0"], "ok": False, "status": None,
                             "bytes": None, "final_url": None,
                             "error": describe_failure(failure,
                                                       timeout=self.cfg.timeout.total_seconds(),
                                                       max_bytes=self.cfg.max_page_bytes),
                             "exception": type(failure.value).__name__})


def main(arg: str) -> None:
    spec = json.loads(arg)
    cfg = CrawlConfig(**spec["crawl"])
    settings = {**scrapy_settings(cfg), "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False,
                "RETRY_ENABLED": bool(spec.get("retry")), "AUTOTHROTTLE_ENABLED": False}
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(ProbeSpider)
    process.crawl(crawler, urls=spec["urls"], cfg=cfg)
    process.start()
    assert isinstance(crawler.spider, ProbeSpider)
    for row in crawler.spider.results:
        print(json.dumps(row))
    stats = {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("safety/")}
    print(json.dumps({"stats": stats}))


def probe(urls: list[str], *, timeout: float = 5.0, max_page_bytes: int = 1_000_000,
          allow_private_networks: bool = False,
          retry: bool = False) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """Run the probe in a child; results by URL, and the safety stats."""
    spec = {"urls": urls, "retry": retry,
            "crawl": {"timeout": timeout, "max_page_bytes": max_page_bytes,
                      "allow_private_networks": allow_private_networks}}
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_PROXY": "*", "no_proxy": "*"}
    done = subprocess.run([sys.executable, "-m", "tests.support.probe", json.dumps(spec)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    stats = lines.pop()["stats"]
    return {row["url"]: row for row in lines}, stats


if __name__ == "__main__":
    main(sys.argv[1])
