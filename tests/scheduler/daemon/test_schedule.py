"""The daemon's schedule: sources due together share one warm crawl child (issue 17), and a
changed interval takes effect at once (issue 12.13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.config import Source, write_config
from tests.support.daemon import FAST_DRAIN, Daemon
from tests.support.pages import rss
from tests.support.store import scalar
from tests.support.wait import wait_for
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow


def _sources(site: LoopbackWeb, names: list[str], interval: str) -> list[Source]:
    return [Source(n, site.url(f"/{n}.xml"), interval=interval) for n in names]


def test_sources_due_together_share_one_crawl(tmp_path: Path) -> None:
    names = [f"feed-{i}" for i in range(6)]
    with LoopbackWeb(auto_etag=True) as site:
        for name in names:
            site.put(f"/{name}.xml", rss(name, []), "application/rss+xml")
        cfg = write_config(tmp_path / "config.toml", FAST_DRAIN, sources=_sources(site, names, "1s"))
        db = tmp_path / "store.db"

        def last_cycle() -> dict:
            raw = scalar(db, "SELECT value FROM meta WHERE key = 'daemon_last_cycle'", missing_ok=True)
            return json.loads(raw) if raw else {}

        with Daemon(cfg) as daemon:
            wait_for(lambda: all(site.count(f"/{n}.xml") >= 3 for n in names), 90, what="three cycles of each")
            cycle = last_cycle()
            code, _ = daemon.stop()
        assert code == 0, daemon.log()
        assert cycle.get("source_count") == 6 and cycle.get("sources") == names, cycle
        for name in names:  # once a second: a batch is never pulled forward by a whole interval
            times = site.times(f"/{name}.xml")
            assert min(b - a for a, b in zip(times[1:], times[2:], strict=False)) >= 0.8, times
        assert "crawled 6 source(s)" in daemon.log()


def test_lowered_interval_takes_effect_at_the_next_start(tmp_path: Path) -> None:
    with LoopbackWeb(auto_etag=True) as site:
        site.put("/a.xml", rss("a", []), "application/rss+xml")
        cfg = write_config(tmp_path / "config.toml", FAST_DRAIN, sources=_sources(site, ["a"], "1h"))
        with Daemon(cfg) as daemon:
            wait_for(lambda: site.count("/a.xml") == 1 and scalar(
                tmp_path / "store.db", "SELECT next_due FROM source_state WHERE name = 'a'", missing_ok=True), 90, what="one fetch")
            code, _ = daemon.stop()
        assert code == 0
        cfg.write_text(cfg.read_text().replace('interval = "1h"', 'interval = "2s"'))
        with Daemon(cfg, log_name="daemon2.log") as again:
            wait_for(lambda: site.count("/a.xml") >= 3, 60, what="the source on its new interval")
            code, _ = again.stop()
        assert code == 0
