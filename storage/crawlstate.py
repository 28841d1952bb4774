"""Entries a listing named that are not stored yet (table ``entry_state``).

An entry that fails (an HTTP error, a timeout, a page without text) gets a row
counting its attempts; the crawl tries it again while the row lives. After
``MAX_ATTEMPTS`` failed crawls, or at once for a page that is gone (404,
410), it is given up for good: no longer fetched, and no longer a reason to
distrust the listing's validators. Storing the entry deletes its row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from storage.models import EntryState, table_of

MAX_ATTEMPTS = 3
ERROR_MAX = 500


def given_up_urls(session: Session, source: str) -> set[str]:
    """The URLs of ``source`` given up for good."""
    rows = session.exec(
        select(EntryState.url).where(EntryState.source == source, col(EntryState.gave_up).is_(True))
    )
    return set(rows.all())


def note_failures(
    session: Session,
    source: str,
    failures: Mapping[str, tuple[str, bool]],
    *,
    now: datetime,
    max_attempts: int = MAX_ATTEMPTS,
) -> set[str]:
    """Count one failed attempt for each URL (``url -> (error, permanent)``).

    Returns every URL of ``failures`` that is now given up for good.
    """
    if not failures:
        return set()
    rows = {
        row.url: row
        for row in session.exec(
            select(EntryState).where(EntryState.source == source, col(EntryState.url).in_(list(failures)))
        )
    }
    gave_up: set[str] = set()
    for url, (error, permanent) in failures.items():
        row = rows.get(url) or EntryState(source=source, url=url, last_tried=now)
        row.attempts += 1
        row.last_error = error[:ERROR_MAX]
        row.last_tried = now
        row.gave_up = row.gave_up or permanent or row.attempts >= max_attempts
        if row.gave_up:
            gave_up.add(url)
        session.add(row)
    return gave_up


def forget_entries(session: Session, source: str, urls: Iterable[str]) -> None:
    """The URLs are stored (or known): their failure rows go."""
    table = table_of(EntryState)
    chosen = list(urls)
    for start in range(0, len(chosen), 500):
        session.connection().execute(
            sa.delete(table).where(table.c.source == source, table.c.url.in_(chosen[start:start + 500]))
        )
