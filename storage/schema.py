"""Create or upgrade the schema with Alembic, cheaply when it is already current."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from storage.diagnose import shown
from storage.engine import StorageError, disk_full_hint

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
# An arbitrary, fixed key for pg_advisory_lock: "stationwatch schema upgrade".
UPGRADE_LOCK_KEY = 0x5741_5443_4844_5550
# The newest revision in storage/migrations/versions; a test keeps it honest.
HEAD = "listed"


def current_revision(engine: sa.Engine) -> str | None:
    """The schema's Alembic revision, or None for a database without one.

    Asked directly rather than through the inspector: every command starts here,
    and this is the whole cost of a store that is already current.
    """
    with engine.connect() as conn:
        try:
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        except (sa.exc.OperationalError, sa.exc.ProgrammingError) as exc:
            text = str(exc.orig).lower()
            if "no such table" in text or "does not exist" in text:
                return None
            raise


def ensure_schema(engine: sa.Engine) -> bool:
    """Bring the schema to the newest revision. Returns True when it changed anything.

    A store whose revision this version does not know was written by a newer
    stationwatch: it is refused, untouched, rather than "upgraded".
    """
    try:
        revision = current_revision(engine)
    except sa.exc.OperationalError as exc:
        hint = disk_full_hint(engine.url.render_as_string(hide_password=False))
        raise StorageError(f"cannot open the database {shown(engine.url)}: {exc.orig}{hint}") from exc
    if revision == HEAD:
        return False
    if revision is not None and not known_revision(revision):
        raise StorageError(
            f"{shown(engine.url)}: the database was created by a newer stationwatch (schema "
            f"revision {revision}; this one knows up to {HEAD}): upgrade stationwatch, or set "
            "storage.url to another database"
        )
    with _one_upgrade_at_a_time(engine):
        if current_revision(engine) == HEAD:  # another process did it while we waited
            return False
        upgrade(engine)
    return True


@contextmanager
def _one_upgrade_at_a_time(engine: sa.Engine) -> Iterator[None]:
    """PostgreSQL: several workers starting on one new store upgrade it one after another
    (a session-level advisory lock); SQLite's own write lock does this for a file."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": UPGRADE_LOCK_KEY})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": UPGRADE_LOCK_KEY})
            conn.commit()


def known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(_alembic_config(sa.create_engine("sqlite://")))
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _alembic_config(engine: sa.Engine) -> Config:
    from alembic.config import Config  # imported here: the fast path never needs it

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    from alembic import command

    log.info("upgrading database schema to %s", revision)
    try:
        command.upgrade(_alembic_config(engine), revision)
    except sa.exc.OperationalError as exc:
        hint = disk_full_hint(engine.url.render_as_string(hide_password=False))
        raise StorageError(f"cannot upgrade the database schema of {shown(engine.url)}: {exc.orig}{hint}") from exc


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config(sa.create_engine("sqlite://"))).get_current_head()
    if head is None:
        raise StorageError(f"no migrations found in {MIGRATIONS}")
    return head
