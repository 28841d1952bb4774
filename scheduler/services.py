"""What the daemon runs beside its crawls, the alert drain and its heartbeat.

A service is started once the daemon's scheduler runs and stopped before
the daemon exits (in reverse order). It gets the config, the store, the
APScheduler scheduler (to add jobs with ids of its own) and ``is_leader``:
True in the one process of a shared store that delivers alerts (always, on
SQLite), which is where anything that sends (a digest) belongs. The
dashboard (``[web] enabled``) and digests (``[alerts.digest]``) plug in here,
in ``daemon_services``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import sqlalchemy as sa
from apscheduler.schedulers.base import BaseScheduler

from scheduler.config import LoadedConfig


@dataclass(frozen=True)
class ServiceContext:
    cfg: LoadedConfig
    engine: sa.Engine
    scheduler: BaseScheduler
    stop_event: threading.Event
    is_leader: Callable[[], bool]
    worker: bool  # a `run --worker` (no dashboard there) rather than the plain daemon
    clock: Callable[[], datetime]
    wake_drain: Callable[[], None]  # deliver pending alerts now


class Service(Protocol):
    name: str

    def start(self, ctx: ServiceContext) -> None: ...

    def stop(self) -> None: ...


class Dashboard:
    """``[web] enabled``: the dashboard, served from a thread of the plain ``run``."""

    name = "dashboard"

    def __init__(self) -> None:
        self._handle: Any = None

    def start(self, ctx: ServiceContext) -> None:
        from scheduler.web import embedded

        self._handle = embedded.start_if_enabled(ctx.cfg)

    def stop(self) -> None:
        from scheduler.web import embedded

        embedded.stop(self._handle)


class Digest:
    """``[alerts.digest] enabled``: queue the digest at its time in its zone (and once at start,
    to catch up after a stop), in the process that delivers alerts, then deliver it."""

    name = "digest"
    JOB = "alerts-digest"

    def start(self, ctx: ServiceContext) -> None:
        from scheduler.alerting.digest import digest_trigger

        self.ctx = ctx
        ctx.scheduler.add_job(
            self.run, digest_trigger(ctx.cfg.app.alerts.digest), id=self.JOB, name="queue the digest",
            executor="alerts", replace_existing=True, coalesce=True, max_instances=1,
            misfire_grace_time=3600, next_run_time=datetime.now(UTC),
        )

    def run(self) -> None:
        """Queue the digest due now (idempotent per period and channel), then deliver it."""
        from scheduler.alerting.digest import enqueue_due_digest

        ctx = self.ctx
        if ctx.is_leader() and enqueue_due_digest(ctx.engine, ctx.cfg.app.alerts, ctx.clock()):
            ctx.wake_drain()

    def stop(self) -> None:
        """The scheduler's shutdown ends the job."""


def daemon_services(cfg: LoadedConfig, *, worker: bool) -> list[Service]:
    """The services this daemon runs, in start order (a worker serves no dashboard: the
    plain ``run`` does, once per store)."""
    services: list[Service] = []
    if cfg.app.web.enabled and not worker:
        services.append(Dashboard())
    if cfg.app.alerts.digest.enabled:
        services.append(Digest())
    return services
