"""Leases on a shared PostgreSQL store (issue 17): claimed once, skipped while locked, taken
over when they run out; the worker list in `status`. Time passing is written into the store
(a lease's end set in the past), not slept."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from storage import stats, workers
from storage.engine import read_session, write_session
from storage.models import SourceState, table_of
from storage.schedule import sync_sources
from storage.schema import ensure_schema
from tests.support.cli import run_cli
from tests.support.config import write_config
from tests.support.daemon import FAST_DRAIN
from tests.support.pg import fresh_database, needs_postgres

pytestmark = needs_postgres

LEASE = timedelta(seconds=30)
NAMES = [f"s{i:02d}" for i in range(10)]


@pytest.fixture
def engine():  # type: ignore[no-untyped-def]
    with fresh_database("sw_lease") as engine:
        ensure_schema(engine)
        with write_session(engine) as s:
            sync_sources(s, [(n, "feed", f"http://x/{n}") for n in NAMES])
            for w in ("w1", "w2"):
                workers.register(s, worker_id=w, role="worker", host="here", pid=1)
        yield engine


def _owners(engine: sa.Engine) -> dict[str, str | None]:
    t = table_of(SourceState)
    with read_session(engine) as s:
        return {r.name: r.lease_owner for r in s.connection().execute(sa.select(t.c.name, t.c.lease_owner))}


def test_a_due_source_goes_to_one_worker_and_rows_being_claimed_are_skipped(engine: sa.Engine) -> None:
    with write_session(engine) as first:
        got1 = workers.claim_due(first, "w1", NAMES, lease=LEASE, limit=4)
        # while w1's transaction still holds its rows, w2 takes others without waiting
        with write_session(engine) as second:
            got2 = workers.claim_due(second, "w2", NAMES, lease=LEASE, limit=100)
    assert len(got1) == 4 and len(got2) == 6
    assert not {n for n, _ in got1} & {n for n, _ in got2}
    with write_session(engine) as s:
        assert workers.claim_due(s, "w2", NAMES, lease=LEASE, limit=100) == []  # all leased
    owners = _owners(engine)
    assert sorted(owners.values()) == ["w1"] * 4 + ["w2"] * 6


def test_a_lease_that_ran_out_is_taken_over_and_a_heartbeat_keeps_one(engine: sa.Engine) -> None:
    with write_session(engine) as s:
        workers.claim_due(s, "w1", NAMES[:3], lease=LEASE, limit=3)
        workers.claim_due(s, "w2", NAMES[3:6], lease=LEASE, limit=3)
    t = table_of(SourceState)
    with write_session(engine) as s:  # a minute passes: w2 beats its heart, w1 is dead
        s.execute(t.update().values(lease_expires=sa.func.now() - timedelta(seconds=1)))
        assert workers.heartbeat(s, "w2", lease=LEASE, leader=False) == 3
    with write_session(engine) as s:
        taken = workers.claim_due(s, "w2", NAMES, lease=LEASE, limit=100)
    assert {n for n, _ in taken} == set(NAMES[:3]) | set(NAMES[6:])
    with write_session(engine) as s:
        rows = {w["id"]: w for w in stats.worker_rows(s, workers.db_now(s))}
    assert rows["w2"]["sources_leased"] == 10 and rows["w1"]["sources_leased"] == 0


def test_a_source_not_due_is_not_leased_and_release_gives_back(engine: sa.Engine) -> None:
    t = table_of(SourceState)
    with write_session(engine) as s:
        s.execute(t.update().where(t.c.name != "s00").values(next_due=sa.func.now() + timedelta(hours=1)))
        assert workers.due_count(s, NAMES) == 1
        assert workers.claim_due(s, "w1", NAMES, lease=LEASE, limit=100) == [("s00", 0)]
        workers.release(s, "w2", ["s00"])  # not w2's to give back
    assert _owners(engine)["s00"] == "w1"
    with write_session(engine) as s:
        workers.release(s, "w1", ["s00"])
        workers.unregister(s, "w2")
    assert _owners(engine)["s00"] is None
    with read_session(engine) as s:
        assert [w["id"] for w in stats.worker_rows(s, workers.db_now(s))] == ["w1"]


@pytest.mark.slow
def test_status_lists_the_workers(engine: sa.Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with write_session(engine) as s:
        workers.claim_due(s, "w1", NAMES, lease=LEASE, limit=4)
        workers.heartbeat(s, "w1", lease=LEASE, leader=True)
    url = engine.url.render_as_string(hide_password=False)
    cfg = write_config(tmp_path / "config.toml", FAST_DRAIN)
    cfg.write_text(cfg.read_text().replace("sqlite:///store.db", url))
    out = run_cli("status", "--json", config=cfg)
    assert out.returncode == 0, out.stderr
    listed = {w["id"]: w for w in json.loads(out.stdout)["workers"]}
    assert set(listed) == {"w1", "w2"}
    w1 = listed["w1"]
    assert {"id", "host", "pid", "last_seen", "sources_leased"} <= set(w1)
    assert w1["sources_leased"] == 4 and w1["delivers_alerts"] and w1["host"] == "here"
    text = run_cli("status", config=cfg)
    assert "w1" in text.stdout and "delivers" in text.stdout

