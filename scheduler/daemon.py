"""``stationwatch run`` (the daemon) and ``run --worker``.

The daemon crawls each source on its own interval, the sources due together
in one warm crawl child (``scheduler.dispatch``, ``scheduler.warm``), and
drains the alert outbox on ``alerts.drain_interval`` and whenever a crawl
brings news (``scheduler.drainjob``). On SQLite it keeps the schedule itself
(``LocalPlan``; one daemon per store, by a lock on the resolved file). On
PostgreSQL every process, the plain ``run`` and any number of ``run
--worker``, leases due sources from the store (``LeasePlan``), beats a
heartbeat that renews its leases, and only the holder of the delivery lock
sends alerts (``scheduler.membership``).

Signals: SIGTERM / SIGINT: no new crawls start; running children get a few
seconds to finish, then are stopped (their sources stay due); exit 0 within
10 s. SIGHUP: read the config again and apply it (sources added, removed or
changed, intervals, alert settings) without a restart; a config that does
not load is logged and the one in force is kept. No crawl child outlives
the daemon, however it ends.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import FrameType

import sqlalchemy as sa
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from crawler.config import SourceConfig
from crawler.safety.redact import redact
from scheduler.backoff import effective_due, jitter_for
from scheduler.config import ConfigError, LoadedConfig, load_config
from scheduler.dispatch import Dispatcher
from scheduler.drainjob import DRAIN_JOB, Drainer
from scheduler.lock import DaemonLock, LockHeld
from scheduler.membership import HEARTBEAT_JOB, Membership
from scheduler.plans import LeasePlan, LocalPlan, Plan
from scheduler.services import Digest, Service, ServiceContext, daemon_services
from scheduler.warm import WarmPool
from storage.engine import StorageError, make_engine, write_session
from storage.schedule import sync_sources
from storage.schema import ensure_schema

log = logging.getLogger(__name__)
jobs_log = logging.getLogger(__name__ + ".jobs")

Clock = Callable[[], datetime]
DIGEST_JOB = Digest.JOB  # [alerts.digest]: a service (scheduler.services)


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, kw_only=True)
class DaemonOptions:
    """Knobs that are not in the config file (tests and the benches turn them)."""

    child_time_limit: float | None = None  # seconds per batch; None: max(120, 10 x crawl.timeout)
    shutdown_grace: float = 5.0  # seconds running children get to finish on SIGTERM
    max_parallel: int | None = None  # crawl children at once; None: one per CPU, plus one
    hard_exit_when_stuck: bool = True  # os._exit(0) if a job thread outlives the shutdown budget

    def __post_init__(self) -> None:
        if self.child_time_limit is not None and self.child_time_limit <= 0:
            raise ValueError("child_time_limit must be positive")
        if self.shutdown_grace < 0 or self.shutdown_grace > 7:
            raise ValueError("shutdown_grace must be within 0..7 s (exit within 10 s)")
        if self.max_parallel is not None and self.max_parallel < 1:
            raise ValueError("max_parallel must be at least 1")


def run_daemon(cfg: LoadedConfig, *, worker: bool = False, clock: Clock | None = None,
               options: DaemonOptions | None = None) -> int:
    """Run until SIGTERM/SIGINT; return the exit status (0 clean stop, 1 refused or failed)."""
    return Daemon(cfg, worker=worker, clock=clock or _utcnow, options=options or DaemonOptions()).run()


def source_keys(sources: dict[str, SourceConfig]) -> list[tuple[str, str, str]]:
    return [(s.name, s.kind, redact(s.url_str)) for s in sources.values()]


class Daemon:
    def __init__(self, cfg: LoadedConfig, *, worker: bool = False, clock: Clock = _utcnow,
                 options: DaemonOptions | None = None) -> None:
        options = options or DaemonOptions()
        self.cfg, self.worker, self.clock, self.options = cfg, worker, clock, options
        self.shared = sa.engine.make_url(cfg.database_url).get_backend_name() == "postgresql"
        crawl = cfg.app.crawl
        self.cpus = crawl.process_count()
        self.slots = options.max_parallel or self.cpus + 1
        self.time_limit = options.child_time_limit or max(120.0, 10 * crawl.timeout.total_seconds())
        self.stop_event = threading.Event()
        self._reload = threading.Event()
        self.engine: sa.Engine | None = None
        self.scheduler: BackgroundScheduler | None = None
        self.pool = WarmPool(cfg)
        self.plan: Plan | None = None
        self.dispatcher: Dispatcher | None = None
        self.membership: Membership | None = None
        self.services: list[Service] = []
        self._busy = 0
        self._busy_cond = threading.Condition()
        self.drainer = Drainer(cfg.app.alerts, self._enter, self._leave, self.stop_event,
                               may_deliver=self.is_leader)

    @property
    def role(self) -> str:
        return "worker" if self.worker else "daemon"

    def is_leader(self) -> bool:
        return self.membership is None or self.membership.is_leader()

    # ----------------------------------------------------------------- lifecycle

    def run(self) -> int:
        lock = DaemonLock(self.cfg.database_url)
        if not self.worker:
            try:
                lock.acquire()
            except LockHeld as exc:
                log.error("%s", exc)
                return 1
        try:
            try:
                self.engine = make_engine(self.cfg.database_url)
                ensure_schema(self.engine)
                self.plan = self._make_plan()
            except (StorageError, sa.exc.SQLAlchemyError) as exc:
                log.error("cannot use the database %s: %s", lock.description, exc)
                return 1
            self._install_signals()
            self.pool.start()
            self._start()
            log.info("%s started (pid %d): %d sources, %d crawl slots, drain every %ss%s",
                     self.role, os.getpid(), len(self.dispatcher.sources) if self.dispatcher else 0,
                     self.slots, int(self.cfg.app.alerts.drain_interval.total_seconds()),
                     f", worker id {self.membership.id}" if self.membership else "")
            while not self.stop_event.wait(0.2):
                if self._reload.is_set():
                    self._reload.clear()
                    self.reload()
            return self._shutdown()
        finally:
            self.pool.close()
            lock.release()
            if self.engine is not None:
                self.engine.dispose()

    def _make_plan(self) -> Plan:
        assert self.engine is not None
        enabled = {s.name: s for s in self.cfg.app.sources if s.enabled}
        with write_session(self.engine) as session:
            rows = sync_sources(session, source_keys(enabled))
        if self.shared:
            self.membership = Membership(self.engine, role=self.role, lease=self.cfg.app.workers.lease)
            self.membership.join()
            return LeasePlan(self.engine, self.membership.id, self.cfg.app.workers.lease,
                             lambda: self.dispatcher.enabled() if self.dispatcher else [])
        plan = LocalPlan(self.clock)
        plan.set_due(self._due_times(enabled, rows), self._intervals(enabled))
        overdue = sum(1 for d in plan.due_times().values() if d is None or d <= self.clock())
        if overdue:
            log.info("%d source(s) due now, %d later", overdue, len(enabled) - overdue)
        return plan

    def _intervals(self, sources: dict[str, SourceConfig]) -> dict[str, timedelta]:
        return {name: s.interval or self.cfg.app.crawl.interval for name, s in sources.items()}

    def _due_times(self, sources: dict[str, SourceConfig],
                   rows: dict[str, object]) -> dict[str, tuple[datetime | None, bool]]:
        """Each source's due time from the store, under its interval as configured now."""
        due: dict[str, tuple[datetime | None, bool]] = {}
        for name, source in sources.items():
            row = rows.get(name)
            interval = source.interval or self.cfg.app.crawl.interval
            if row is None:
                due[name] = (None, False)
                continue
            failures = int(getattr(row, "consecutive_failures", 0))
            due[name] = (effective_due(getattr(row, "next_due", None), getattr(row, "last_fetch", None),
                                       interval, failures), failures > 0)
        return due

    def _start(self) -> None:
        assert self.engine is not None and self.plan is not None
        sched = BackgroundScheduler(
            executors={"alerts": ThreadPoolExecutor(1), "default": ThreadPoolExecutor(2)},
            job_defaults={"coalesce": True, "max_instances": 1}, timezone=UTC,
        )
        # APScheduler's own INFO/WARNING lines repeat for every run; our listener reports what matters.
        logging.getLogger("apscheduler").setLevel(logging.CRITICAL)
        sched.add_listener(self._on_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED)
        drain = self.cfg.app.alerts.drain_interval
        sched.add_job(
            self.drainer.run, IntervalTrigger(seconds=drain.total_seconds(), jitter=jitter_for(drain), timezone=UTC),
            id=DRAIN_JOB, name="deliver pending alerts", executor="alerts", replace_existing=True,
            coalesce=True, max_instances=1, misfire_grace_time=max(1, int(drain.total_seconds())),
            next_run_time=datetime.now(UTC),
        )
        if self.membership is not None:
            sched.add_job(self._heartbeat, IntervalTrigger(seconds=self.membership.beat_seconds, timezone=UTC),
                          id=HEARTBEAT_JOB, name="heartbeat", replace_existing=True, coalesce=True,
                          max_instances=1, misfire_grace_time=int(self.membership.beat_seconds))
        sched.start()
        self.scheduler = sched
        self.drainer.attach(sched, self.engine)
        self.dispatcher = Dispatcher(
            self.cfg, self.engine, self.pool, self.plan, clock=self.clock, slots=self.slots, cpus=self.cpus,
            time_limit=self.time_limit, enter=self._enter, leave=self._leave, on_news=self.drainer.wake,
            worker_id=self.membership.id if self.membership else None,
        )
        self.dispatcher.start()
        ctx = ServiceContext(cfg=self.cfg, engine=self.engine, scheduler=sched, stop_event=self.stop_event,
                             is_leader=self.is_leader, worker=self.worker, clock=self.clock,
                             wake_drain=self.drainer.wake)
        for service in daemon_services(self.cfg, worker=self.worker):
            service.start(ctx)
            self.services.append(service)

    def _heartbeat(self) -> None:
        if self.membership is None or self.stop_event.is_set():
            return
        was = self.membership.is_leader()
        self.membership.beat()
        if self.membership.is_leader() and not was:
            self.drainer.wake()

    def request_stop(self) -> None:
        self.stop_event.set()

    def _install_signals(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return

        def stop(signum: int, _frame: FrameType | None) -> None:
            if not self.stop_event.is_set():
                log.info("received %s: stopping", signal.Signals(signum).name)
            self.stop_event.set()

        def hup(_signum: int, _frame: FrameType | None) -> None:
            self._reload.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGHUP, hup)

    def reload(self) -> None:
        """SIGHUP: the config file again; sources added, removed or changed take effect now."""
        try:
            new = load_config(self.cfg.path)
        except ConfigError as exc:
            log.error("SIGHUP: the config was not reloaded, the one in force stays: %s", exc)
            return
        if new.database_url != self.cfg.database_url:
            log.error("SIGHUP: [storage] url changed; restart the daemon to use another store "
                      "(the config in force stays)")
            return
        from scheduler.logs import redact_secrets

        redact_secrets(new.app)
        old = {s.name: s for s in self.cfg.app.sources if s.enabled}
        now = {s.name: s for s in new.app.sources if s.enabled}
        added = sorted(set(now) - set(old))
        removed = sorted(set(old) - set(now))
        changed = sorted(n for n in set(now) & set(old) if now[n] != old[n])
        assert self.engine is not None
        with write_session(self.engine) as session:
            rows = sync_sources(session, source_keys(now))
        self.cfg = new
        self.pool.update_config(new)
        self.drainer.alerts = new.app.alerts
        if self.dispatcher is not None:
            self.dispatcher.update_config(new)
        if isinstance(self.plan, LocalPlan):
            self.plan.set_due(self._due_times(now, rows), self._intervals(now))
        if self.dispatcher is not None:
            self.dispatcher.wake()
        log.info("SIGHUP: config reloaded: %d sources; added: %s; removed: %s; changed: %s", len(now),
                 ", ".join(added) or "none", ", ".join(removed) or "none", ", ".join(changed) or "none")

    def _shutdown(self) -> int:
        started = time.monotonic()
        if self.dispatcher is not None:
            self.dispatcher.stop()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
        for service in reversed(self.services):
            service.stop()
        running = self.pool.running
        if running:
            log.info("waiting up to %.0fs for %d running crawl(s) to finish", self.options.shutdown_grace, running)
        self._wait_idle(self.options.shutdown_grace)
        if self.pool.running:
            log.info("stopping %d crawl process(es); their sources stay due", self.pool.running)
        self.pool.stop_all()
        budget = max(0.5, 9.0 - (time.monotonic() - started))
        if not self._wait_idle(budget):
            log.warning("a job is still running after %.1fs; exiting without it", time.monotonic() - started)
            if self.options.hard_exit_when_stuck:
                logging.shutdown()
                os._exit(0)
        if self.membership is not None:
            try:
                self.membership.leave()
            except (StorageError, sa.exc.SQLAlchemyError) as exc:
                log.warning("could not leave the worker list (its leases will run out): %s", exc)
        log.info("%s stopped", self.role)
        return 0

    def _wait_idle(self, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        with self._busy_cond:
            while self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._busy_cond.wait(min(left, 0.1))
        return True

    def _enter(self) -> bool:
        with self._busy_cond:
            if self.stop_event.is_set():
                return False
            self._busy += 1
            return True

    def _leave(self) -> None:
        with self._busy_cond:
            self._busy -= 1
            self._busy_cond.notify_all()

    def _on_event(self, event: JobExecutionEvent) -> None:
        if event.code == EVENT_JOB_ERROR:
            jobs_log.error("job %s failed: %r\n%s", event.job_id, event.exception, event.traceback or "")
        elif event.code == EVENT_JOB_MISSED:
            jobs_log.warning("job %s missed its run at %s", event.job_id, event.scheduled_run_time)
