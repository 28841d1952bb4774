"""One daemon per database.

SQLite: an exclusive ``fcntl.flock`` on a lock file next to the database file
(``<db>.lock``). The kernel drops the lock when the process dies, however it
dies, so a stale lock file never blocks a restart. PostgreSQL: a session-level
advisory lock held on one dedicated connection for the daemon's lifetime.
An in-memory SQLite store needs no lock (nobody else can open it).
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path
from types import TracebackType

import sqlalchemy as sa

log = logging.getLogger(__name__)

# An arbitrary, fixed 64-bit key for pg_try_advisory_lock: "stationwatch daemon".
PG_LOCK_KEY = 0x5741_5443_4844_4D4E


class LockHeld(Exception):
    """Another daemon already holds the store's lock."""


class DaemonLock:
    """Hold the store's daemon lock; ``acquire`` raises ``LockHeld`` when it is taken."""

    def __init__(self, database_url: str) -> None:
        self.url = sa.engine.make_url(database_url)
        self.path: Path | None = None
        self._fd: int | None = None
        self._pg_conn: sa.Connection | None = None
        self._pg_engine: sa.Engine | None = None

    @property
    def description(self) -> str:
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)

    def acquire(self) -> None:
        backend = self.url.get_backend_name()
        if backend == "sqlite":
            self._acquire_file()
        elif backend == "postgresql":
            self._acquire_pg()
        else:  # pragma: no cover - make_engine refuses other backends first
            raise ValueError(f"no daemon lock for backend {backend!r}")

    def _acquire_file(self) -> None:
        db = self.url.database
        if not db or db == ":memory:" or db.startswith("file:"):
            return
        self.path = Path(db + ".lock")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(fd)
            os.close(fd)
            who = f" (pid {holder})" if holder else ""
            raise LockHeld(
                f"another stationwatch daemon is already running on this database{who}; "
                f"lock file {self.path}"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        log.debug("holding daemon lock %s", self.path)

    def _acquire_pg(self) -> None:
        engine = sa.create_engine(self.url, poolclass=sa.pool.NullPool)
        conn = engine.connect()
        got = conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": PG_LOCK_KEY}).scalar()
        conn.commit()
        if not got:
            conn.close()
            engine.dispose()
            raise LockHeld(
                "another stationwatch daemon is already running on this database "
                f"({self.description}: advisory lock {PG_LOCK_KEY} is held)"
            )
        self._pg_conn, self._pg_engine = conn, engine

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        if self._pg_conn is not None:
            self._pg_conn.close()  # closing the session releases the advisory lock
            self._pg_conn = None
        if self._pg_engine is not None:
            self._pg_engine.dispose()
            self._pg_engine = None

    def __enter__(self) -> DaemonLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        raw = os.pread(fd, 32, 0)
    except OSError:
        return None
    text = raw.decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None
