"""Warm crawl children: forked from a fork server that imported the crawl once.

One fork server per test process (multiprocessing's), warmed with the real
``scheduler.warmup``; the crawl itself is replaced by ``warm_targets.target``.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scheduler.config import load_config
from scheduler.warm import WarmPool
from tests.scheduler.daemon.warm_targets import target

pytestmark = pytest.mark.slow

SECRET = "hunter2-not-for-crawls"


@pytest.fixture
def pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[WarmPool]:
    cfg_path = tmp_path / "config.toml"
    cfg_path.write_text('[storage]\nurl = "sqlite:///store.db"\n\n[alerts.email]\nenabled = true\n'
                        'recipients = ["desk@example.org"]\n', encoding="utf-8")
    monkeypatch.setenv("STATIONWATCH_SMTP_PASSWORD", SECRET)
    cfg = load_config(cfg_path)
    assert cfg.app.alerts.email.password == SECRET
    pool = WarmPool(cfg, target=target)
    pool.start()
    yield pool
    pool.stop_all()


def test_child_is_warm_in_its_own_session_and_holds_no_secret(pool: WarmPool) -> None:
    result = pool.run(["env"], time_limit=120, alerts="off")
    assert result.error is None, result.stderr_tail
    seen = result.sources["env"]
    assert seen["warm"]  # Scrapy and trafilatura were in memory before the crawl began
    assert seen["sid"] == seen["pid"] != os.getsid(0)
    assert not [v for v in seen["env"] if v.startswith("STATIONWATCH_SMTP")]
    assert seen["password"] == ""  # the config it was given carries no channel secret
    assert seen["alerts"] == "off"
    assert os.environ["STATIONWATCH_SMTP_PASSWORD"] == SECRET  # this process keeps its own


def test_over_time_limit_is_killed_and_reaped(pool: WarmPool) -> None:
    pool.run(["ok"], time_limit=120)  # the fork server is warm
    started = time.monotonic()
    result = pool.run(["sleep"], time_limit=1.0)
    assert result.timed_out and "time limit" in (result.error or "")
    assert result.returncode is not None  # reaped
    assert time.monotonic() - started < 8
    assert pool.running == 0


def test_crash_is_reported_not_raised(pool: WarmPool) -> None:
    result = pool.run(["crash"], time_limit=120)
    assert result.returncode == 3 and result.summary is None
    assert "status 3" in (result.error or "") and "boom" in (result.error or "")


def test_stop_all_ends_a_running_crawl_and_refuses_new_ones(pool: WarmPool) -> None:
    out: dict[str, object] = {}
    thread = threading.Thread(target=lambda: out.setdefault("r", pool.run(["sleep"], time_limit=300)))
    thread.start()
    deadline = time.monotonic() + 60
    while pool.running == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    pool.stop_all()
    thread.join(10)
    assert not thread.is_alive()
    assert out["r"].stopped  # type: ignore[attr-defined]
    assert pool.run(["ok"], time_limit=5).stopped
