"""A throwaway PostgreSQL database per test, when CI provides a server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from storage.engine import make_engine

PG_URL = os.environ.get("STATIONWATCH_TEST_PG_URL")

needs_postgres = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server (STATIONWATCH_TEST_PG_URL unset)"),
]


@contextmanager
def fresh_database(prefix: str = "sw_test") -> Iterator[sa.Engine]:
    """An engine on a new, empty database, dropped afterwards."""
    assert PG_URL, "STATIONWATCH_TEST_PG_URL is not set"
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.engine.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
