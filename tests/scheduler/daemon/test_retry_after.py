"""Retry-After on 429/503: waited out when short, given up on when too long."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from crawler.retry_after import parse_retry_after
from tests.support.probe import probe
from tests.support.web import LoopbackWeb, Resource


def test_parse_retry_after() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(b" 7 ") == 7.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30)), now=now) == 30.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30)), now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def _probe(url: str) -> list[object]:
    """Fetch ``url`` with the crawl's retry settings: its status, or the failure's class name."""
    rows, _ = probe([url], timeout=10, allow_private_networks=True, retry=True)
    row = rows[url]
    return [row["status"] if row["ok"] else row["exception"]]


@pytest.mark.slow
def test_short_retry_after_is_waited_out() -> None:
    with LoopbackWeb(auto_etag=True) as site:
        for status in (429, 503):
            path = f"/busy{status}"
            site.add(path, [Resource(b"slow down", "text/plain", status, {"Retry-After": "2"}),
                            Resource(b"fine", "text/plain")])
            assert _probe(site.url(path)) == [200]
            first, second = site.times(path)
            assert second - first >= 1.9


@pytest.mark.slow
def test_long_retry_after_gives_up_for_this_cycle() -> None:
    with LoopbackWeb(auto_etag=True) as site:
        site.add("/later", [Resource(b"later", "text/plain", 503, {"Retry-After": "3600"}),
                            Resource(b"fine", "text/plain")])
        assert _probe(site.url("/later")) == ["IgnoreRequest"]
        assert site.count("/later") == 1
