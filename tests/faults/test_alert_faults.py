"""Fault suite, item 6, alert side: an SMTP tarpit and SIGKILL in the middle of a drain.

The tarpit accepts TCP connections and never greets. A pending alert (a
``source_down`` notice written through the outbox, as the daemon does) must
stay pending through a tarpit and through a killed drain, and be delivered
exactly once when a real SMTP server is back.
"""

from __future__ import annotations

import signal
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scheduler.alerting.drain import drain, lease_for
from scheduler.config import load_config
from storage.engine import make_engine, write_session
from storage.outbox import add_notice
from storage.schema import ensure_schema
from tests.support.blackhole import BlackHole
from tests.support.cli import crawl, kill_hard, run_cli, start_cli, status
from tests.support.config import Source
from tests.support.faults import GOOD_PAGES, fault_config, serve_good_source
from tests.support.mail import SmtpServer
from tests.support.store import query, stored_urls
from tests.support.wait import wait_for
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow  # subprocesses, real crawls


def _email(port: int, timeout: str) -> str:
    return ("[alerts]\non_first_crawl = true\n\n[alerts.email]\nenabled = true\nhost = \"127.0.0.1\"\n"
            f'port = {port}\nsecurity = "none"\nsender = "watch@example.org"\n'
            f'recipients = ["desk@example.org"]\ntimeout = "{timeout}"\n')


def _pending_notice(config: Path) -> int:
    cfg = load_config(config)
    engine = make_engine(cfg.database_url)
    ensure_schema(engine)
    with write_session(engine) as session:
        alert_id = add_notice(session, kind="source_down", subject="source gov-feed is down",
                              payload={"message": "gov-feed has failed for 24 hours", "source": "gov-feed"},
                              channels=("email",), now=datetime.now(UTC))
    engine.dispose()
    return alert_id


def _deliveries(db: Path) -> list[tuple]:
    return query(db, "SELECT state, attempts, last_error FROM delivery")


@pytest.fixture
def tarpit():
    with BlackHole() as hole:
        yield hole


def test_smtp_tarpit_times_out_alerts_test(tarpit: BlackHole, tmp_path: Path) -> None:
    cfg = fault_config(tmp_path / "config.toml", [], extra=_email(tarpit.port, "1s"))
    started = time.monotonic()
    out = run_cli("alerts", "test", config=cfg, timeout=60)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "email: FAILED" in out.stdout and "timed out" in out.stdout.lower()
    assert time.monotonic() - started < 30
    assert tarpit.accepted >= 1


def test_smtp_tarpit_does_not_wedge_a_crawl(tarpit: BlackHole, tmp_path: Path) -> None:
    with LoopbackWeb() as server:
        good = serve_good_source(server)
        cfg = fault_config(tmp_path / "config.toml", [Source("good", good)], extra=_email(tarpit.port, "1s"))
        _pending_notice(cfg)
        started = time.monotonic()
        crawl(cfg, timeout=90)  # the crawl's delivery pass meets the tarpit
        assert time.monotonic() - started < 60
        db = tmp_path / "store.db"
        assert stored_urls(db, "good") == {server.url(p) for p in GOOD_PAGES}
        assert status(cfg)["good"]["last_result"] == "ok"
    [(state, attempts, error)] = _deliveries(db)
    assert state == "pending" and attempts == 1 and "timed out" in error.lower()
    assert query(db, "SELECT count(*) FROM alert") == [(1,)]  # the notice, nothing new


def test_sigkill_mid_drain_loses_nothing_and_sends_once(tarpit: BlackHole, tmp_path: Path) -> None:
    cfg_path = fault_config(tmp_path / "config.toml", [], extra=_email(tarpit.port, "30s"))
    _pending_notice(cfg_path)
    db = tmp_path / "store.db"
    proc = start_cli(cfg_path, "alerts", "deliver")
    try:
        wait_for(lambda: tarpit.accepted >= 1, what="the drain to connect to the tarpit")
    finally:
        kill_hard(proc)
    assert proc.returncode == -signal.SIGKILL
    [(state, _, _)] = _deliveries(db)
    assert state == "pending"  # claimed by the dead drain, not lost

    smtp = SmtpServer().start()
    try:
        cfg_path.write_text(cfg_path.read_text().replace(f"port = {tarpit.port}", f"port = {smtp.port}"))
        cfg = load_config(cfg_path)
        engine = make_engine(cfg.database_url)
        now = datetime.now(UTC)
        assert drain(engine, cfg.app.alerts, now=now).sent == 0  # still leased to the killed drain
        later = now + lease_for(cfg.app.alerts) + timedelta(seconds=1)
        assert drain(engine, cfg.app.alerts, now=later).sent == 1
        assert drain(engine, cfg.app.alerts, now=later + timedelta(hours=1)).sent == 0
        engine.dispose()
        assert len(smtp.recorder.messages) == 1
        assert "gov-feed" in smtp.recorder.messages[0]["Subject"]
    finally:
        smtp.stop()
    assert [d[0] for d in _deliveries(db)] == ["sent"]
