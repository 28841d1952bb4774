"""Lock, back-off, child runner and source notices, on real files and processes."""

from __future__ import annotations

import json
import os
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from scheduler.backoff import backoff_delay
from scheduler.child import WEBHOOK_PLACEHOLDER, ChildRunner, child_env
from scheduler.lock import DaemonLock, LockHeld
from storage.engine import make_engine, read_session, write_session
from storage.models import Alert, Delivery, SourceState
from storage.notices import check_source_notice
from storage.schedule import record_failure, sync_sources
from storage.schema import ensure_schema
from tests.support.cli import ROOT

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def test_second_lock_on_same_database_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sw.db'}"
    with DaemonLock(url) as first:
        assert first.path == tmp_path / "sw.db.lock"
        with pytest.raises(LockHeld, match=f"pid {os.getpid()}"):
            DaemonLock(url).acquire()
    with DaemonLock(url):  # released: free again
        pass


def test_backoff_doubles_up_to_cap() -> None:
    m = timedelta(minutes=15)
    assert backoff_delay(m, 0) == m
    assert backoff_delay(m, 1) == m
    assert backoff_delay(m, 2) == 2 * m
    assert backoff_delay(m, 4) == 8 * m
    assert backoff_delay(m, 50) == timedelta(hours=6)
    assert backoff_delay(timedelta(days=1), 3) == timedelta(days=1)  # interval above the cap


def _runner(tmp_path: Path) -> ChildRunner:
    cfg = tmp_path / "c.toml"
    cfg.write_text("")
    return ChildRunner(cfg, module="tests.scheduler.daemon.child_helper",
                       extra_env={"PYTHONPATH": str(ROOT)})


def test_child_summary_is_read(tmp_path: Path) -> None:
    result = _runner(tmp_path).run(["noisy"], time_limit=30)
    assert result.returncode == 0 and result.error is None
    assert result.sources["noisy"]["new"] == 1


def test_child_crash_is_reported_not_raised(tmp_path: Path) -> None:
    result = _runner(tmp_path).run(["crash"], time_limit=30)
    assert result.returncode == 3
    assert result.summary is None
    assert "status 3" in (result.error or "") and "boom" in (result.error or "")


def test_child_over_time_limit_is_killed_and_reaped(tmp_path: Path) -> None:
    started = time.monotonic()
    result = _runner(tmp_path).run(["sleep"], time_limit=1.0)
    assert result.timed_out and "time limit" in (result.error or "")
    assert result.returncode is not None  # reaped
    assert time.monotonic() - started < 6


def test_stop_all_terminates_running_child(tmp_path: Path) -> None:
    runner = _runner(tmp_path)
    out = {}
    thread = threading.Thread(target=lambda: out.setdefault("r", runner.run(["sleep"], time_limit=60)))
    thread.start()
    deadline = time.monotonic() + 10
    while runner.running == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    runner.stop_all()
    thread.join(5)
    assert not thread.is_alive()
    assert out["r"].stopped
    assert runner.run(["ok"], time_limit=5).stopped  # no new children after stop


def test_source_down_once_then_up_once(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sw.db'}")
    ensure_schema(engine)
    with write_session(engine) as s:
        sync_sources(s, [("a", "feed", "http://x/")])
    after = timedelta(hours=1)
    for minutes in (0, 30, 61, 90):
        now = T0 + timedelta(minutes=minutes)
        with write_session(engine) as s:
            record_failure(s, "a", now=now, error="HTTP 503")
            check_source_notice(s, "a", now=now, down_after=after, channels=("slack",))
    with read_session(engine) as s:
        alerts = s.exec(select(Alert)).all()
        assert [a.kind for a in alerts] == ["source_down"]
        assert json.loads(alerts[0].payload)["failing_since"] == T0.isoformat()
        assert [d.channel for d in s.exec(select(Delivery)).all()] == ["slack"]
    with write_session(engine) as s:  # the cycle recorded a success
        state = s.get(SourceState, "a")
        state.consecutive_failures = 0
        for minutes in (100, 110):
            check_source_notice(s, "a", now=T0 + timedelta(minutes=minutes), down_after=after,
                                channels=())
    with read_session(engine) as s:
        kinds = [a.kind for a in s.exec(select(Alert).order_by(Alert.id)).all()]
        assert kinds == ["source_down", "source_up"]
        up = s.exec(select(Delivery).where(Delivery.alert_id == 2)).all()
        assert [d.channel for d in up] == ["log"]
        state = s.get(SourceState, "a")
        assert state.failing_since is None and not state.down_notified


def test_crawl_child_gets_no_channel_secrets() -> None:
    env = child_env({"PATH": "/bin", "STATIONWATCH_SMTP_PASSWORD": "hunter2",
                     "STATIONWATCH_SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T/B/secret"})
    assert "STATIONWATCH_SMTP_PASSWORD" not in env
    assert env["STATIONWATCH_SLACK_WEBHOOK_URL"] == WEBHOOK_PLACEHOLDER
    assert env["PATH"] == "/bin"
