"""``stationwatch run``: the daemon.

APScheduler 3 (``BackgroundScheduler``, memory job store) with jobs rebuilt
from the config at every start: one job per enabled source, on its own
interval, and one alert-drain job on ``alerts.drain_interval``. The store is
the schedule's memory: each source's ``next_due`` is written after every run
and read at start, so a restart neither refetches everything at once nor
skips a source.

A source's job pauses itself while it runs (no overlapping runs, however
long the crawl), runs one crawl cycle in a child process (``scheduler.child``),
then sets the source's next due time (its interval, or exponential back-off
after failures), raises source down/up notices, records the daemon's last
cycle in ``Meta`` and resumes itself at that time.

SIGTERM / SIGINT: no new runs start; running children get a few seconds to
finish, then are terminated (their sources stay due and run first after the
next start); the daemon exits 0 within 10 s.
"""

from __future__ import annotations

import logging
import os
import random
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import Any

import sqlalchemy as sa
from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    JobExecutionEvent,
    JobSubmissionEvent,
)
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from crawler.config import SourceConfig
from scheduler.backoff import DEFAULT_CAP, jitter_for
from scheduler.backoff import next_due as backoff_next_due
from scheduler.child import ChildResult, ChildRunner
from scheduler.config import LoadedConfig
from scheduler.drainjob import DRAIN_JOB, Drainer
from scheduler.lock import DaemonLock, LockHeld
from scheduler.web import embedded
from storage.engine import StorageError, make_engine, read_session, write_session
from storage.models import SourceState
from storage.notices import check_source_notice
from storage.schedule import DAEMON_LAST_CYCLE, record_failure, sync_sources
from storage.schema import ensure_schema
from storage.stats import set_meta, store_is_empty

log = logging.getLogger(__name__)
jobs_log = logging.getLogger(__name__ + ".jobs")

Clock = Callable[[], datetime]
STAGGER = timedelta(seconds=1)  # between the first runs of sources due at start


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, kw_only=True)
class DaemonOptions:
    """Knobs that are not in the config file (tests and the soak bench turn them)."""

    child_time_limit: float | None = None  # seconds; None: max(120, 10 x crawl.timeout)
    shutdown_grace: float = 5.0  # seconds running children get to finish on SIGTERM
    max_parallel: int = 4  # crawl children at once
    backoff_cap: timedelta = DEFAULT_CAP
    hard_exit_when_stuck: bool = True  # os._exit(0) if a job thread outlives the shutdown budget

    def __post_init__(self) -> None:
        if self.child_time_limit is not None and self.child_time_limit <= 0:
            raise ValueError("child_time_limit must be positive")
        if self.shutdown_grace < 0 or self.shutdown_grace > 7:
            raise ValueError("shutdown_grace must be within 0..7 s (exit within 10 s)")
        if self.max_parallel < 1:
            raise ValueError("max_parallel must be at least 1")


def run_daemon(cfg: LoadedConfig, *, clock: Clock | None = None,
               options: DaemonOptions | None = None) -> int:
    """Run until SIGTERM/SIGINT; return the exit status (0 clean stop, 1 refused or failed)."""
    daemon = Daemon(cfg, clock=clock or _utcnow, options=options or DaemonOptions())
    return daemon.run()


