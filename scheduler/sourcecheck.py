"""``sources check``: each chosen source fetched once, as a crawl would, storing nothing.

The crawl is the real one (the same spiders, middlewares and pipelines, so
robots.txt, the private-network guard, size caps, timeouts, Google News
decoding and wall recognition all apply) but its store is a scratch SQLite
file in a temporary folder, deleted afterwards: the configured store is never
opened. New figures are never alerted. ``CheckExtension`` tallies what each
source gave: the listing's HTTP status, the entries it offered, the links
resolved, the articles extracted (and how many from their headline alone),
the on-topic ones, the figures read, and what stopped pages.

Each source's article pages are capped at ``limit`` (``CheckLimitMiddleware``),
so a check of many sources stays short; entries are counted in full.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.config import SourceConfig
from crawler.context import CrawlContext
from crawler.headline import ENTRY_LINK_META
from crawler.progress import Progress
from scheduler.config import LoadedConfig

LIMIT_SETTING = "STATIONWATCH_CHECK_LIMIT"
RESULTS_SETTING = "STATIONWATCH_CHECK_RESULTS"


@dataclass(slots=True)
class SourceCheck:
    name: str
    kind: str
    url: str
    status: int | None = None  # the listing's HTTP status (None: no response)
    error: str | None = None  # why the listing failed, when it did
    entries: int = 0
    resolved: int = 0
    articles: int = 0  # extracted: pages read, and entries read from their headline alone
    headline_only: int = 0
    on_topic: int = 0
    figures: int = 0
    no_text: int = 0  # pages fetched with no article text in them
    stopped: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.articles > 0

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name, "kind": self.kind, "url": self.url, "ok": self.ok,
            "listing": {"status": self.status, "error": self.error},
            "entries": self.entries, "links_resolved": self.resolved,
            "articles": self.articles, "headline_only": self.headline_only,
            "on_topic": self.on_topic, "figures": self.figures, "no_text": self.no_text,
            "stopped_by": dict(sorted(self.stopped.items())),
        }


@dataclass(slots=True)
class Board:
    """The checks by source name, shared with the extension through the settings."""

    checks: dict[str, SourceCheck]

    def __deepcopy__(self, memo: dict[int, object]) -> Board:
        return self  # each crawler deep-copies its settings: the board stays one


class CheckExtension:
    """Tallies the listing status and the items of each source onto the ``Board``."""

    def __init__(self, board: Board) -> None:
        self.results = board.checks

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CheckExtension:
        board = crawler.settings.get(RESULTS_SETTING)
        if not isinstance(board, Board):
            raise NotConfigured("not a sources check")
        ext = cls(board)
        # as downloaded, before any middleware turns the response into a failure (a wall)
        crawler.signals.connect(ext._response, signal=signals.response_downloaded)
        crawler.signals.connect(ext._item, signal=signals.item_scraped)
        crawler.signals.connect(ext._dropped, signal=signals.item_dropped)
        return ext

    def _response(self, response: Any, request: Any, **_: object) -> None:
        check = self.results.get(str(request.meta.get("source")))
        first_url = (request.meta.get("redirect_urls") or [request.url])[0]
        if check is not None and first_url == check.url:
            check.status = response.status  # the last hop of the listing's redirects

    def _item(self, item: Any, **_: object) -> None:
        check = self.results.get(item.source)
        if check is None:
            return
        check.articles += 1
        check.headline_only += int(item.headline_only)
        check.on_topic += int(item.relevant)
        check.figures += len(item.claims)

    def _dropped(self, item: Any, **_: object) -> None:
        check = self.results.get(getattr(item, "source", ""))
        if check is not None:
            check.no_text += 1


class CheckLimitMiddleware:
    """Spider middleware: at most ``limit`` article pages per source (0: no cap)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.taken: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CheckLimitMiddleware:
        limit = crawler.settings.getint(LIMIT_SETTING, 0)
        if limit <= 0:
            raise NotConfigured("no cap on article pages")
        return cls(limit)

    def _keep(self, thing: Any) -> bool:
        if not isinstance(thing, Request) or ENTRY_LINK_META not in thing.meta:
            return True  # listings, child sitemaps and items pass
        source = str(thing.meta.get("source"))
        self.taken[source] = self.taken.get(source, 0) + 1
        return self.taken[source] <= self.limit

    def process_spider_output(self, response: Any, result: Iterable[Any]) -> Iterable[Any]:
        return (thing for thing in result if self._keep(thing))

    async def process_spider_output_async(self, response: Any, result: Any) -> Any:
        async for thing in result:
            if self._keep(thing):
                yield thing


def check_sources(
    cfg: LoadedConfig,
    sources: Sequence[SourceConfig],
    *,
    limit: int,
    progress: Callable[[Progress], None] | None = None,
) -> list[SourceCheck]:
    """Crawl ``sources`` once into a scratch store; what each gave, in the given order."""
    from scrapy.crawler import CrawlerProcess

    from crawler.settings import scrapy_settings
    from scheduler.cycle import SPIDERS
    from scheduler.logs import quiet_libraries
    from storage.engine import make_engine
    from storage.models import utcnow
    from storage.novelty import AlertPolicy
    from storage.schema import ensure_schema

    results = {s.name: SourceCheck(s.name, s.kind, s.url_str) for s in sources}
    with tempfile.TemporaryDirectory(prefix="stationwatch-check-") as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'check.db'}")
        try:
            ensure_schema(engine)
            policy = AlertPolicy(now=utcnow(), alert=False, max_age=cfg.app.alerts.max_age,
                                 channels=())
            ctx = CrawlContext(engine=engine, crawl=cfg.app.crawl, sources=sources, policy=policy,
                               keywords=cfg.app.topic.keywords)
            settings = scrapy_settings(cfg.app.crawl)
            settings["LOG_INSTALL_ROOT_HANDLER"] = False
            settings[RESULTS_SETTING] = Board(results)
            settings[LIMIT_SETTING] = limit
            settings["SPIDER_MIDDLEWARES"] = {**(settings.get("SPIDER_MIDDLEWARES") or {}),
                                              "scheduler.sourcecheck.CheckLimitMiddleware": 940}
            extensions = {**(settings.get("EXTENSIONS") or {}),
                          "scheduler.sourcecheck.CheckExtension": 500}
            if progress is not None:
                settings["STATIONWATCH_PROGRESS"] = progress
                extensions["crawler.progress.ProgressExtension"] = 510
            settings["EXTENSIONS"] = extensions
            process = CrawlerProcess(settings=settings)
            quiet_libraries(debug=logging.getLogger().level <= logging.DEBUG)
            for kind in SPIDERS:
                chosen = [s for s in sources if s.kind == kind]
                if chosen:
                    module, _, cls = SPIDERS[kind].partition(":")
                    process.crawl(getattr(import_module(module), cls), ctx=ctx, sources=chosen)
            if process.crawlers:
                process.start()
        finally:
            engine.dispose()
    for name, check in results.items():
        tally = ctx.result(name)
        check.entries, check.resolved = tally.entries, tally.resolved
        check.stopped = dict(tally.stops)
        if tally.result == "failed":
            check.error = tally.error
    return [results[s.name] for s in sources]
