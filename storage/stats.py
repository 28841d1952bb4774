"""Counts for ``status``: cheap, indexed queries only."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from storage.models import Alert, Article, Claim, Delivery, Meta, Story, table_of

DAEMON_LAST_CYCLE = "daemon_last_cycle"


def totals(session: Session) -> dict[str, int]:
    """The store's totals, in one statement (Core, so a short command never configures
    the ORM mappers just to count)."""
    count = sa.func.count
    article, story, claim, alert, delivery = (
        table_of(m) for m in (Article, Story, Claim, Alert, Delivery)
    )
    counts = {
        "articles": sa.select(count()).select_from(article),
        "stories": sa.select(count()).select_from(story),
        "claims": sa.select(count()).select_from(claim),
        "alerts": sa.select(count()).select_from(alert),
        "pending_deliveries": sa.select(count()).select_from(delivery)
        .where(delivery.c.state == "pending"),
    }
    query = sa.select(*(q.scalar_subquery().label(k) for k, q in counts.items()))
    row = session.connection().execute(query).one()
    return {k: int(v) for k, v in zip(counts, row, strict=True)}


def store_is_empty(session: Session) -> bool:
    return session.exec(select(Article.id).limit(1)).first() is None


def get_meta(session: Session, key: str) -> Any | None:
    table = table_of(Meta)
    value = session.connection().execute(
        sa.select(table.c.value).where(table.c.key == key)
    ).scalar()
    return json.loads(value) if value is not None else None


def set_meta(session: Session, key: str, value: Any) -> None:
    row = session.get(Meta, key) or Meta(key=key, value="null")
    row.value = json.dumps(value, ensure_ascii=False, default=str)
    session.add(row)
