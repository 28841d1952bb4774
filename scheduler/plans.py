"""Which sources are due: the daemon's own schedule, or leases on a shared PostgreSQL store.

A plan hands out due sources (``take``), marking them taken until the crawl
that got them reports back (``finish``), and says how long until the next
one falls due (``wait_seconds``).

- ``LocalPlan``: one daemon per store (its lock sees to that) keeps every
  source's due time in memory, loaded from the store at start and on SIGHUP,
  and kept in the store after every crawl, so a restart neither refetches
  everything at once nor skips a source.
- ``LeasePlan``: several processes on one PostgreSQL store (``run`` and any
  number of ``run --worker``) lease due sources from the store
  (``storage.workers``), each taking its share; a source's lease is given
  back once its crawl's outcome and next due time are written.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

import sqlalchemy as sa

from storage import workers
from storage.engine import read_session, write_session

Clock = Callable[[], datetime]

# Sources due within this after one that is due run with it, in the same child.
COALESCE = timedelta(seconds=1)
# A worker takes at least this many due sources at once, when there are so many.
MIN_SHARE = 50


@dataclass(frozen=True, slots=True)
class Due:
    name: str
    failing: bool  # its last crawl failed: it runs apart from the healthy ones


class Plan(Protocol):
    def take(self, limit: int) -> list[Due]: ...

    def finish(self, names: Sequence[str], due: Mapping[str, tuple[datetime, bool]]) -> None: ...

    def wait_seconds(self) -> float | None: ...


class LocalPlan:
    """Due times in memory: ``name -> (due, failing)``; a due time of None is "now".

    When a source falls due, the sources due within ``COALESCE`` after it (at most a tenth
    of their own interval) join it, so that sources due at nearly the same time share one
    crawl instead of following each other in several.
    """

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._due: dict[str, tuple[datetime | None, bool]] = {}
        self._slack: dict[str, timedelta] = {}
        self._taken: set[str] = set()

    def set_due(self, due: Mapping[str, tuple[datetime | None, bool]],
                intervals: Mapping[str, timedelta]) -> None:
        """The whole schedule (at start, and on SIGHUP): sources not in ``due`` are dropped;
        those being crawled keep going and report back as usual."""
        with self._lock:
            self._due = dict(due)
            self._slack = {n: min(COALESCE, intervals[n] / 10) for n in due}

    def due_times(self) -> dict[str, datetime | None]:
        with self._lock:
            return {name: due for name, (due, _) in self._due.items()}

    def take(self, limit: int) -> list[Due]:
        now = self.clock()
        with self._lock:
            free = [(due, name, failing) for name, (due, failing) in self._due.items()
                    if name not in self._taken]
            if not any(due is None or due <= now for due, _, _ in free):
                return []
            ready = sorted(
                ((due, name, failing) for due, name, failing in free
                 if due is None or due - self._slack.get(name, COALESCE) <= now),
                key=lambda t: (t[0] is not None, t[0] or datetime.min, t[1]),
            )[:limit]
            self._taken.update(name for _, name, _ in ready)
        return [Due(name, failing) for _, name, failing in ready]

    def finish(self, names: Sequence[str], due: Mapping[str, tuple[datetime, bool]]) -> None:
        with self._lock:
            for name in names:
                self._taken.discard(name)
                if name in self._due and name in due:
                    self._due[name] = due[name]

    def wait_seconds(self) -> float | None:
        now = self.clock()
        with self._lock:
            waits = [0.0 if due is None else (due - now).total_seconds()
                     for name, (due, _) in self._due.items() if name not in self._taken]
        return max(0.0, min(waits)) if waits else None


class LeasePlan:
    """Due sources leased from a shared PostgreSQL store, a fair share at a time."""

    POLL = 1.0  # seconds: other workers change the store too, so look again at least this often

    def __init__(self, engine: sa.Engine, worker_id: str, lease: timedelta,
                 names: Callable[[], Sequence[str]]) -> None:
        self.engine, self.worker_id, self.lease = engine, worker_id, lease
        self.names = names  # the enabled sources of the config in force

    def take(self, limit: int) -> list[Due]:
        names = list(self.names())
        with write_session(self.engine) as session:
            waiting = workers.due_count(session, names)
            if not waiting:
                return []
            share = math.ceil(waiting / max(1, workers.live_workers(session)))
            rows = workers.claim_due(session, self.worker_id, names, lease=self.lease,
                                     limit=min(limit, max(MIN_SHARE, share)))
        return [Due(name, failures > 0) for name, failures in rows]

    def finish(self, names: Sequence[str], due: Mapping[str, tuple[datetime, bool]]) -> None:
        with write_session(self.engine) as session:
            workers.release(session, self.worker_id, names)

    def wait_seconds(self) -> float | None:
        with read_session(self.engine) as session:
            wait = workers.seconds_to_next_due(session, list(self.names()))
        return self.POLL if wait is None else min(wait, self.POLL)
