"""This process among others on one PostgreSQL store: its row in the worker list, its
heartbeat, and whether it is the one that delivers alerts.

The heartbeat (every third of ``[workers] lease``) refreshes ``last_seen``
and renews the leases on the sources this process is crawling; a process
that stops beating loses them when the lease runs out. Delivery goes to the
holder of a PostgreSQL advisory lock (``DELIVERY_LOCK_KEY``): a plain ``run``
always competes for it; a ``run --worker`` only while no plain ``run`` is
alive, and steps down when one appears. The lock lives on its own
connection, so it is released when its holder dies.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from datetime import timedelta

import sqlalchemy as sa

from scheduler.lock import DELIVERY_LOCK_KEY, AdvisoryLock
from storage import workers
from storage.engine import write_session

log = logging.getLogger(__name__)

HEARTBEAT_JOB = "heartbeat"


class Membership:
    def __init__(self, engine: sa.Engine, *, role: str, lease: timedelta) -> None:
        self.engine, self.role, self.lease = engine, role, lease
        self.host = socket.gethostname()
        self.id = f"{self.host[:40]}-{os.getpid()}-{secrets.token_hex(3)}"
        self.delivery = AdvisoryLock(engine.url, DELIVERY_LOCK_KEY)

    @property
    def beat_seconds(self) -> float:
        return max(1.0, self.lease.total_seconds() / 3)

    def join(self) -> None:
        with write_session(self.engine) as session:
            gone = workers.prune(session, older_than=10 * self.lease)
            workers.register(session, worker_id=self.id, role=self.role, host=self.host, pid=os.getpid())
        if gone:
            log.info("forgot %d worker(s) not seen for %s", gone, 10 * self.lease)
        log.info("%s %s joined the store (lease %ss)", self.role, self.id, int(self.lease.total_seconds()))
        self.beat()

    def is_leader(self) -> bool:
        return self.delivery.held

    def beat(self) -> None:
        leader = self._elect()
        try:
            with write_session(self.engine) as session:
                workers.heartbeat(session, self.id, lease=self.lease, leader=leader)
        except LookupError:
            log.warning("%s %s was dropped from the worker list; registering again", self.role, self.id)
            with write_session(self.engine) as session:
                workers.register(session, worker_id=self.id, role=self.role, host=self.host, pid=os.getpid())

    def _elect(self) -> bool:
        held = self.delivery.held and self.delivery.still_held()
        if self.role == "worker":
            with write_session(self.engine) as session:
                daemon = workers.live_daemon(session, within=self.lease, other_than=self.id)
            if daemon:
                if held:
                    log.info("a plain `run` is alive: %s stops delivering alerts", self.id)
                    self.delivery.release()
                return False
        if not held and self.delivery.try_acquire():
            log.info("%s %s delivers the alerts", self.role, self.id)
            return True
        return held

    def leave(self) -> None:
        try:
            with write_session(self.engine) as session:
                workers.unregister(session, self.id)
        finally:
            self.delivery.release()
