"""The guards inside a real Scrapy crawl against misbehaving loopback servers.

One child-process crawl per module fixture fetches every case at once; each
test then checks its own URL's outcome.
"""

from collections.abc import Iterator

import pytest

from tests.support.blackhole import BlackHole
from tests.support.hostile import install
from tests.support.probe import probe
from tests.support.web import RSS, LoopbackWeb

pytestmark = pytest.mark.slow  # subprocesses, real crawls

FEED = "<rss version='2.0'><channel><title>ok</title></channel></rss>"


@pytest.fixture(scope="module")
def refused() -> Iterator[tuple[LoopbackWeb, dict, dict]]:
    """allow_private_networks = false: loopback in every spelling, and via DNS."""
    with LoopbackWeb() as server:
        server.put("/ok", FEED, RSS)
        hosts = ["127.0.0.1", "localhost", "2130706433", "0x7f000001", "0177.0.0.1", "127.1", "[::1]",
                 "[::ffff:127.0.0.1]"]
        results, stats = probe([server.url("/ok", host) for host in hosts], timeout=5)
        yield server, results, stats


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "2130706433", "0x7f000001", "0177.0.0.1",
                                  "127.1", "[::1]", "[::ffff:127.0.0.1]"])
def test_loopback_refused_in_every_spelling(refused, host: str) -> None:
    server, results, _ = refused
    row = results[server.url("/ok", host)]
    assert not row["ok"]
    assert row["error"].startswith(f"source probe: refused {server.url('/ok', host)}: ")
    assert "loopback" in row["error"]


def test_nothing_reached_the_server_and_every_refusal_counted(refused) -> None:
    server, _, stats = refused
    assert server.count() == 0
    assert stats["safety/refused"] == 8
    assert stats["safety/refused/private_dns"] == 1  # localhost: judged after resolution


@pytest.fixture(scope="module")
def hostile() -> Iterator[tuple[LoopbackWeb, BlackHole, dict]]:
    """allow_private_networks = true (the servers are on loopback); 2 s deadline, 1 MB cap."""
    with install(LoopbackWeb(), trickle_interval=0.5) as server, BlackHole() as hole:
        server.put("/ok", FEED, RSS)
        server.put("/big", b"<p>" + b"x" * 2_000_000, "text/html")
        paths = ["/ok", "/big", "/endless", "/trickle", "/bomb/gzip", "/bomb/deflate", "/bomb/br",
                 "/chain/10/ok", "/chain/20/ok", "/goto?u=file:///etc/passwd", "/goto?u=ftp://x/y",
                 "/goto?u=data:text/plain,hi", "/goto?u=gopher://x/"]
        results, _ = probe([server.url(p) for p in paths] + [hole.url("/feed")],
                           timeout=2, max_page_bytes=1_000_000, allow_private_networks=True)
        yield server, hole, results


def _row(hostile, path: str) -> dict:
    server, _, results = hostile
    return results[server.url(path)]


def test_good_feed_still_fetched(hostile) -> None:
    assert _row(hostile, "/ok")["ok"] and _row(hostile, "/ok")["status"] == 200


@pytest.mark.parametrize("path", ["/big", "/endless"])
def test_huge_pages_stop_at_the_cap(hostile, path: str) -> None:
    assert _row(hostile, path)["error"] == "response too large: download cancelled at the size cap (1000000 bytes)"


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_compression_bombs_stop_at_the_cap(hostile, encoding: str) -> None:
    row = _row(hostile, f"/bomb/{encoding}")
    assert row["error"] == "response too large after decompression (over the cap of 1000000 bytes)"


def test_trickle_hits_the_total_deadline(hostile) -> None:
    assert _row(hostile, "/trickle")["error"] == "timed out: no complete response within the deadline of 2s"


def test_black_hole_times_out(hostile) -> None:
    _, hole, results = hostile
    assert results[hole.url("/feed")]["error"] == "timed out: no complete response within the deadline of 2s"
    assert hole.accepted >= 1


def test_ten_redirects_are_followed_and_more_are_refused(hostile) -> None:
    assert _row(hostile, "/chain/10/ok")["ok"]
    assert "more than 10 redirects" in _row(hostile, "/chain/20/ok")["error"]


@pytest.mark.parametrize("scheme", ["file", "ftp", "data", "gopher"])
def test_redirects_off_http_are_refused(hostile, scheme: str) -> None:
    server, _, results = hostile
    row = next(r for u, r in results.items() if f"/goto?u={scheme}:" in u)
    assert f"scheme {scheme}: is not allowed" in row["error"]
