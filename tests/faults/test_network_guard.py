"""Fault suite, item 1: the private-network guard, with allow_private_networks = false.

The good source lives on loopback too, so it cannot be crawled with the guard
on: a first cycle with the guard off stores its articles, then the guarded
cycle must refuse every source (the good one included), send nothing to the
server, keep what was stored and raise no alert.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import crawl, status
from tests.support.config import Source
from tests.support.faults import GOOD_PAGES, fault_config, serve_good_source
from tests.support.store import alert_count, stored_urls
from tests.support.web import RSS, LoopbackWeb

pytestmark = pytest.mark.slow  # subprocesses, real crawls

# name → (host as written in the config, words the recorded error must carry)
TARGETS = {
    "loopback": ("127.0.0.1:{port}", "127.0.0.1: loopback address"),
    "decimal-ip": ("2130706433:{port}", "loopback address"),
    "hex-ip": ("0x7f000001:{port}", "loopback address"),
    "octal-ip": ("0177.0.0.1:{port}", "loopback address"),
    "short-ip": ("127.1:{port}", "loopback address"),
    "ipv6-loopback": ("[::1]:{port}", "::1: loopback address"),
    "v4-mapped": ("[::ffff:127.0.0.1]:{port}", "IPv4-mapped IPv6 form of 127.0.0.1"),
    "name-to-loopback": ("localhost:{port}", "localhost resolves to 127.0.0.1: loopback address"),
    "private-10": ("10.0.0.1", "10.0.0.1: private network address"),
    "link-local-metadata": ("169.254.169.254", "169.254.169.254: link-local address"),
    "cgnat": ("100.64.0.1", "carrier-grade NAT address"),
    "multicast": ("224.0.0.1", "multicast address"),
    "nat64": ("[64:ff9b::7f00:1]", "NAT64 form of 127.0.0.1"),
    "six-to-four": ("[2002:a00:1::]", "6to4 form of 10.0.0.1"),
}


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LoopbackWeb, dict, Path, int]]:
    tmp = tmp_path_factory.mktemp("guard")
    with LoopbackWeb() as server:
        good = serve_good_source(server)
        server.put("/hostile.xml", "<rss version='2.0'><channel><title>x</title></channel></rss>", RSS)
        seed = fault_config(tmp / "seed.toml", [Source("good", good)], allow_private=True)
        crawl(seed)
        hits_before = server.count()
        sources = [Source("good", good)] + [
            Source(name, f"http://{host.format(port=server.port)}/hostile.xml")
            for name, (host, _) in TARGETS.items()
        ]
        cfg = fault_config(tmp / "guard.toml", sources, allow_private=False)
        crawl(cfg)
        yield server, status(cfg), tmp / "store.db", hits_before


@pytest.mark.parametrize("name", list(TARGETS))
def test_private_target_refused(guarded, name: str) -> None:
    server, states, db, hits_before = guarded
    row = states[name]
    assert row["last_result"] == "failed"
    assert "refused" in row["last_error"] and TARGETS[name][1] in row["last_error"]
    assert f"source {name}" in row["last_error"]
    # nothing reached the server in the guarded cycle; what was stored stays; no alert
    assert server.count() == hits_before
    assert stored_urls(db, "good") == {server.url(p) for p in GOOD_PAGES}
    assert alert_count(db) == 0


def test_good_loopback_source_refused_too(guarded) -> None:
    _, states, _, _ = guarded
    row = states["good"]
    assert row["last_result"] == "failed" and "127.0.0.1: loopback address" in row["last_error"]
