"""Issue 12.12: no crawl outlives its parent; SIGHUP reloads the daemon's config.

A source that never answers (``BlackHole``) keeps a crawl running while a
signal arrives.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.scheduler.daemon.procs import alive, crawls
from tests.support.blackhole import BlackHole
from tests.support.cli import cli_env
from tests.support.config import Source, write_config
from tests.support.daemon import FAST_DRAIN, Daemon
from tests.support.pages import rss
from tests.support.wait import wait_for
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow


def _source(name: str, url: str, interval: str = "1s") -> str:
    """One feed source as config text (the reload tests edit the file's sources)."""
    return "\n" + Source(name, url, interval=interval).toml()


def test_daemon_killed_outright_leaves_no_crawl_running(tmp_path: Path) -> None:
    with BlackHole() as hole:
        cfg = write_config(tmp_path / "config.toml", FAST_DRAIN + _source("hole", f"{hole.base}/feed.xml"),
                           timeout="60s")
        daemon = Daemon(cfg).start()
        try:
            assert daemon.proc is not None
            running = wait_for(lambda: crawls(daemon.proc.pid), 90, what="a crawl in progress")
            daemon.proc.kill()  # SIGKILL: no handler runs
            daemon.proc.wait()
            wait_for(lambda: not alive(running), 10, what="the crawl to end with the daemon")
        finally:
            daemon.kill()
            for proc in alive(running if "running" in locals() else []):
                proc.kill()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_split_crawl_stopped_by_a_signal_stops_its_children(tmp_path: Path, sig: signal.Signals) -> None:
    with BlackHole() as hole:
        sources = _source("hole-a", f"{hole.base}/a.xml") + _source("hole-b", f"{hole.base}/b.xml")
        cfg = write_config(tmp_path / "config.toml", FAST_DRAIN + sources, timeout="60s", processes=2)
        proc = subprocess.Popen([sys.executable, "-m", "scheduler", "--config", str(cfg), "crawl"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=cli_env(), text=True)
        running: list = []
        try:
            running = wait_for(lambda: len(crawls(proc.pid)) >= 2 and crawls(proc.pid), 90,
                               what="two crawl processes")
            proc.send_signal(sig)
            _, err = proc.communicate(timeout=20)
            assert proc.returncode == 1, err
            assert f"stopped by {sig.name}" in err and "Traceback" not in err
            wait_for(lambda: not alive(running), 10, what="both crawl processes to end")
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            for p in alive(running):
                p.kill()


def test_sighup_reloads_sources_without_a_restart(tmp_path: Path) -> None:
    with LoopbackWeb(auto_etag=True) as site:
        for name in ("a", "b", "c"):
            site.put(f"/{name}.xml", rss(name, []), "application/rss+xml")
        cfg = write_config(tmp_path / "config.toml", FAST_DRAIN + _source("a", site.url("/a.xml"))
                           + _source("b", site.url("/b.xml"), "1h"))
        with Daemon(cfg) as daemon:
            assert daemon.proc is not None
            wait_for(lambda: site.count("/a.xml") >= 2 and site.count("/b.xml") == 1, 90, what="a and b fetched")
            # a removed, b's interval lowered from 1h to 1s, c added
            cfg.write_text(cfg.read_text().split("\n[[sources]]")[0]
                           + _source("b", site.url("/b.xml")) + _source("c", site.url("/c.xml")))
            daemon.proc.send_signal(signal.SIGHUP)
            wait_for(lambda: "config reloaded" in daemon.log(), 20, what="the reload")
            assert daemon.alive()
            wait_for(lambda: site.count("/c.xml") >= 2, 30, what="the added source fetched")
            settled = site.count("/a.xml")
            wait_for(lambda: site.count("/c.xml") >= 5 and site.count("/b.xml") >= 4, 30, what="more cycles")
            assert site.count("/a.xml") <= settled + 1  # a crawl in flight at the reload may finish
            code, took = daemon.stop()
        log = daemon.log()
        assert code == 0 and took < 10, log
        assert "added: c; removed: a; changed: b" in log
        assert "Traceback" not in log


def test_sighup_with_a_broken_config_keeps_the_one_in_force(tmp_path: Path) -> None:
    with LoopbackWeb(auto_etag=True) as site:
        site.put("/a.xml", rss("a", []), "application/rss+xml")
        cfg = write_config(tmp_path / "config.toml", FAST_DRAIN + _source("a", site.url("/a.xml")))
        with Daemon(cfg) as daemon:
            assert daemon.proc is not None
            wait_for(lambda: site.count("/a.xml") >= 2, 90, what="a fetched")
            good = cfg.read_text()
            cfg.write_text(good.replace('interval = "1s"', 'interval = "soon"'))
            daemon.proc.send_signal(signal.SIGHUP)
            wait_for(lambda: "not reloaded" in daemon.log(), 20, what="the refusal")
            before = site.count("/a.xml")
            wait_for(lambda: site.count("/a.xml") >= before + 2, 30, what="a still on its interval")
            code, _ = daemon.stop()
        assert code == 0
        assert "sources[0].interval" in daemon.log()


def test_second_crawl_after_the_first_crawl_process_ended(tmp_path: Path) -> None:
    """The fork server of a split crawl ends with it: nothing is left behind after `crawl`."""
    with LoopbackWeb(auto_etag=True) as site:
        for name in ("a", "b"):
            site.put(f"/{name}.xml", rss(name, []), "application/rss+xml")
        cfg = write_config(tmp_path / "config.toml",
                           FAST_DRAIN + _source("a", site.url("/a.xml")) + _source("b", site.url("/b.xml")),
                           processes=2)
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "scheduler", "--config", str(cfg), "crawl"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(), text=True)
        import psutil

        ps = psutil.Process(proc.pid)
        seen: set[int] = set()
        while proc.poll() is None and time.monotonic() - started < 120:
            try:
                seen.update(p.pid for p in ps.children(recursive=True))
            except psutil.NoSuchProcess:
                break
            time.sleep(0.05)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "not_modified" in out or "ok" in out
        left = [psutil.Process(p) for p in seen if psutil.pid_exists(p)]
        # the fork server's helpers end when they read end-of-file from the parent that
        # just exited: on a loaded machine that takes a moment, never longer than this
        wait_for(lambda: not alive(left), 10, what="the crawl's children to end")
