"""The daemon's alert-drain job: deliver pending alerts on a short interval, and on demand.

``scheduler.alerting.drain.drain(engine, alerts_cfg)`` does the delivering;
it is imported when the job first runs, and a build without it leaves the
alerts pending (they are still recorded and listed). ``wake()`` runs the
drain now, or once more right after the drain in progress, so an alert
raised by a crawl goes out without waiting for the next tick. On a store
shared by several processes, only the one that holds the delivery lock
drains (``may_deliver``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from apscheduler.schedulers.base import BaseScheduler

from scheduler.alerting.config import AlertsConfig

log = logging.getLogger(__name__)

DRAIN_JOB = "alerts-drain"


class Drainer:
    def __init__(self, alerts: AlertsConfig, enter: Callable[[], bool], leave: Callable[[], None],
                 stop_event: threading.Event, may_deliver: Callable[[], bool] = lambda: True) -> None:
        self.alerts = alerts
        self.may_deliver = may_deliver  # on a shared store, only the delivery leader drains
        self._enter, self._leave = enter, leave
        self.stop_event = stop_event
        self.scheduler: BaseScheduler | None = None
        self.engine: sa.Engine | None = None
        self._lock = threading.Lock()
        self._running = False
        self._again = False

    def attach(self, scheduler: BaseScheduler, engine: sa.Engine | None) -> None:
        self.scheduler, self.engine = scheduler, engine

    def wake(self) -> None:
        """Deliver pending alerts now (or right after the drain in progress)."""
        with self._lock:
            if self._running:
                self._again = True
                return
        if self.scheduler is not None and not self.stop_event.is_set():
            try:
                self.scheduler.modify_job(DRAIN_JOB, next_run_time=datetime.now(UTC))
            except LookupError:  # JobLookupError: the scheduler is shutting down
                pass

    def run(self) -> None:
        """The job: drain until nobody asked for another pass."""
        if not self._enter():
            return
        try:
            with self._lock:
                self._running = True
            while True:
                self._once()
                with self._lock:
                    if not self._again or self.stop_event.is_set():
                        break
                    self._again = False
        finally:
            with self._lock:
                self._running = False
                self._again = False
            self._leave()

    def _once(self) -> None:
        from scheduler.alerting.drain import drain

        if self.engine is not None and self.may_deliver():
            drain(self.engine, self.alerts)
