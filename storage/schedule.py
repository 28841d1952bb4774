"""Source schedule state kept across restarts: rows of ``SourceState``, and ``Meta`` facts.

A crawl cycle writes each source's outcome in one batch (``record_outcomes``):
last fetch, result, failures, when it is due next, and its first-crawl
baseline. The daemon reads the rows back at start (``sync_sources``) and
records the failures a cycle could not record itself (a child that crashed
or ran out of time).

The first-crawl rule: until the store's first crawl has completed, a source
whose own first crawl has not completed records its figures without
alerting. A source's first crawl completes when a cycle finishes it with a
result other than "failed" (``baseline_at``); the store's, when every
enabled source has one (``Meta`` ``first_crawl_done``). An interrupted
first crawl (killed, then run again) therefore stays quiet.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from storage.models import SourceState, table_of
from storage.stats import DAEMON_LAST_CYCLE, get_meta, set_meta

log = logging.getLogger(__name__)

__all__ = [
    "DAEMON_LAST_CYCLE", "FIRST_CRAWL_DONE", "Outcome", "sync_sources", "source_rows",
    "record_outcomes", "record_failure", "quiet_sources", "first_crawl_done", "insert_ignore",
]

FIRST_CRAWL_DONE = "first_crawl_done"
ERROR_MAX = 500

Backoff = Callable[[timedelta, int], timedelta]


def insert_ignore(session: Session, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """INSERT rows, skipping those whose primary key exists (two workers may race)."""
    if not rows:
        return
    dialect = session.connection().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(table).on_conflict_do_nothing(), rows)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(table).on_conflict_do_nothing(), rows)


def source_rows(session: Session, names: Iterable[str] | None = None) -> dict[str, Any]:
    """The sources' rows (Core rows, read-only), by name."""
    t = table_of(SourceState)
    query = sa.select(t)
    if names is not None:
        query = query.where(t.c.name.in_(list(names)))
    return {row.name: row for row in session.connection().execute(query)}


def sync_sources(session: Session, sources: Iterable[tuple[str, str, str]]) -> dict[str, Any]:
    """Make sure every configured ``(name, kind, url)`` has a row; return them by name.

    Kind and URL follow the config. A changed URL starts afresh (due now, no
    failures, no lastmod), since the old state described another address.
    """
    t = table_of(SourceState)
    wanted = {name: (kind, url) for name, kind, url in sources}
    rows = source_rows(session, wanted)
    insert_ignore(session, t, [
        {"name": name, "kind": kind, "url": url, "last_new": 0, "consecutive_failures": 0,
         "down_notified": False}
        for name, (kind, url) in wanted.items() if name not in rows
    ])
    for name, (kind, url) in wanted.items():
        row = rows.get(name)
        if row is None or (row.kind, row.url) == (kind, url):
            continue
        log.info("source %s changed (%s %s -> %s %s); its schedule starts afresh",
                 name, row.kind, row.url, kind, url)
        session.execute(t.update().where(t.c.name == name).values(
            kind=kind, url=url, next_due=None, consecutive_failures=0, failing_since=None,
            last_seen_lastmod=None,
        ))
    session.expire_all()
    return source_rows(session, wanted)


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """One source's result in one cycle (or a run that died before recording it)."""

    name: str
    kind: str
    url: str
    result: str  # ok | not_modified | failed
    interval: timedelta
    new: int = 0
    error: str | None = None
    capped: Mapping[str, int] | None = None  # {"found", "kept"}: the listing held more than the cap


