"""One daemon per database, and one process delivering alerts.

SQLite: an exclusive ``fcntl.flock`` on a lock file next to the database
file's *resolved* path (``<db>.lock``, symlinks and spellings such as
``a/../b`` or ``//`` resolved), so two daemons reaching one file by two
names still meet at one lock. The kernel drops the lock when the process
dies, however it dies, so a stale lock file never blocks a restart.

PostgreSQL: session-level advisory locks, each held on a dedicated
connection for as long as it is needed (closing the connection releases it,
also when the process dies): ``PG_LOCK_KEY`` for the daemon,
``DELIVERY_LOCK_KEY`` for the one process that sends alerts.
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

# Arbitrary, fixed 64-bit keys for pg_try_advisory_lock.
PG_LOCK_KEY = 0x5741_5443_4844_4D4E  # "stationwatch daemon"
DELIVERY_LOCK_KEY = 0x5741_5443_4844_4C56  # "stationwatch delivery"


class LockHeld(Exception):
    """Another daemon already holds the store's lock."""


def resolved_db_path(database: str) -> Path:
    """The SQLite file's path with every symlink and ``..`` resolved (it need not exist yet)."""
    return Path(os.path.realpath(Path(database).expanduser()))


class AdvisoryLock:
    """A PostgreSQL session-level advisory lock on its own connection."""

    def __init__(self, url: sa.URL, key: int) -> None:
        self.url, self.key = url, key
        self._engine: sa.Engine | None = None
        self._conn: sa.Connection | None = None

    @property
    def held(self) -> bool:
        return self._conn is not None

    def try_acquire(self) -> bool:
        if self._conn is not None:
            return True
        engine = sa.create_engine(self.url, poolclass=sa.pool.NullPool)
        conn = engine.connect()
        got = bool(conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key}).scalar())
        conn.commit()
        if not got:
            conn.close()
            engine.dispose()
            return False
        self._engine, self._conn = engine, conn
        return True

    def still_held(self) -> bool:
        """False when the lock's connection broke (the server then released the lock)."""
        if self._conn is None:
            return False
        try:
            self._conn.execute(sa.text("SELECT 1")).scalar()
            self._conn.commit()
        except sa.exc.DBAPIError as exc:
            log.warning("lost the connection holding advisory lock %d: %s", self.key, exc.orig)
            self.release()
            return False
        return True

    def release(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()  # closing the session releases the advisory lock
            except sa.exc.DBAPIError:
                pass
            self._conn = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


class DaemonLock:
    """Hold the store's daemon lock; ``acquire`` raises ``LockHeld`` when it is taken."""

    def __init__(self, database_url: str) -> None:
        self.url = sa.engine.make_url(database_url)
        self.path: Path | None = None
        self._fd: int | None = None
        self._pg: AdvisoryLock | None = None

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
        self.path = Path(str(resolved_db_path(db)) + ".lock")
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
        lock = AdvisoryLock(self.url, PG_LOCK_KEY)
        if not lock.try_acquire():
            raise LockHeld(
                "another stationwatch daemon is already running on this database "
                f"({self.description}: advisory lock {PG_LOCK_KEY} is held)"
            )
        self._pg = lock

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        if self._pg is not None:
            self._pg.release()
            self._pg = None

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
