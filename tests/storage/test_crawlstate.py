"""Entries not stored yet: failed attempts counted, given up for good, forgotten once stored."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from storage.crawlstate import MAX_ATTEMPTS, forget_entries, given_up_urls, note_failures
from storage.engine import make_engine, read_session, write_session
from storage.models import SourceState
from storage.schema import ensure_schema
from storage.sources import record_fetch
from tests.support.pg import PG_URL, fresh_database

NOW = datetime(2022, 12, 5, 9, 0, tzinfo=UTC)
A, B = "https://news.example/a", "https://news.example/b"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
        ensure_schema(engine)
        yield engine
        engine.dispose()
        return
    if not PG_URL:
        pytest.skip("no PostgreSQL server (STATIONWATCH_TEST_PG_URL unset)")
    with fresh_database() as pg:
        ensure_schema(pg)
        yield pg


def test_an_entry_is_given_up_after_repeated_failures_or_at_once_when_gone(engine: sa.Engine) -> None:
    for attempt in range(1, MAX_ATTEMPTS + 1):
        with write_session(engine) as session:
            gave_up = note_failures(session, "desk", {A: ("HTTP 502", False), B: ("HTTP 404", True)}, now=NOW)
        assert gave_up == ({A, B} if attempt == MAX_ATTEMPTS else {B})
    with read_session(engine) as session:
        assert given_up_urls(session, "desk") == {A, B}
        assert given_up_urls(session, "other") == set()


def test_a_stored_entry_is_forgotten(engine: sa.Engine) -> None:
    with write_session(engine) as session:
        note_failures(session, "desk", {A: ("timed out", False)}, now=NOW)
    with write_session(engine) as session:
        forget_entries(session, "desk", [A, B])
        assert note_failures(session, "desk", {A: ("timed out", False)}, now=NOW) == set()  # counts from 1 again


def test_capped_note_is_kept_through_a_304_and_cleared_by_a_full_read(engine: sa.Engine) -> None:
    def fetch(result: str, capped: dict[str, int] | None) -> tuple[int | None, int | None]:
        with write_session(engine) as session:
            record_fetch(session, name="desk", kind="feed", url="https://news.example/feed", now=NOW,
                         result=result, new=0, error=None, next_due=None, capped=capped)
        with read_session(engine) as session:
            row = session.get(SourceState, "desk")
            assert row is not None
            return row.capped_found, row.capped_kept

    assert fetch("ok", {"found": 520, "kept": 500}) == (520, 500)
    assert fetch("not_modified", None) == (520, 500)
    assert fetch("ok", None) == (None, None)
