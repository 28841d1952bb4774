"""Per-source fetch state and per-URL validators for conditional GET."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session

from storage.models import HttpCache, SourceState, table_of

ERROR_MAX = 500


def get_validators(session: Session, url: str) -> tuple[str | None, str | None]:
    row = session.get(HttpCache, url)
    return (row.etag, row.last_modified) if row else (None, None)


def validators_for(session: Session, urls: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
    """``get_validators`` for many URLs in one query (a cycle's listings); unknown URLs map to
    ``(None, None)``."""
    table = table_of(HttpCache)
    found: dict[str, tuple[str | None, str | None]] = dict.fromkeys(urls, (None, None))
    for start in range(0, len(urls), 500):
        query = sa.select(table.c.url, table.c.etag, table.c.last_modified).where(
            table.c.url.in_(urls[start:start + 500]))
        for row in session.connection().execute(query):
            found[row.url] = (row.etag, row.last_modified)
    return found


def save_validators(
    session: Session, url: str, etag: str | None, last_modified: str | None, now: datetime
) -> None:
    row = session.get(HttpCache, url) or HttpCache(url=url)
    row.etag, row.last_modified, row.checked_at = etag, last_modified, now
    session.add(row)


def forget_validators(session: Session, url: str) -> None:
    """The listing at ``url`` must be fetched in full next time."""
    row = session.get(HttpCache, url)
    if row is not None:
        session.delete(row)


def ensure_source(session: Session, name: str, kind: str, url: str) -> SourceState:
    row = session.get(SourceState, name)
    if row is None:
        row = SourceState(name=name, kind=kind, url=url)
    row.kind, row.url = kind, url
    session.add(row)
    return row


def record_fetch(
    session: Session,
    *,
    name: str,
    kind: str,
    url: str,
    now: datetime,
    result: str,
    new: int,
    error: str | None,
    next_due: datetime | None,
    capped: Mapping[str, int] | None = None,
) -> SourceState:
    """Write the outcome of one fetch of a source. ``result`` is ok, not_modified or failed.

    ``capped`` ({"found", "kept"}) when the listing held more entries than the
    cap; a listing answered 304 or not read keeps the previous note.
    """
    row = ensure_source(session, name, kind, url)
    row.last_fetch = now
    row.last_result = result
    row.last_new = new
    if result == "ok":
        row.capped_found = capped["found"] if capped else None
        row.capped_kept = capped["kept"] if capped else None
    if result == "failed":
        if row.consecutive_failures == 0:
            row.failing_since = now
        row.consecutive_failures += 1
        row.last_error = (error or "unknown error")[:ERROR_MAX]
    else:
        row.consecutive_failures = 0
        row.failing_since = None
        row.last_error = None
    if next_due is not None:
        row.next_due = next_due
    session.add(row)
    return row
