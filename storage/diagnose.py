"""What is wrong with a store that cannot be used, in words a user can act on.

SQLite reports a damaged file, a read-only one and a full disk with terse codes
("file is not a database", "unable to open database file"). ``explain`` turns
those into one line naming the file, the problem and what to do; the engine
factory installs ``translate`` so that every statement, wherever it runs,
raises ``StorageError`` with that line instead of a driver error. Errors the
application handles itself (a busy lock, a unique key, a full disk in the
middle of a crawl) pass unchanged.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa

DAMAGED = ("SQLITE_NOTADB", "SQLITE_CORRUPT")
READ_ONLY = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")


def sqlite_path(url: str | sa.URL) -> Path | None:
    """The file of a SQLite URL, or None (another backend, memory, a ``file:`` URI)."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        return None
    db = parsed.database
    if parsed.get_backend_name() != "sqlite" or not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db)


def shown(url: str | sa.URL) -> str:
    """How to name a store in a message: the SQLite file, or the URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "the database"


def writable(path: Path) -> bool:
    """Whether this process may write ``path`` and create files beside it (the -wal, -shm)."""
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return not folder.exists() or os.access(folder, os.W_OK)


def read_only_message(path: Path, detail: str) -> str:
    return (f"{path}: the database is read-only ({detail}): check permissions of {path} "
            f"and its folder {path.parent}, and that the disk is mounted read-write")


def explain(url: str | sa.URL, error: BaseException) -> str | None:
    """One line for an error that makes the store unusable, or None to let it pass."""
    path = sqlite_path(url)
    if path is None:
        return None
    name = getattr(error, "sqlite_errorname", "") or ""
    detail = str(error)
    if name.startswith(DAMAGED):
        return (f"{path}: the database is damaged ({detail}): restore it from a backup, "
                f"or move it away to start a new one")
    if name.startswith(READ_ONLY):
        if name.startswith("SQLITE_CANTOPEN") and writable(path):
            return f"{path}: cannot open the database ({detail}): check that it is a file this user may read"
        return read_only_message(path, detail)
    return None


def translate(context: sa.engine.ExceptionContext) -> BaseException | None:
    """SQLAlchemy ``handle_error`` hook: a clear ``StorageError`` for an unusable store."""
    from storage.engine import StorageError

    engine = context.engine
    if engine is None:
        return None
    message = explain(engine.url, context.original_exception)
    return StorageError(message) if message else None
