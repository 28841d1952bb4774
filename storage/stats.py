"""Counts for ``status``: cheap, indexed queries only."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from storage.models import Alert, Article, Claim, Delivery, Meta, Story

DAEMON_LAST_CYCLE = "daemon_last_cycle"


def totals(session: Session) -> dict[str, int]:
    """The store's totals, in one statement."""
    counts = {
        "articles": select(sa.func.count()).select_from(Article),
        "stories": select(sa.func.count()).select_from(Story),
        "claims": select(sa.func.count()).select_from(Claim),
        "alerts": select(sa.func.count()).select_from(Alert),
        "pending_deliveries": select(sa.func.count())
        .select_from(Delivery)
        .where(Delivery.state == "pending"),
    }
    row = session.exec(select(*(q.scalar_subquery().label(k) for k, q in counts.items()))).one()
    return {k: int(v) for k, v in zip(counts, row, strict=True)}


def store_is_empty(session: Session) -> bool:
    return session.exec(select(Article.id).limit(1)).first() is None


def get_meta(session: Session, key: str) -> Any | None:
    row = session.get(Meta, key)
    return json.loads(row.value) if row else None


def set_meta(session: Session, key: str, value: Any) -> None:
    row = session.get(Meta, key) or Meta(key=key, value="null")
    row.value = json.dumps(value, default=str)
    session.add(row)