class Daemon:
    def __init__(self, cfg: LoadedConfig, *, clock: Clock, options: DaemonOptions) -> None:
        self.cfg = cfg
        self.clock = clock
        self.options = options
        self.sources: dict[str, SourceConfig] = {s.name: s for s in cfg.app.sources if s.enabled}
        crawl = cfg.app.crawl
        self.time_limit = options.child_time_limit or max(120.0, 10 * crawl.timeout.total_seconds())
        self.runner = ChildRunner(cfg.path)
        self.stop_event = threading.Event()
        self.engine: sa.Engine | None = None
        self.scheduler: BackgroundScheduler | None = None
        self._busy = 0
        self._busy_cond = threading.Condition()
        self.drainer = Drainer(cfg.app.alerts, self._enter, self._leave, self.stop_event)
        # sources whose first crawl must record without alerting (empty store at start)
        self._quiet_first: set[str] = set()

    # ----------------------------------------------------------------- lifecycle

    def interval(self, source: SourceConfig) -> timedelta:
        return source.interval or self.cfg.app.crawl.interval

    def run(self) -> int:
        lock = DaemonLock(self.cfg.database_url)
        try:
            lock.acquire()
        except LockHeld as exc:
            log.error("%s", exc)
            return 1
        try:
            try:
                self.engine = make_engine(self.cfg.database_url)
                ensure_schema(self.engine)
                first_runs = self._load_schedule()
                self._quiet_first = self._first_crawl_sources()
            except (StorageError, sa.exc.SQLAlchemyError) as exc:
                log.error("cannot use the database %s: %s", lock.description, exc)
                return 1
            self._install_signals()
            self._start_scheduler(first_runs)
            log.info("daemon started (pid %d): %d sources, drain every %ss, crawl time limit %.0fs",
                     os.getpid(), len(self.sources),
                     int(self.cfg.app.alerts.drain_interval.total_seconds()), self.time_limit)
            web = embedded.start_if_enabled(self.cfg)  # [web] enabled: the dashboard, in a thread
            while not self.stop_event.wait(0.5):
                pass
            embedded.stop(web)
            return self._shutdown()
        finally:
            lock.release()
            if self.engine is not None:
                self.engine.dispose()

    def request_stop(self) -> None:
        self.stop_event.set()

    def _install_signals(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return

        def handler(signum: int, _frame: FrameType | None) -> None:
            if not self.stop_event.is_set():
                log.info("received %s: stopping", signal.Signals(signum).name)
            self.stop_event.set()

        signal.signal(signal.SIGTERM, handler)
        signal.signal(signal.SIGINT, handler)

    def _load_schedule(self) -> dict[str, datetime]:
        """Sync the sources' rows with the config; return each source's first run time."""
        assert self.engine is not None
        now = self.clock()
        first: dict[str, datetime] = {}
        overdue: list[tuple[datetime, str]] = []
        with write_session(self.engine) as session:
            states = sync_sources(session, [(s.name, s.kind, s.url_str) for s in self.sources.values()])
            for name, state in states.items():
                due = state.next_due
                if due is None or due <= now:
                    overdue.append((due or datetime.min.replace(tzinfo=UTC), name))
                else:
                    first[name] = due
        # Sources already due start one after another, most overdue first, so a
        # start after a long stop does not launch every crawl in the same second.
        for i, (_, name) in enumerate(sorted(overdue)):
            first[name] = now + STAGGER * i
        if overdue:
            log.info("%d source(s) due now, %d later", len(overdue), len(first) - len(overdue))
        return first

    def _start_scheduler(self, first_runs: dict[str, datetime]) -> None:
        workers = max(1, min(self.options.max_parallel, len(self.sources)))
        sched = BackgroundScheduler(
            executors={"crawl": ThreadPoolExecutor(workers), "alerts": ThreadPoolExecutor(1)},
            job_defaults={"coalesce": True, "max_instances": 1},
            timezone=UTC,
        )
        # APScheduler's own INFO/WARNING lines repeat for every run; our listener reports what matters.
        logging.getLogger("apscheduler").setLevel(logging.CRITICAL)
        sched.add_listener(self._on_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
        for name, source in self.sources.items():
            interval = self.interval(source)
            seconds = interval.total_seconds()
            sched.add_job(
                self._crawl_job, IntervalTrigger(seconds=seconds, jitter=jitter_for(interval), timezone=UTC),
                args=(name,), id=f"source:{name}", name=f"crawl {name}", executor="crawl",
                replace_existing=True, coalesce=True, max_instances=1,
                misfire_grace_time=max(1, int(seconds)), next_run_time=self._real(first_runs[name]),
            )
        drain = self.cfg.app.alerts.drain_interval.total_seconds()
        sched.add_job(
            self.drainer.run, IntervalTrigger(seconds=drain, jitter=jitter_for(self.cfg.app.alerts.drain_interval),
                                             timezone=UTC),
            id=DRAIN_JOB, name="deliver pending alerts", executor="alerts", replace_existing=True,
            coalesce=True, max_instances=1, misfire_grace_time=max(1, int(drain)),
            next_run_time=datetime.now(UTC),
        )
        sched.start()
        self.scheduler = sched
        self.drainer.attach(sched, self.engine)

    def _shutdown(self) -> int:
        started = time.monotonic()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
        running = self.runner.running
        if running:
            log.info("waiting up to %.0fs for %d running crawl(s) to finish",
                     self.options.shutdown_grace, running)
        self._wait_idle(self.options.shutdown_grace)
        if self.runner.running:
            log.info("terminating %d crawl process(es); their sources stay due", self.runner.running)
        self.runner.stop_all()
        budget = max(0.5, 9.0 - (time.monotonic() - started))
        if not self._wait_idle(budget):
            log.warning("a job is still running after %.1fs; exiting without it", time.monotonic() - started)
            if self.options.hard_exit_when_stuck:
                logging.shutdown()
                os._exit(0)
        log.info("daemon stopped")
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

    # ----------------------------------------------------------------- events

    def _on_event(self, event: JobExecutionEvent | JobSubmissionEvent) -> None:
        if event.code == EVENT_JOB_ERROR:
            assert isinstance(event, JobExecutionEvent)
            jobs_log.error("job %s failed: %r\n%s", event.job_id, event.exception, event.traceback or "")
        elif event.code == EVENT_JOB_MISSED:
            jobs_log.warning("job %s missed its run at %s", event.job_id, event.scheduled_run_time)
        elif event.code == EVENT_JOB_MAX_INSTANCES:
            jobs_log.debug("job %s still running; a run was skipped", event.job_id)

    # ----------------------------------------------------------------- crawl jobs

    def _crawl_job(self, name: str) -> None:
        if not self._enter():
            return
        job_id = f"source:{name}"
        resume_at: datetime | None = None
        try:
            self._pause(job_id)
            failing_since = self._failing_since(name)
            quiet = name in self._quiet_first
            result = self.runner.run([name], time_limit=self.time_limit,
                                     extra_args=["--alerts", "off"] if quiet else [])
            self._quiet_first.discard(name)
            if result.stopped:
                jobs_log.info("source %s: crawl stopped by shutdown; it stays due", name)
                return
            resume_at = self._after_run(name, result, failing_since)
        finally:
            if resume_at is None and not self.stop_event.is_set():
                resume_at = self.clock() + self.interval(self.sources[name])
            if resume_at is not None and not self.stop_event.is_set():
                self._resume(job_id, resume_at, self.interval(self.sources[name]))
            self._leave()

    def _first_crawl_sources(self) -> set[str]:
        """With an empty store (and on_first_crawl off), every source's first crawl records
        without alerting: decided once here, since the crawls run in parallel children and
        would otherwise see each other's articles and alert."""
        if self.cfg.app.alerts.on_first_crawl or self.engine is None:
            return set()
        with read_session(self.engine) as session:
            empty = store_is_empty(session)
        return set(self.sources) if empty else set()

    def _pause(self, job_id: str) -> None:
        if self.scheduler is not None and not self.stop_event.is_set():
            self.scheduler.pause_job(job_id)

    def _resume(self, job_id: str, at: datetime, interval: timedelta) -> None:
        if self.scheduler is None:
            return
        delay = random.uniform(0.0, jitter_for(interval))  # noqa: S311 - jitter, not crypto
        self.scheduler.modify_job(job_id, next_run_time=self._real(at) + timedelta(seconds=delay))

    def _real(self, at: datetime) -> datetime:
        """``at`` (on the injected clock) as a time on the scheduler's real clock."""
        return datetime.now(UTC) + max(at - self.clock(), timedelta(0))

    def _failing_since(self, name: str) -> datetime | None:
        assert self.engine is not None
        with read_session(self.engine) as session:
            state = session.get(SourceState, name)
            return state.failing_since if state else None

    def _after_run(self, name: str, result: ChildResult, failing_since: datetime | None) -> datetime:
        """Record the run's outcome; return when the source is due next."""
        assert self.engine is not None
        source = self.sources[name]
        interval = self.interval(source)
        now = self.clock()
        entry = result.sources.get(name)
        notice: int | None = None
        with write_session(self.engine) as session:
            if entry is None:
                error = result.error or "the crawl summary does not mention this source"
                state = record_failure(session, name, now=now, error=error)
            else:
                state = session.get(SourceState, name)
                assert state is not None
                error = entry.get("error") or (state.last_error if state.consecutive_failures else None)
            failures = state.consecutive_failures if error else 0
            due = backoff_next_due(now, interval, failures, cap=self.options.backoff_cap)
            state.next_due = due
            session.add(state)
            notice = check_source_notice(
                session, name, now=now, down_after=self.cfg.app.alerts.source_down_after,
                channels=self.cfg.app.alerts.enabled_channels(), failing_since=failing_since,
            )
            set_meta(session, DAEMON_LAST_CYCLE, _cycle_record(name, result, entry, now, due))
        self._log_run(name, result, entry, error, failures, due)
        if notice is not None or (entry and int(entry.get("new") or 0) > 0):
            self.drainer.wake()
        return due

    def _log_run(self, name: str, result: ChildResult, entry: dict[str, Any] | None,
                 error: str | None, failures: int, due: datetime) -> None:
        if error:
            jobs_log.warning("source %s failed (%d in a row, %.1fs): %s; next try %s", name, failures,
                             result.duration, error, due.isoformat(timespec="seconds"))
            if entry is None and result.stderr_tail:
                jobs_log.debug("source %s crawl stderr tail:\n%s", name, result.stderr_tail)
            return
        counts = ", ".join(f"{k} {int(entry.get(k) or 0)}" for k in
                           ("fetched", "new", "duplicate", "irrelevant", "failed")) if entry else ""
        outcome = str(entry.get("result") or "ok") if entry else "ok"
        jobs_log.info("source %s %s: %s (%.1fs); next %s", name, outcome, counts, result.duration,
                      due.isoformat(timespec="seconds"))

def _cycle_record(name: str, result: ChildResult, entry: dict[str, Any] | None,
                  now: datetime, due: datetime) -> dict[str, Any]:
    outcome = (entry.get("result") or "ok") if entry is not None else "failed"
    return {
        "summary": (f"{name} {outcome} at {now.isoformat(timespec='seconds')} "
                    f"in {result.duration:.1f}s (daemon pid {os.getpid()})"),
        "finished": now.isoformat(),
        "pid": os.getpid(),
        "sources": [name],
        "duration_seconds": round(result.duration, 3),
        "results": {name: entry if entry is not None else {"error": result.error}},
        "child_exit": result.returncode,
        "next_due": {name: due.isoformat()},
    }
