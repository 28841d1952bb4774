"""Aggregator links resolved to the publisher's URL, remembered so each is resolved once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from storage.models import ResolvedLink, table_of


def resolved_url(session: Session, key: str) -> str | None:
    """The publisher's URL remembered for ``key``, or None."""
    row = session.get(ResolvedLink, key)
    return row.url if row is not None else None


def remember_url(session: Session, key: str, url: str, now: datetime) -> None:
    """Remember ``key`` → ``url``; a key already remembered (another process won) stays."""
    insert = postgresql.insert if session.connection().dialect.name == "postgresql" else sqlite.insert
    session.connection().execute(
        insert(table_of(ResolvedLink)).on_conflict_do_nothing(),
        [{"key": key, "url": url, "resolved_at": now}],
    )