def record_outcomes(session: Session, outcomes: Sequence[Outcome], *, started: datetime,
                    backoff: Backoff, enabled: Sequence[str] | None = None) -> dict[str, datetime]:
    """Write a cycle's outcomes in one batch; return each source's next due time.

    Next due: ``started`` + the interval, or + the back-off after failures.
    A source whose first crawl completed now gets its baseline; when every
    name in ``enabled`` has one, the store's first crawl is done.
    """
    if not outcomes:
        return {}
    t = table_of(SourceState)
    names = [o.name for o in outcomes]
    sync_sources(session, [(o.name, o.kind, o.url) for o in outcomes])
    query = sa.select(t.c.name, t.c.consecutive_failures, t.c.failing_since, t.c.baseline_at,
                      t.c.capped_found, t.c.capped_kept).where(t.c.name.in_(names))
    if session.connection().dialect.name == "postgresql":
        query = query.with_for_update()
    current = {r.name: r for r in session.connection().execute(query)}
    params: list[dict[str, Any]] = []
    due: dict[str, datetime] = {}
    for o in outcomes:
        row = current[o.name]
        failed = o.result == "failed"
        failures = row.consecutive_failures + 1 if failed else 0
        due[o.name] = started + backoff(o.interval, failures)
        params.append({
            "b_name": o.name, "last_fetch": started, "last_result": o.result, "last_new": o.new,
            "consecutive_failures": failures,
            "failing_since": (row.failing_since or started) if failed else None,
            "last_error": (o.error or "unknown error")[:ERROR_MAX] if failed else None,
            "next_due": due[o.name],
            "baseline_at": row.baseline_at if failed or row.baseline_at else started,
            # a listing read in full says whether it was capped; a 304 or a failure keeps the note
            "capped_found": (o.capped or {}).get("found") if o.result == "ok" else row.capped_found,
            "capped_kept": (o.capped or {}).get("kept") if o.result == "ok" else row.capped_kept,
        })
    session.execute(
        t.update().where(t.c.name == sa.bindparam("b_name")).values(
            {k: sa.bindparam(k) for k in params[0] if k != "b_name"}),
        params,
    )
    if enabled is not None:
        _maybe_first_crawl_done(session, enabled, started)
    return due


def _maybe_first_crawl_done(session: Session, enabled: Sequence[str], now: datetime) -> None:
    if first_crawl_done(session):
        return
    t = table_of(SourceState)
    have = {r.name for r in session.connection().execute(
        sa.select(t.c.name).where(t.c.name.in_(list(enabled)), t.c.baseline_at.is_not(None)))}
    if set(enabled) <= have:
        set_meta(session, FIRST_CRAWL_DONE, now.isoformat())
        log.info("first crawl complete: figures found from now on alert")


def first_crawl_done(session: Session) -> bool:
    return get_meta(session, FIRST_CRAWL_DONE) is not None


def quiet_sources(session: Session, names: Iterable[str]) -> set[str]:
    """Which of ``names`` must record without alerting (the first-crawl rule)."""
    names = list(names)
    if first_crawl_done(session):
        return set()
    t = table_of(SourceState)
    done = {r.name for r in session.connection().execute(
        sa.select(t.c.name).where(t.c.name.in_(names), t.c.baseline_at.is_not(None)))}
    return set(names) - done


def record_failure(session: Session, name: str, *, now: datetime, error: str) -> SourceState:
    """A run of ``name`` failed before the cycle could record it (child crashed or timed out)."""
    state = session.get(SourceState, name)
    if state is None:
        raise KeyError(name)
    state.last_fetch = now
    state.last_result = "failed"
    state.last_error = error[:2000]
    state.consecutive_failures += 1
    if state.failing_since is None:
        state.failing_since = now
    session.add(state)
    return state


def last_seen_lastmods(session: Session, names: Sequence[str]) -> dict[str, datetime | None]:
    """``get_last_seen_lastmod`` for many sources in one query (a cycle's sources)."""
    t = table_of(SourceState)
    found: dict[str, datetime | None] = dict.fromkeys(names)
    query = sa.select(t.c.name, t.c.last_seen_lastmod).where(t.c.name.in_(list(names)))
    for row in session.connection().execute(query):
        found[row.name] = row.last_seen_lastmod
    return found


def get_last_seen_lastmod(session: Session, name: str) -> datetime | None:
    state = session.get(SourceState, name)
    return state.last_seen_lastmod if state else None


def set_last_seen_lastmod(session: Session, name: str, value: datetime, *, kind: str, url: str) -> None:
    """Remember the newest sitemap entry date a crawl of ``name`` has covered."""
    state = session.get(SourceState, name)
    if state is None:
        state = SourceState(name=name, kind=kind, url=url)
    state.last_seen_lastmod = value
    session.add(state)
