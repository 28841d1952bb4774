"""The engine factory and the schema: WAL, busy timeout, IMMEDIATE writes, migrations."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from storage.engine import make_engine, read_session, write_session
from storage.models import Meta, SourceState
from storage.schema import HEAD, current_revision, ensure_schema, head_revision
from storage.search import is_search_object


def test_head_constant_matches_migrations() -> None:
    assert HEAD == head_revision()


def test_schema_created_once_and_wal(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    assert ensure_schema(engine) is True
    assert ensure_schema(engine) is False
    assert current_revision(engine) == HEAD
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_migrated_schema_matches_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    ensure_schema(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_name": lambda name, *_: not is_search_object(name)})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == [], "models changed without a migration: " + repr(diff)


def test_times_come_back_aware_utc(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    ensure_schema(engine)
    when = datetime(2022, 12, 5, 9, 30, tzinfo=UTC)
    with write_session(engine) as s:
        s.add(SourceState(name="x", kind="feed", url="http://e/", last_fetch=when))
    with read_session(engine) as s:
        row = s.get(SourceState, "x")
    assert row is not None and row.last_fetch == when and row.last_fetch.tzinfo is not None


def test_reader_does_not_block_writer(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    ensure_schema(engine)
    with read_session(engine) as reader:
        reader.exec(sa.select(Meta)).all()  # a read transaction stays open
        with write_session(engine) as w:
            w.add(Meta(key="k", value="1"))
    with read_session(engine) as s:
        assert s.get(Meta, "k") is not None


def test_second_writer_waits_for_first(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    ensure_schema(engine)
    holding = threading.Event()
    release = threading.Event()
    order: list[str] = []

    def first() -> None:
        with write_session(engine) as s:
            s.add(Meta(key="first", value="1"))
            s.flush()  # the transaction (BEGIN IMMEDIATE) starts with the first statement
            holding.set()
            release.wait(10)
            order.append("first")

    t = threading.Thread(target=first)
    t.start()
    holding.wait(10)
    done = threading.Event()

    def second() -> None:
        with write_session(engine) as s:
            s.add(Meta(key="second", value="2"))
        order.append("second")
        done.set()

    t2 = threading.Thread(target=second)
    t2.start()
    assert not done.wait(0.3)  # waiting on the lock, not failing
    release.set()
    t.join(10)
    t2.join(10)
    assert order == ["first", "second"]
