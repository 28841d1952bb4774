"""The daemon's crawls: the sources due together, batched into warm crawl children.

A dispatcher thread takes the due sources from the plan (``scheduler.plans``)
whenever a crawl slot is free and runs them in as few children as keep the
CPUs busy (``scheduler.warm``): one child for a few sources, one per CPU for
many. Sources whose last crawl failed run in a child of their own, so a
source that hangs until its timeout holds up no healthy source after its
first failure. Each child records its sources' outcomes and next due times
itself (``scheduler.cycle``); here the dispatcher records what a child that
crashed, hung or was killed could not, raises source down / up notices,
writes the daemon's last cycle, wakes the alert drain when there is news,
and tells the plan when each source is due next.
"""

from __future__ import annotations

import logging
import math
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any, Protocol

import sqlalchemy as sa

from crawler.config import SourceConfig
from scheduler.child import ChildResult
from scheduler.config import LoadedConfig
from scheduler.cycle import outcome, record_outcomes_of
from scheduler.plans import Clock, Due, Plan
from storage.engine import StorageError, read_session, write_session
from storage.notices import check_source_notice
from storage.schedule import DAEMON_LAST_CYCLE, source_rows
from storage.stats import set_meta

log = logging.getLogger("scheduler.daemon.jobs")

MIN_SPLIT = 50  # a batch is split over several children only with this many sources per child
MAX_BATCH = 1000  # sources per crawl child at most
PER_SOURCE_SECONDS = 0.5  # a batch's time limit grows with its size
IDLE_WAIT = 30.0  # seconds: look again at least this often, whatever the plan says
SHOWN = 50  # sources named in the daemon's last-cycle record, at most


class Runner(Protocol):
    def run(self, sources: Sequence[str], *, time_limit: float, alerts: str = "auto") -> ChildResult: ...


