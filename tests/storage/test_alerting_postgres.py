"""The alerting room's storage on PostgreSQL: the migration, digests once per period under
concurrency, evidence pointers, and the outbox's leases and re-queue."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import select

from scheduler.alerting.config import AlertsConfig, DigestConfig, EmailConfig
from scheduler.alerting.digest import enqueue_due_digest
from storage.engine import make_engine, read_session, write_session
from storage.evidence.warc import Exchange, WarcArchive
from storage.models import Alert, Claim, Delivery, EvidenceRecord, id_of
from storage.outbox import claim, due_deliveries, mark_failed, requeue_failed
from storage.record import ArticleRecord, record_article
from tests.support.pg import needs_postgres
from tests.support.race import race
from tests.support.stories import NOW, add_article, policy
from tests.support.stories import claim as figure

pytestmark = needs_postgres


def test_alerting_tables_match_the_models_on_postgres(pg_engine: sa.Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    mine = ("digest_run", "evidence_record", "delivery", "claim")
    with pg_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    # (other rooms keep indexes the models do not declare, e.g. the search room's trigram index)
    assert [d for d in diff if any(name in repr(d) for name in mine)] == []


def test_one_digest_from_four_racing_daemons(pg_engine: sa.Engine) -> None:
    add_article(pg_engine, "https://news.example/a", [figure(54)], pol=policy(now=NOW - timedelta(hours=2),
                                                                            alert=False))
    cfg = AlertsConfig(email=EmailConfig(enabled=True, recipients=["d@example.org"]),
                       digest=DigestConfig(enabled=True, schedule="daily 08:00", timezone="Europe/Madrid"))
    url = pg_engine.url.render_as_string(hide_password=False)

    def one_daemon() -> bool:
        own = make_engine(url)
        try:
            return enqueue_due_digest(own, cfg, NOW)
        finally:
            own.dispose()

    assert sorted(race(4, one_daemon)) == [False, False, False, True]
    with read_session(pg_engine) as s:
        assert len(list(s.exec(select(Alert).where(Alert.kind == "digest")))) == 1


def test_claims_point_at_their_record_on_postgres(pg_engine: sa.Engine, tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as archive:
        ref = archive.write(Exchange(url="https://news.example/a", status=200, response_headers=(),
                                     body=b"<p>54 stations</p>", fetched_at=NOW))
    rec = ArticleRecord(source="s", url=ref.url, canonical_url=ref.url, fetched_at=NOW, title="A", text="t",
                        content_hash="h", relevant=True, score=0.9, claims=[figure(54), figure(3, place="IT")],
                        evidence=ref)
    with write_session(pg_engine) as s:
        record_article(s, rec, policy(alert=False))
    with read_session(pg_engine) as s:
        [record] = s.exec(select(EvidenceRecord)).all()
        assert {c.evidence_id for c in s.exec(select(Claim))} == {record.id}
        assert record.offset == ref.offset and record.sha256 == ref.sha256


def test_leases_and_requeue_on_postgres(pg_engine: sa.Engine) -> None:
    _, alert_id = add_article(pg_engine, "https://news.example/a", [figure(54)], pol=policy(channels=("slack",)))
    with read_session(pg_engine) as s:
        [delivery] = s.exec(select(Delivery)).all()
    with write_session(pg_engine) as s:
        assert claim(s, id_of(delivery), NOW, timedelta(minutes=5)) is not None
    with read_session(pg_engine) as s:
        assert due_deliveries(s, NOW, include_waiting=True) == []  # held: not even "now" takes it
    with write_session(pg_engine) as s:
        mark_failed(s, id_of(delivery), error="HTTP 404")
    with write_session(pg_engine) as s:
        assert requeue_failed(s, channels=["slack"]) == 1
    with read_session(pg_engine) as s:
        [due] = due_deliveries(s, NOW)
    assert due.alert_id == alert_id and due.attempts == 1
