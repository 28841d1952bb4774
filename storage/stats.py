"""Read-only figures for ``status`` and ``counts``: cheap, indexed queries only.

Everything here runs on the light Core views in ``storage.tables`` so the short
commands never import or configure the ORM table models.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from storage import tables

DAEMON_LAST_CYCLE = "daemon_last_cycle"


def totals(session: Session) -> dict[str, int]:
    """The store's totals, in one statement."""
    count = sa.func.count
    counts = {
        "articles": sa.select(count()).select_from(tables.article),
        "stories": sa.select(count()).select_from(tables.story),
        "claims": sa.select(count()).select_from(tables.claim),
        "alerts": sa.select(count()).select_from(tables.alert),
        "pending_deliveries": sa.select(count()).select_from(tables.delivery)
        .where(tables.delivery.c.state == "pending"),
    }
    query = sa.select(*(q.scalar_subquery().label(k) for k, q in counts.items()))
    row = session.connection().execute(query).one()
    return {k: int(v) for k, v in zip(counts, row, strict=True)}


def store_is_empty(session: Session) -> bool:
    query = sa.select(tables.article.c.id).limit(1)
    return session.connection().execute(query).first() is None


def get_meta(session: Session, key: str) -> Any | None:
    meta = tables.meta
    value = session.connection().execute(
        sa.select(meta.c.value).where(meta.c.key == key)
    ).scalar()
    return json.loads(value) if value is not None else None


def set_meta(session: Session, key: str, value: Any) -> None:
    """Store ``value`` (as JSON) under ``key``: update the row, or insert it when absent."""
    meta = tables.meta
    text = json.dumps(value, ensure_ascii=False, default=str)
    connection = session.connection()
    updated = connection.execute(sa.update(meta).where(meta.c.key == key).values(value=text))
    if updated.rowcount == 0:
        connection.execute(sa.insert(meta).values(key=key, value=text))


def source_state_rows(session: Session) -> dict[str, Any]:
    """Every source's state as read-only rows, by source name."""
    query = sa.select(tables.source_state)
    return {row.name: row for row in session.connection().execute(query)}


def worker_rows(session: Session, now: datetime) -> list[dict[str, Any]]:
    """Every registered worker with how many sources it holds at ``now``."""
    w, s = tables.worker, tables.source_state
    leased = (sa.select(s.c.lease_owner, sa.func.count().label("n"))
              .where(s.c.lease_owner.is_not(None), s.c.lease_expires >= now)
              .group_by(s.c.lease_owner).subquery())
    query = (sa.select(w, sa.func.coalesce(leased.c.n, 0).label("sources_leased"))
             .select_from(w.outerjoin(leased, leased.c.lease_owner == w.c.id))
             .order_by(w.c.role, w.c.host, w.c.pid))
    return [dict(row._mapping) for row in session.connection().execute(query)]
