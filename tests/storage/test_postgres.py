"""The same store on PostgreSQL, when CI provides one (STATIONWATCH_TEST_PG_URL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from storage.counts import highest_per_place
from storage.engine import read_session, write_session
from storage.novelty import AlertPolicy
from storage.record import ArticleRecord, record_article
from storage.schema import HEAD, current_revision, ensure_schema
from tests.support.pg import fresh_database, needs_postgres

pytestmark = needs_postgres


@pytest.fixture
def pg_engine() -> Iterator[sa.Engine]:
    with fresh_database() as engine:
        yield engine


def _claim(count: int, place: str | None = None, added: bool = False) -> dict[str, object]:
    return {
        "count": count, "qualifier": "exact", "place": place, "city": None, "added": added,
        "countries": None, "cities": None, "evidence": f"{count} stations",
    }


def test_schema_and_story_round_trip_on_postgres(pg_engine: sa.Engine) -> None:
    assert ensure_schema(pg_engine) is True
    assert current_revision(pg_engine) == HEAD
    now = datetime(2022, 12, 5, 9, 0, tzinfo=UTC)
    policy = AlertPolicy(now=now, alert=False, max_age=timedelta(days=30), channels=())
    rec = ArticleRecord(
        source="s", url="https://news.example.org/a", canonical_url="https://news.example.org/a",
        fetched_at=now, title="A", text="text", content_hash="h1", relevant=True, score=0.9,
        claims=[_claim(54), _claim(11, "IT")],
    )
    with write_session(pg_engine) as session:
        outcome = record_article(session, rec, policy)
    assert outcome.status == "new"
    with write_session(pg_engine) as session:
        again = record_article(session, rec, policy)
    assert again.status == "unchanged"
    with read_session(pg_engine) as session:
        rows = highest_per_place(session)
    assert [(r.place, r.count) for r in rows] == [(None, 54), ("IT", 11)]
    assert rows[0].first_seen == now