class Dispatcher:
    def __init__(self, cfg: LoadedConfig, engine: sa.Engine, runner: Runner, plan: Plan, *,
                 clock: Clock, slots: int, cpus: int, time_limit: float,
                 enter: Callable[[], bool], leave: Callable[[], None],
                 on_news: Callable[[], None], worker_id: str | None = None) -> None:
        self.engine, self.runner, self.plan, self.clock = engine, runner, plan, clock
        self.slots, self.cpus, self.time_limit = slots, max(1, cpus), time_limit
        self._enter, self._leave, self.on_news = enter, leave, on_news
        self.worker_id = worker_id
        self.update_config(cfg)
        self._lock = threading.Condition()
        self._free = slots
        self._woken = False
        self._stopping = False
        self._pool = ThreadPoolExecutor(slots, thread_name_prefix="crawl")
        self._thread = threading.Thread(target=self._loop, name="dispatch", daemon=True)

    def update_config(self, cfg: LoadedConfig) -> None:
        self.cfg = cfg
        self.sources: dict[str, SourceConfig] = {s.name: s for s in cfg.app.sources if s.enabled}

    def enabled(self) -> list[str]:
        return list(self.sources)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        with self._lock:
            self._woken = True
            self._lock.notify_all()

    def stop(self) -> None:
        """No new batches; those running finish (or are stopped by the runner)."""
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        self._pool.shutdown(wait=False)

    # ----------------------------------------------------------------- dispatching

    def _loop(self) -> None:
        while True:
            with self._lock:
                if self._stopping:
                    return
            try:
                wait = self.dispatch()
            except (StorageError, sa.exc.SQLAlchemyError) as exc:
                log.error("cannot read the schedule from the store: %s", exc)
                wait = 5.0
            with self._lock:
                if not self._woken and not self._stopping:
                    self._lock.wait(min(IDLE_WAIT, wait if wait is not None else IDLE_WAIT))
                self._woken = False

    def dispatch(self) -> float | None:
        """Start batches while slots are free; return seconds until the next source is due."""
        while True:
            with self._lock:
                free = 0 if self._stopping else self._free
            if free <= 0:
                return None  # a finishing batch wakes the loop
            due = self.plan.take(free * MAX_BATCH)
            if not due:
                return self.plan.wait_seconds()
            for group in split_batches(due, free, self.cpus):
                with self._lock:
                    self._free -= 1
                self._pool.submit(self._run, group)

    # ----------------------------------------------------------------- one batch

    def _run(self, names: list[str]) -> None:
        due: dict[str, tuple[datetime, bool]] = {}
        try:
            if not self._enter():
                return
            try:
                due = self._crawl(names)
            finally:
                self._leave()
        except (StorageError, sa.exc.SQLAlchemyError) as exc:
            log.error("cannot record the crawl of %d source(s): %s", len(names), exc)
            due = {n: (self.clock() + self._interval(n), False) for n in names if n in self.sources}
        finally:
            self.plan.finish(names, due)
            with self._lock:
                self._free += 1
                self._woken = True
                self._lock.notify_all()

    def _interval(self, name: str) -> Any:
        source = self.sources.get(name)
        return (source.interval if source else None) or self.cfg.app.crawl.interval

    def _crawl(self, names: list[str]) -> dict[str, tuple[datetime, bool]]:
        with read_session(self.engine) as session:
            failing_since = {n: r.failing_since for n, r in source_rows(session, names).items()
                             if r.failing_since is not None}
        limit = self.time_limit + PER_SOURCE_SECONDS * len(names)
        result = self.runner.run(names, time_limit=limit, alerts="auto")
        if result.stopped:
            log.info("%d source(s): crawl stopped by shutdown; they stay due", len(names))
            return {}
        return self._record(names, result, failing_since)

    def _record(self, names: list[str], result: ChildResult,
                failing_since: dict[str, datetime]) -> dict[str, tuple[datetime, bool]]:
        """What the child could not record; notices; the last cycle. Returns the next due times."""
        now = self.clock()
        alerts = self.cfg.app.alerts
        missing = [n for n in names if n not in result.sources and n in self.sources]
        if missing:
            error = result.error or "the crawl summary does not mention this source"
            record_outcomes_of(self.cfg, self.engine,
                               [outcome(self.cfg, self.sources[n], "failed", error=error) for n in missing],
                               now)
        notices = 0
        with write_session(self.engine) as session:
            rows = source_rows(session, names)
            for name in names:
                row = rows.get(name)
                if row is None or not (row.consecutive_failures or row.down_notified or name in failing_since):
                    continue
                if check_source_notice(session, name, now=now, down_after=alerts.source_down_after,
                                       channels=alerts.enabled_channels(),
                                       failing_since=failing_since.get(name)) is not None:
                    notices += 1
            set_meta(session, DAEMON_LAST_CYCLE, self._cycle_record(names, result, rows, now))
        due = {n: (r.next_due, r.consecutive_failures > 0) for n, r in rows.items() if r.next_due is not None}
        fetched = sum(int(result.sources.get(n, {}).get("fetched") or 0) for n in names)
        self._log(names, result, rows, missing, now)
        if notices or fetched:  # a fetched page may be a copy whose story gains a new figure
            self.on_news()
        return due

    def _log(self, names: list[str], result: ChildResult, rows: dict[str, Any], missing: list[str],
             now: datetime) -> None:
        counts = {"ok": 0, "not_modified": 0, "failed": 0}
        for name in names:
            entry = result.sources.get(name)
            row = rows.get(name)
            outcome_ = "failed" if entry is None else str(entry.get("result") or "ok")
            counts[outcome_] = counts.get(outcome_, 0) + 1
            nxt = row.next_due.isoformat(timespec="seconds") if row is not None and row.next_due else "?"
            if outcome_ == "failed":
                error = (entry or {}).get("error") or result.error
                failures = row.consecutive_failures if row is not None else 0
                log.warning("source %s failed (%d in a row, %.1fs): %s; next try %s", name, failures,
                            result.duration, error, nxt)
            elif entry is not None and any(int(entry.get(k) or 0) for k in ("fetched", "new", "failed")):
                tally = ", ".join(f"{k} {int(entry.get(k) or 0)}" for k in
                                  ("fetched", "new", "duplicate", "irrelevant", "failed"))
                log.info("source %s %s: %s (%.1fs); next %s", name, outcome_, tally, result.duration, nxt)
        if missing and result.stderr_tail:
            log.debug("crawl stderr tail:\n%s", result.stderr_tail)
        log.info("crawled %d source(s) in %.1fs: %s", len(names), result.duration,
                 ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items() if v))

    def _cycle_record(self, names: list[str], result: ChildResult, rows: dict[str, Any],
                      now: datetime) -> dict[str, Any]:
        results = {n: result.sources.get(n) or {"result": "failed", "error": result.error} for n in names}
        counts: dict[str, int] = {}
        for entry in results.values():
            counts[str(entry.get("result") or "ok")] = counts.get(str(entry.get("result") or "ok"), 0) + 1
        new = sum(int(e.get("new") or 0) for e in results.values())
        shown = sorted(names)[:SHOWN]
        tally = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in sorted(counts.items()))
        who = f"worker {self.worker_id}" if self.worker_id else f"daemon pid {os.getpid()}"
        return {
            "summary": (f"{len(names)} source(s) ({', '.join(shown)}{', ...' if len(names) > SHOWN else ''}) "
                        f"at {now.isoformat(timespec='seconds')} in {result.duration:.1f}s: {tally}, "
                        f"{new} new ({who})"),
            "finished": now.isoformat(),
            "pid": os.getpid(),
            "worker": self.worker_id,
            "sources": shown,
            "source_count": len(names),
            "duration_seconds": round(result.duration, 3),
            "counts": counts,
            "new": new,
            "results": {n: e for n, e in results.items() if e.get("result") == "failed" or e.get("new")},
            "child_exit": result.returncode,
            "next_due": {n: rows[n].next_due.isoformat() for n in shown
                         if n in rows and rows[n].next_due is not None},
        }


def split_batches(due: Sequence[Due], free: int, cpus: int) -> list[list[str]]:
    """The failing sources in a child of their own; the others over as many children as there
    are CPUs (never more than the free slots, nor fewer than MIN_SPLIT sources each)."""
    failing = [d.name for d in due if d.failing]
    healthy = [d.name for d in due if not d.failing]
    groups: list[list[str]] = []
    if healthy:
        room = max(1, free - (1 if failing else 0))
        parts = max(1, min(room, cpus, math.ceil(len(healthy) / MIN_SPLIT)))
        groups += [healthy[i::parts] for i in range(parts)]
    if failing:
        if len(groups) < free:
            groups.append(failing)
        else:
            groups[-1] += failing
    return groups
