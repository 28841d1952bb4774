"""What the crawl workers' fork server loads once, before it forks any crawl.

Importing this module is the warm-up: Scrapy and every component a crawl's
settings name (loaded, not built), the spiders and pipelines, trafilatura,
and the analysis' language data (``warm_up``). A crawl forked from that
process starts with all of it in memory, shared copy-on-write.

Nothing here installs Twisted's reactor or starts a thread (a fork would copy
neither safely): each crawl installs its own reactor after the fork. The
channel secrets are dropped from the environment first, so that no crawl,
which never sends anything, can read them.
"""

from __future__ import annotations

import logging
import os
import sys
from importlib import import_module

from scheduler.config import ENV_APPRISE, ENV_SECRETS

for _var in list(os.environ):
    if _var in ENV_SECRETS or _var.startswith(ENV_APPRISE):
        del os.environ[_var]

from scrapy.settings import Settings  # noqa: E402 - after the environment is clean
from scrapy.utils.misc import load_object  # noqa: E402

import scheduler.cycle  # noqa: E402 - the crawl cycle and, through it, storage
from crawler.analysis.document import warm_up  # noqa: E402
from crawler.config import CrawlConfig  # noqa: E402
from crawler.pipelines import extract_page, signature  # type: ignore[attr-defined]  # noqa: E402 - the pipeline's own
from crawler.settings import scrapy_settings  # noqa: E402

COMPONENTS = ("DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "EXTENSIONS", "ITEM_PIPELINES")
CLASSES = ("SCHEDULER", "DUPEFILTER_CLASS", "STATS_CLASS", "LOG_FORMATTER", "DOWNLOADER",
           "REQUEST_FINGERPRINTER_CLASS", "SCHEDULER_PRIORITY_QUEUE", "SCHEDULER_MEMORY_QUEUE",
           "ITEM_PROCESSOR")
# A page through the pipeline's extractor, so trafilatura and what it loads on first use are
# in memory before any crawl is forked.
SAMPLE_PAGE = (
    "<html lang='en'><head><title>Warm-up</title><meta name='date' content='2024-01-02'></head>"
    "<body><article><h1>Warm-up</h1>" + "<p>This paragraph only exists to load the extractor "
    "before the first crawl is forked, so that no crawl pays for it again.</p>" * 4 +
    "</article></body></html>"
)


def _load_components() -> None:
    settings = Settings(scrapy_settings(CrawlConfig()))
    for key in COMPONENTS:
        for path, order in settings.getwithbase(key).items():
            if order is not None:
                load_object(path)
    for path in settings.getwithbase("DOWNLOAD_HANDLERS").values():
        if path:
            load_object(path)
    for key in CLASSES:
        value = settings.get(key)
        if isinstance(value, str):
            load_object(value)
    for spider in scheduler.cycle.SPIDERS.values():
        import_module(spider.partition(":")[0])


try:
    _load_components()
    page = extract_page(SAMPLE_PAGE)
    signature(page.text or "warm up")
    warm_up()
except (ImportError, AttributeError) as exc:  # the fork server would swallow it silently
    logging.getLogger(__name__).error("the crawl warm-up failed, crawls will start cold: %s", exc)
    raise ImportError(str(exc)) from exc

if "twisted.internet.reactor" in sys.modules:  # pragma: no cover - a guard for future imports
    raise RuntimeError("the warm-up installed Twisted's reactor; crawls forked from it would share it")

READY = True  # a crawl checks this: the whole warm-up ran (a fork server swallows ImportError)
