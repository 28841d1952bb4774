"""`stationwatch run` as a subprocess against loopback sources with 1-2 s intervals."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.support.blackhole import BlackHole
from tests.support.cli import run_cli
from tests.support.config import Source, write_config
from tests.support.daemon import FAST_DRAIN, Daemon
from tests.support.pages import article_page, rss
from tests.support.store import query, scalar
from tests.support.wait import wait_for
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow

STORY_1 = [
    "Dutch investigators said they had found two overseas police stations run from China in Amsterdam and Rotterdam.",
    "The government ordered both offices shut and summoned the ambassador.",
]
STORY_2 = [
    "Police in Toronto are investigating three suspected Chinese police stations in the region, officials said.",
    "Community groups said members of the diaspora had been pressured by staff at the offices.",
]


def _feed(site: LoopbackWeb, items: list[tuple[str, str, str]]) -> None:
    site.put("/rss.xml", rss("Loopback News", [
        {"title": title, "link": site.url(path), "id": path} for path, title, _ in items
    ]), "application/rss+xml")


def test_new_item_is_picked_up_and_sigterm_exits_zero(tmp_path: Path) -> None:
    with LoopbackWeb(auto_etag=True) as site:
        site.put("/a/1", article_page("Two stations found in the Netherlands", STORY_1))
        site.put("/a/2", article_page("Toronto police probe stations", STORY_2))
        items = [("/a/1", "Two stations found", "")]
        _feed(site, items)
        cfg = write_config(tmp_path / "config.toml", FAST_DRAIN, sources=[
            Source("loop-feed", site.url("/rss.xml"), lang="en", interval="1s")])
        db = tmp_path / "store.db"
        with Daemon(cfg) as daemon:
            wait_for(lambda: scalar(db, "SELECT count(*) FROM article", missing_ok=True) == 1, 90, what="first article")
            items.append(("/a/2", "Toronto probe", ""))
            _feed(site, items)
            wait_for(lambda: scalar(db, "SELECT count(*) FROM article", missing_ok=True) == 2, 60, what="the new item")
            wait_for(lambda: site.count("/rss.xml") >= 3, 60, what="a third cycle")
            code, took = daemon.stop()
        assert code == 0, daemon.log()
        assert took < 10
        assert site.count("/a/1") == 1 and site.count("/a/2") == 1  # known entries are not refetched
        log = daemon.log()
        assert "source loop-feed ok: fetched 1, new 1" in log
        assert "Traceback" not in log
        state = query(db, "SELECT last_result, consecutive_failures, next_due FROM source_state")
        assert state and state[0][0] in {"ok", "not_modified"} and state[0][1] == 0
        last = scalar(db, "SELECT value FROM meta WHERE key = 'daemon_last_cycle'")
        assert last and "loop-feed" in last


def test_restart_keeps_due_times_and_second_daemon_is_refused(tmp_path: Path) -> None:
    with LoopbackWeb(auto_etag=True) as site:
        site.put("/slow.xml", rss("Slow", []), "application/rss+xml")
        site.put("/fast.xml", rss("Fast", []), "application/rss+xml")
        cfg = write_config(tmp_path / "config.toml", FAST_DRAIN, sources=[
            Source("slow", site.url("/slow.xml"), interval="1h"),
            Source("fast", site.url("/fast.xml"), interval="1s")])
        db = tmp_path / "store.db"
        with Daemon(cfg) as first:
            wait_for(lambda: site.count("/slow.xml") == 1 and site.count("/fast.xml") >= 2, 90,
                     what="both sources fetched")
            second = run_cli("run", config=cfg, timeout=60)
            assert second.returncode == 1
            assert "already running" in second.stderr
            assert first.alive()
            code, took = first.stop()
            assert code == 0 and took < 10
        due_before = scalar(db, "SELECT next_due FROM source_state WHERE name = 'slow'")
        assert due_before is not None
        assert datetime.fromisoformat(due_before).timestamp() > time.time() + 3000
        fast_before = site.count("/fast.xml")
        with Daemon(cfg, log_name="daemon2.log") as again:
            wait_for(lambda: site.count("/fast.xml") >= fast_before + 2, 90, what="fast source again")
            code, _ = again.stop()
        assert code == 0
        assert site.count("/slow.xml") == 1  # not due yet: not fetched again after the restart
        assert scalar(db, "SELECT next_due FROM source_state WHERE name = 'slow'") == due_before


def test_black_hole_source_holds_up_others_once_at_most(tmp_path: Path) -> None:
    """Sources due together share a crawl child, so a source that never answers holds its
    first batch until its timeout; after that first failure it runs apart and the good
    source keeps its interval while the silent one times out again."""
    with LoopbackWeb(auto_etag=True) as site, BlackHole() as hole:
        site.put("/ok.xml", rss("OK", []), "application/rss+xml")
        cfg = write_config(tmp_path / "config.toml", FAST_DRAIN, timeout="2s", sources=[
            Source("hole", hole.url("/feed.xml"), interval="1s"),
            Source("good", site.url("/ok.xml"), interval="1s")])
        db = tmp_path / "store.db"

        def hole_failures() -> int:
            return int(scalar(db, "SELECT consecutive_failures FROM source_state WHERE name = 'hole'",
                              missing_ok=True) or 0)

        with Daemon(cfg) as daemon:
            wait_for(lambda: hole_failures() >= 1, 90, what="the silent source's first failure")
            first = hole_failures()
            before = site.count("/ok.xml")
            wait_for(lambda: site.count("/ok.xml") >= before + 3, 30, what="three more fetches of the good source")
            # each attempt of the silent source takes 2 x 2 s (one retry): three fetches of the good
            # source a second apart fit in about one attempt, not three
            assert hole_failures() <= first + 2
            good = query(db, "SELECT last_result FROM source_state WHERE name = 'good'")
            assert good and good[0][0] in {"ok", "not_modified"}
            code, took = daemon.stop()
        assert code == 0 and took < 10, daemon.log()
        times = site.times("/ok.xml")[before:before + 3]
        assert times[-1] - times[0] < 8, times
        row = query(db, "SELECT consecutive_failures, last_error FROM source_state WHERE name = 'hole'")
        assert row and row[0][0] >= 1 and row[0][1]
