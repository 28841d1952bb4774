"""Real SQLite stores for tests: a fresh one at the newest schema, and reading one back."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from storage.engine import make_engine
from storage.schema import ensure_schema


@lru_cache(maxsize=1)
def _migrated_template() -> bytes:
    """An empty store at the newest schema, migrated once per test process (Alembic's
    upgrade is most of a small test's time)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "template.db"
        engine = make_engine(f"sqlite:///{path}")
        ensure_schema(engine)
        engine.dispose()  # the last connection checkpoints the WAL into the file
        return path.read_bytes()


def open_store(path: Path) -> sa.Engine:
    """An engine on the SQLite file at ``path``, created or upgraded to the newest schema."""
    engine = make_engine(f"sqlite:///{path}")
    ensure_schema(engine)
    return engine


def make_store(folder: Path, name: str = "store.db") -> sa.Engine:
    """A new store ``folder/name`` at the newest schema (a copy of one migrated store)."""
    path = folder / name
    path.write_bytes(_migrated_template())
    return open_store(path)  # ensure_schema is a no-op: already current


SCHEMA_NOT_YET = ("no such table", "no such column")


def query(db: Path, sql: str, *params: object, missing_ok: bool = False) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` read straight from the SQLite file ``db``. ``missing_ok``: no rows while
    the file or the tables ``sql`` reads are not there yet (a store another process creates)."""
    if missing_ok and not db.exists():
        return []
    with closing(sqlite3.connect(db, timeout=30)) as conn:
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if missing_ok and str(exc).startswith(SCHEMA_NOT_YET):
                return []
            raise


def scalar(db: Path, sql: str, *params: object, missing_ok: bool = False) -> Any:
    """The first value of the first row of ``sql`` (None without rows)."""
    rows = query(db, sql, *params, missing_ok=missing_ok)
    return rows[0][0] if rows else None


def stored_urls(db: Path, source: str | None = None, *, headline_only: bool | None = None) -> set[str]:
    """URLs of the stored articles (of one source; only headline-only ones, or only pages)."""
    sql, args = "SELECT url FROM article WHERE 1 = 1", []
    if source is not None:
        sql, args = sql + " AND source = ?", [source]
    if headline_only is not None:
        sql += " AND headline_only = " + ("1" if headline_only else "0")
    return {r[0] for r in query(db, sql, *args)}


def alert_count(db: Path) -> int:
    return int(query(db, "SELECT count(*) FROM alert")[0][0])
