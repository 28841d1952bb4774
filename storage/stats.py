"""Counts for ``status``: cheap, indexed queries only."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from storage.models import Alert, Article, Claim, Delivery, Meta, Story

DAEMON_LAST_CYCLE = "daemon_last_cycle"


def _count(session: Session, model: type, *where: Any) -> int:
    query = select(sa.func.count()).select_from(model)
    for cond in where:
        query = query.where(cond)
    return int(session.exec(query).one())


def totals(session: Session) -> dict[str, int]:
    return {
        "articles": _count(session, Article),
        "stories": _count(session, Story),
        "claims": _count(session, Claim),
        "alerts": _count(session, Alert),
        "pending_deliveries": _count(session, Delivery, Delivery.state == "pending"),
    }


def store_is_empty(session: Session) -> bool:
    return session.exec(select(Article.id).limit(1)).first() is None


def get_meta(session: Session, key: str) -> Any | None:
    row = session.get(Meta, key)
    return json.loads(row.value) if row else None


def set_meta(session: Session, key: str, value: Any) -> None:
    row = session.get(Meta, key) or Meta(key=key, value="null")
    row.value = json.dumps(value, default=str)
    session.add(row)
