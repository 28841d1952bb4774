"""The daemon's digest job: registered on APScheduler's cron trigger at the configured time in
the zone, and run once at start so a digest missed while the daemon was down goes out."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from apscheduler.triggers.cron import CronTrigger
from sqlmodel import select

from scheduler.config import load_config
from scheduler.daemon import DIGEST_JOB, Daemon, DaemonOptions
from scheduler.plans import LocalPlan
from storage.engine import make_engine, read_session
from storage.models import Alert
from tests.scheduler.alerting.test_digest import MADRID_0800
from tests.support.stories import add_article, policy
from tests.support.wait import wait_for


def _digests(engine: sa.Engine) -> list[str]:
    with read_session(engine) as s:
        return [a.subject for a in s.exec(select(Alert).where(Alert.kind == "digest"))]


def test_digest_job_on_its_cron_trigger_and_once_at_start(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[storage]\nurl = "sqlite:///store.db"\n\n'
        '[alerts.email]\nenabled = true\nhost = "127.0.0.1"\nport = 9\nsecurity = "none"\n'
        'recipients = ["desk@example.org"]\n\n'
        '[alerts.digest]\nenabled = true\nschedule = "weekly mon 08:00"\ntimezone = "Europe/Madrid"\n',
        encoding="utf-8")
    cfg = load_config(config)
    daemon = Daemon(cfg, clock=lambda: MADRID_0800 + timedelta(hours=1), options=DaemonOptions())
    daemon.engine = make_engine(cfg.database_url)
    from storage.schema import ensure_schema

    ensure_schema(daemon.engine)
    add_article(daemon.engine, "https://news.example/a", [], pol=policy(now=MADRID_0800 - timedelta(days=2)))
    daemon.plan = LocalPlan(daemon.clock)  # no sources: only the services' jobs matter here
    daemon._start()
    try:
        assert daemon.scheduler is not None
        job = daemon.scheduler.get_job(DIGEST_JOB)
        assert isinstance(job.trigger, CronTrigger)
        assert str(job.trigger.timezone) == "Europe/Madrid"
        fields = {f.name: str(f) for f in job.trigger.fields}
        assert (fields["day_of_week"], fields["hour"], fields["minute"]) == ("mon", "8", "0")
        wait_for(lambda: _digests(daemon.engine), 10, what="the digest job's result")
        assert _digests(daemon.engine) == ["stationwatch weekly digest, 5 Dec 2022: 1 story, 0 new figures"]
    finally:
        daemon.stop_event.set()
        if daemon.dispatcher is not None:
            daemon.dispatcher.stop()
        if daemon.scheduler is not None:  # as the daemon stops it
            daemon.scheduler.shutdown(wait=False)
