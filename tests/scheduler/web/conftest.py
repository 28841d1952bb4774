from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from scheduler.config import load_config
from scheduler.web.server import WebHandle, start_in_thread
from tests.scheduler.web.site import CrawledStore, crawl_into


@pytest.fixture(scope="session")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> CrawledStore:
    """One loopback crawl for every test that reads its store (never written to after)."""
    return crawl_into(tmp_path_factory.mktemp("crawled"))


@pytest.fixture(scope="session")
def dashboard(crawled: CrawledStore) -> Iterator[WebHandle]:
    handle = start_in_thread(load_config(crawled.config), port=0)
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture
def client(dashboard: WebHandle) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=dashboard.url, timeout=10) as c:
        yield c
