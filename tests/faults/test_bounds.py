"""Fault suite, item 2 and the hung-host half of item 6: everything is bounded.

One cycle crawls the good source next to every misbehaving one (2 s
deadline, 1 MB cap); each test checks one hostile source's recorded error,
the good source's stored articles and that no alert was raised.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.blackhole import BlackHole
from tests.support.cli import crawl, status
from tests.support.config import Source
from tests.support.faults import assert_fault, fault_config, marker_feed, serve_good_source
from tests.support.hostile import install
from tests.support.web import RSS, LoopbackWeb

pytestmark = pytest.mark.slow  # subprocesses, real crawls

CAP = 1_000_000
DEADLINE = "timed out: no complete response within the deadline of 2s"
TOO_BIG = f"response too large: download cancelled at the size cap ({CAP} bytes)"
BOMB = f"response too large after decompression (over the cap of {CAP} bytes)"


@pytest.fixture(scope="module")
def bounded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LoopbackWeb, Path, Path, dict, float]]:
    tmp = tmp_path_factory.mktemp("bounds")
    with install(LoopbackWeb(), trickle_interval=0.5) as server, BlackHole() as hole:
        good = serve_good_source(server)
        server.put("/target.xml", marker_feed(server, "/target"), RSS)
        server.put("/huge.xml", b"<rss version='2.0'><channel><title>" + b"x" * 3 * CAP + b"</title></channel></rss>",
                   RSS)
        sources = [
            Source("good", good),
            Source("trickle", server.url("/trickle")),
            Source("black-hole", hole.url("/feed.xml")),
            Source("gzip-bomb", server.url("/bomb/gzip")),
            Source("deflate-bomb", server.url("/bomb/deflate")),
            Source("brotli-bomb", server.url("/bomb/br")),
            Source("huge-page", server.url("/huge.xml")),
            Source("endless-page", server.url("/endless")),
            Source("twenty-redirects", server.url("/chain/20/target.xml")),
            Source("redirect-file", server.url("/goto?u=file:///etc/passwd")),
            Source("redirect-ftp", server.url("/goto?u=ftp://127.0.0.1/feed.xml")),
            Source("redirect-data", server.url("/goto?u=data:application/rss%2Bxml,%3Crss%2F%3E")),
            Source("redirect-gopher", server.url("/goto?u=gopher://127.0.0.1:70/1")),
        ]
        cfg = fault_config(tmp / "config.toml", sources, timeout="2s", max_page_bytes=CAP)
        import time

        started = time.monotonic()
        crawl(cfg)
        took = time.monotonic() - started
        yield server, cfg, tmp / "store.db", status(cfg), took


CASES = {
    "trickle": DEADLINE,
    "black-hole": DEADLINE,
    "gzip-bomb": BOMB,
    "deflate-bomb": BOMB,
    "brotli-bomb": BOMB,
    "huge-page": TOO_BIG,
    "endless-page": TOO_BIG,
    "twenty-redirects": "more than 10 redirects",
    "redirect-file": "scheme file: is not allowed (http and https only)",
    "redirect-ftp": "scheme ftp: is not allowed (http and https only)",
    "redirect-data": "scheme data: is not allowed (http and https only)",
    "redirect-gopher": "scheme gopher: is not allowed (http and https only)",
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_source_fails_alone(bounded, name: str) -> None:
    server, cfg, db, states, _ = bounded
    assert_fault(cfg, db, server, hostile=name, error=CASES[name], states=states)


def test_hung_hosts_do_not_wedge_the_cycle(bounded) -> None:
    # trickle and black hole get 2 s each, once retried: the cycle ends well within a minute
    *_, took = bounded
    assert took < 60
