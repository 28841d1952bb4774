"""Source schedule state kept across restarts: rows of ``SourceState``, and ``Meta`` facts.

The crawl cycle writes each source's fetch result (last_fetch, last_result,
consecutive_failures, last_error); the daemon writes when it is due next and
records the failures the cycle could not record itself (a child that crashed
or ran out of time).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, select

from storage.models import SourceState
from storage.stats import DAEMON_LAST_CYCLE

log = logging.getLogger(__name__)

__all__ = ["DAEMON_LAST_CYCLE", "sync_sources", "record_failure", "set_next_due"]


def sync_sources(session: Session, sources: Iterable[tuple[str, str, str]]) -> dict[str, SourceState]:
    """Make sure every configured ``(name, kind, url)`` has a row; return them by name.

    Kind and URL follow the config. A changed URL starts afresh (due now, no
    failures, no lastmod), since the old state described another address.
    """
    states = {s.name: s for s in session.exec(select(SourceState)).all()}
    out: dict[str, SourceState] = {}
    for name, kind, url in sources:
        state = states.get(name)
        if state is None:
            state = SourceState(name=name, kind=kind, url=url)
            session.add(state)
        elif state.url != url or state.kind != kind:
            log.info("source %s changed (%s %s -> %s %s); its schedule starts afresh",
                     name, state.kind, state.url, kind, url)
            state.kind, state.url = kind, url
            state.next_due = None
            state.consecutive_failures = 0
            state.failing_since = None
            state.last_seen_lastmod = None
            session.add(state)
        out[name] = state
    session.flush()
    return out


def get_state(session: Session, name: str) -> SourceState | None:
    return session.get(SourceState, name)


def set_next_due(session: Session, name: str, due: datetime | None) -> None:
    state = session.get(SourceState, name)
    if state is None:
        raise KeyError(name)
    state.next_due = due
    session.add(state)


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
