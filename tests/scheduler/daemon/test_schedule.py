"""The daemon's schedule: sources due together share one warm crawl child (issue 17), and a
changed interval takes effect at once (issue 12.13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.daemon.harness import Daemon, scalar, write_config
from tests.daemon.site import Site, wait_for
from tests.support.pages import rss

pytestmark = pytest.mark.slow


def _sources(site: Site, names: list[str], interval: str) -> str:
    return "".join(f'\n[[sources]]\nname = "{n}"\nkind = "feed"\nurl = "{site.url(f"/{n}.xml")}"\n'
                   f'interval = "{interval}"\n' for n in names)


def test_sources_due_together_share_one_crawl(tmp_path: Path) -> None:
    names = [f"feed-{i}" for i in range(6)]
    with Site() as site:
        for name in names:
            site.put(f"/{name}.xml", rss(name, []), "application/rss+xml")
        cfg = write_config(tmp_path / "config.toml", _sources(site, names, "1s"))
        db = tmp_path / "store.db"
        daemon = Daemon(cfg).start()

        def last_cycle() -> dict:
            raw = scalar(db, "SELECT value FROM meta WHERE key = 'daemon_last_cycle'")
            return json.loads(raw) if raw else {}

        try:
            wait_for(lambda: all(site.count(f"/{n}.xml") >= 3 for n in names), 90, what="three cycles of each")
            cycle = last_cycle()
            code, _ = daemon.stop()
        finally:
            daemon.kill()
        assert code == 0, daemon.log()
        assert cycle.get("source_count") == 6 and cycle.get("sources") == names, cycle
        for name in names:  # once a second: a batch is never pulled forward by a whole interval
            times = site.times(f"/{name}.xml")
            assert min(b - a for a, b in zip(times[1:], times[2:], strict=False)) >= 0.8, times
        assert "crawled 6 source(s)" in daemon.log()


def test_lowered_interval_takes_effect_at_the_next_start(tmp_path: Path) -> None:
    with Site() as site:
        site.put("/a.xml", rss("a", []), "application/rss+xml")
        cfg = write_config(tmp_path / "config.toml", _sources(site, ["a"], "1h"))
        daemon = Daemon(cfg).start()
        try:
            wait_for(lambda: site.count("/a.xml") == 1 and scalar(
                tmp_path / "store.db", "SELECT next_due FROM source_state WHERE name = 'a'"), 90, what="one fetch")
            code, _ = daemon.stop()
        finally:
            daemon.kill()
        assert code == 0
        cfg.write_text(cfg.read_text().replace('interval = "1h"', 'interval = "2s"'))
        again = Daemon(cfg, log_name="daemon2.log").start()
        try:
            wait_for(lambda: site.count("/a.xml") >= 3, 60, what="the source on its new interval")
            code, _ = again.stop()
        finally:
            again.kill()
        assert code == 0
