"""Workers sharing one PostgreSQL store, and their leases on sources.

Every crawling process (``run`` or ``run --worker``) has a row in ``worker``
and refreshes ``last_seen`` on each heartbeat. A source is crawled by the
process holding its lease (``source_state.lease_owner`` until
``lease_expires``): taken with ``SELECT ... FOR UPDATE SKIP LOCKED`` among
the due sources nobody holds, extended by the holder's heartbeat, given back
once the crawl's outcome (and the next due time) is written. A lease whose
holder died is not extended: when it runs out, the source is free and the
next worker takes it. Times are the database's (``now()``), so the hosts'
clocks need not agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import Session

from storage.models import SourceState, Worker, table_of

NOW = sa.func.now()


def _rows(result: Any) -> int:
    """Rows an UPDATE or DELETE touched."""
    return int(cast("sa.CursorResult[Any]", result).rowcount)


def db_now(session: Session) -> datetime:
    value: datetime = session.connection().execute(sa.select(NOW)).scalar_one()
    return value


def register(session: Session, *, worker_id: str, role: str, host: str, pid: int) -> None:
    t = table_of(Worker)
    session.execute(t.delete().where(t.c.id == worker_id))
    session.execute(t.insert().values(id=worker_id, role=role, host=host[:255], pid=pid,
                                      started=NOW, last_seen=NOW, leader=False))


def heartbeat(session: Session, worker_id: str, *, lease: timedelta, leader: bool) -> int:
    """Refresh ``last_seen`` and every lease ``worker_id`` holds; return how many it holds."""
    w, s = table_of(Worker), table_of(SourceState)
    found = _rows(session.execute(w.update().where(w.c.id == worker_id).values(last_seen=NOW, leader=leader)))
    if not found:  # pruned while this worker was paused: come back
        raise LookupError(worker_id)
    return _rows(session.execute(s.update().where(s.c.lease_owner == worker_id)
                                 .values(lease_expires=NOW + lease)))


def unregister(session: Session, worker_id: str) -> None:
    """A clean stop: give back every lease at once and leave the list."""
    w, s = table_of(Worker), table_of(SourceState)
    session.execute(s.update().where(s.c.lease_owner == worker_id)
                    .values(lease_owner=None, lease_expires=None))
    session.execute(w.delete().where(w.c.id == worker_id))


def prune(session: Session, *, older_than: timedelta) -> int:
    """Forget workers not seen for ``older_than`` (their leases ran out long ago)."""
    w = table_of(Worker)
    return _rows(session.execute(w.delete().where(w.c.last_seen < NOW - older_than)))


def live_daemon(session: Session, *, within: timedelta, other_than: str) -> bool:
    """Is a plain ``run`` daemon (not ``other_than``) alive (seen within ``within``)?"""
    w = table_of(Worker)
    query = sa.select(w.c.id).where(w.c.role == "daemon", w.c.id != other_than,
                                    w.c.last_seen >= NOW - within).limit(1)
    return session.execute(query).first() is not None


def claim_due(session: Session, worker_id: str, names: Sequence[str], *, lease: timedelta,
              limit: int) -> list[tuple[str, int]]:
    """Lease up to ``limit`` of ``names`` that are due and free, most overdue first.

    Returns ``(name, consecutive_failures)`` of each source leased. Rows another
    transaction is claiming are skipped, not waited for.
    """
    if not names or limit <= 0:
        return []
    s = table_of(SourceState)
    due = sa.or_(s.c.next_due.is_(None), s.c.next_due <= NOW)
    free = sa.or_(s.c.lease_owner.is_(None), s.c.lease_expires < NOW)
    query = (sa.select(s.c.name, s.c.consecutive_failures)
             .where(s.c.name.in_(list(names)), due, free)
             .order_by(s.c.next_due.asc().nulls_first(), s.c.name)
             .limit(limit).with_for_update(skip_locked=True))
    rows = [(r.name, r.consecutive_failures) for r in session.execute(query)]
    if rows:
        session.execute(s.update().where(s.c.name.in_([n for n, _ in rows]))
                        .values(lease_owner=worker_id, lease_expires=NOW + lease))
    return rows


def release(session: Session, worker_id: str, names: Sequence[str]) -> None:
    s = table_of(SourceState)
    session.execute(s.update().where(s.c.name.in_(list(names)), s.c.lease_owner == worker_id)
                    .values(lease_owner=None, lease_expires=None))


def due_count(session: Session, names: Sequence[str]) -> int:
    """How many of ``names`` are due and free now."""
    s = table_of(SourceState)
    query = sa.select(sa.func.count()).select_from(s).where(
        s.c.name.in_(list(names)),
        sa.or_(s.c.next_due.is_(None), s.c.next_due <= NOW),
        sa.or_(s.c.lease_owner.is_(None), s.c.lease_expires < NOW))
    return int(session.execute(query).scalar_one())


def seconds_to_next_due(session: Session, names: Sequence[str]) -> float | None:
    """Seconds until the next of ``names`` is due (free or whose lease runs out); None if none."""
    s = table_of(SourceState)
    soonest = sa.func.min(sa.case(
        (sa.and_(s.c.lease_owner.is_not(None), s.c.lease_expires >= NOW),
         sa.func.greatest(s.c.lease_expires, s.c.next_due)),
        else_=sa.func.coalesce(s.c.next_due, NOW)))
    value = session.execute(sa.select(sa.func.extract("epoch", soonest - NOW))
                            .where(s.c.name.in_(list(names)))).scalar()
    return None if value is None else max(0.0, float(value))


def live_workers(session: Session) -> int:
    w = table_of(Worker)
    return int(session.execute(sa.select(sa.func.count()).select_from(w)).scalar_one())
