"""Engine factory and sessions. No module-level engine: callers own theirs.

SQLite runs in WAL mode with a busy timeout. Reads begin deferred, so a CLI
reader never blocks the daemon; writes go through ``write_session``, which
begins ``IMMEDIATE`` so two writers queue on the busy timeout instead of
failing half-way through a transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session

from storage.diagnose import read_only_message, sqlite_path, translate

BUSY_TIMEOUT_MS = 30_000


class StorageError(Exception):
    """The store cannot be opened or used (bad URL, unreachable server, full disk)."""


def resolve_url(url: str, base_dir: Path | None) -> str:
    """Resolve a relative SQLite path against ``base_dir`` (the config's folder)."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StorageError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() != "sqlite" or base_dir is None:
        return url
    db = parsed.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return url
    path = Path(db).expanduser()
    if not path.is_absolute():
        path = (base_dir / path).resolve()
    return parsed.set(database=str(path)).render_as_string(hide_password=False)


def disk_full_hint(url: str) -> str:
    """" (the disk holding PATH is full)" when a SQLite file's filesystem has no room left."""
    import shutil

    db = sqlite_path(url)
    if db is None:
        return ""
    try:
        free = shutil.disk_usage(db.parent).free
    except OSError:
        return ""
    return f" (the disk holding {db} is full)" if free < 64 * 1024 else ""


def make_engine(url: str, *, echo: bool = False) -> sa.Engine:
    """Create an engine for ``url`` (SQLite or PostgreSQL), configured for this app.

    A SQLite file that cannot be used (damaged, read-only) raises ``StorageError``
    naming the file and the remedy, from whichever statement meets it first.
    """
    parsed = sa.engine.make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        db = sqlite_path(parsed)
        if db is not None:
            try:
                db.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(read_only_message(db, f"cannot create its folder: {exc.strerror}")) from exc
        connect_args = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        if not parsed.database or parsed.database == ":memory:":
            engine = sa.create_engine(
                url, echo=echo, connect_args=connect_args, poolclass=sa.pool.StaticPool
            )
        else:
            engine = sa.create_engine(url, echo=echo, connect_args=connect_args)
        _configure_sqlite(engine)
        event.listen(engine, "handle_error", translate)
        return engine
    if backend == "postgresql":
        return sa.create_engine(url, echo=echo, pool_pre_ping=True)
    raise StorageError(f"unsupported database backend {backend!r} (use sqlite or postgresql)")


def _configure_sqlite(engine: sa.Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def writer(engine: sa.Engine) -> sa.Engine:
    """The same engine, whose transactions take the write lock up front (SQLite)."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(sqlite_begin="IMMEDIATE")
    return engine


@contextmanager
def write_session(engine: sa.Engine) -> Iterator[Session]:
    """A session for one write transaction: committed on success, rolled back on error."""
    with Session(writer(engine), expire_on_commit=False) as session:
        with session.begin():
            yield session


@contextmanager
def read_session(engine: sa.Engine) -> Iterator[Session]:
    """A session for reading; never holds the write lock. Objects stay readable after it."""
    with Session(engine, expire_on_commit=False) as session:
        yield session
