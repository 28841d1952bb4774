"""The floors: the cost of the unavoidable work, measured on the same pages in the same run.

Floor A: trafilatura alone extracting the article pages in one process
(pages fetched once beforehand; only extraction is timed).
Floor B: a bare Scrapy spider fetching the same URLs (feeds and pages) and
doing nothing else, in a child process (``python -m bench.floors scrapy``).
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from bench.measure import REPO, display, run_measured

if TYPE_CHECKING:
    from scrapy.http import Response


@dataclass
class FloorA:
    pages: int
    seconds: float
    pages_per_s: float
    ms_per_page: float
    texts: list[tuple[str, str | None, str]]  # (url, title, text)
    call: str


def fetch_all(urls: list[str], threads: int = 8) -> list[tuple[str, bytes]]:
    def get(url: str) -> tuple[str, bytes]:
        with urllib.request.urlopen(url, timeout=30) as r:
            return url, r.read()

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(get, urls))


# The options stationwatch's extractor (crawler.analysis.pagetext) passes: the floor is
# trafilatura doing the same extraction, with nothing of ours around it.
class _Options(TypedDict):
    fast: bool
    include_comments: bool
    include_tables: bool
    with_metadata: bool
    deduplicate: bool


TRAFILATURA_OPTIONS: _Options = {"fast": True, "include_comments": False, "include_tables": False,
                       "with_metadata": True, "deduplicate": False}


def floor_a(pages: list[tuple[str, bytes]]) -> FloorA:
    """trafilatura.bare_extraction over every page; extraction time only."""
    import trafilatura

    if pages:
        trafilatura.bare_extraction(pages[0][1], **TRAFILATURA_OPTIONS)  # warm the caches
    texts: list[tuple[str, str | None, str]] = []
    t0 = time.perf_counter()
    for url, html in pages:
        doc = trafilatura.bare_extraction(html, **TRAFILATURA_OPTIONS)
        texts.append((url, getattr(doc, "title", None), getattr(doc, "text", None) or ""))
    seconds = time.perf_counter() - t0
    n = len(pages)
    return FloorA(n, seconds, n / seconds if seconds else 0.0, 1000 * seconds / max(n, 1), texts,
                  "trafilatura.bare_extraction(html, " + ", ".join(f"{k}={v}" for k, v in TRAFILATURA_OPTIONS.items()) + ")")


def floor_b(urls: list[str], workdir: Path, *, concurrency: int = 16) -> dict[str, float | int | str]:
    """Bare Scrapy over ``urls`` in a child process: wall, requests, req/s, CPU."""
    urlfile = workdir / "floor-b-urls.txt"
    urlfile.write_text("\n".join(urls))
    cmd = [sys.executable, "-m", "bench.floors", "scrapy", str(urlfile), "--concurrency", str(concurrency)]
    m = run_measured(cmd, timeout=900)
    if m.returncode != 0:
        raise RuntimeError(f"bare Scrapy failed ({m.returncode}): {m.tail()}")
    out: dict[str, float | int | str] = json.loads(m.stdout.strip().splitlines()[-1])
    out.update({"process_wall": m.wall, "process_cpu": m.cpu, "peak_rss_mb": m.peak_rss / 2**20,
                "command": display(cmd)})
    return out


def _scrapy_main(urlfile: str, concurrency: int) -> None:
    import scrapy
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    urls = [u for u in Path(urlfile).read_text().split() if u]
    marks: dict[str, float] = {}

    class BareSpider(scrapy.Spider):
        name = "bare"
        start_urls = urls

        def parse(self, response: Response) -> None:
            return None

    process = CrawlerProcess(settings={
        "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False,
        "CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "COOKIES_ENABLED": False, "RETRY_ENABLED": False, "DOWNLOAD_TIMEOUT": 30,
    })
    crawler = process.create_crawler(BareSpider)
    crawler.signals.connect(lambda spider: marks.setdefault("open", time.perf_counter()),
                            signal=signals.spider_opened)
    crawler.signals.connect(lambda spider, reason: marks.setdefault("close", time.perf_counter()),
                            signal=signals.spider_closed)
    t0 = time.perf_counter()
    process.crawl(crawler)
    process.start()
    wall = time.perf_counter() - t0
    stats = crawler.stats.get_stats()
    responses = int(stats.get("response_received_count", 0))
    crawl = marks.get("close", time.perf_counter()) - marks.get("open", t0)
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "requests": len(urls), "responses": responses, "crawl_seconds": crawl, "wall": wall,
        "req_per_s": responses / crawl if crawl else 0.0, "bytes": int(stats.get("downloader/response_bytes", 0)),
        "cpu": ru.ru_utime + ru.ru_stime, "concurrency": concurrency,
        "scrapy": scrapy.__version__, "reactor": type(__import__("twisted.internet.reactor").internet.reactor).__name__,
    }), flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.floors")
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("scrapy", help="floor B: bare Scrapy over a file of URLs")
    s.add_argument("urlfile")
    s.add_argument("--concurrency", type=int, default=16)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.cmd == "scrapy":
        _scrapy_main(args.urlfile, args.concurrency)


if __name__ == "__main__":
    main()


__all__ = ["FloorA", "REPO", "fetch_all", "floor_a", "floor_b"]
