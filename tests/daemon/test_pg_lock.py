"""The daemon lock on PostgreSQL: an advisory lock, one holder at a time."""

from __future__ import annotations

import os

import pytest

from scheduler.lock import DaemonLock, LockHeld

PG_URL = os.environ.get("STATIONWATCH_TEST_PG_URL")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server (STATIONWATCH_TEST_PG_URL unset)"),
]


def test_second_daemon_lock_on_postgres_is_refused() -> None:
    assert PG_URL
    url = PG_URL if "+psycopg" in PG_URL else PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    with DaemonLock(url):
        with pytest.raises(LockHeld, match="already running"):
            DaemonLock(url).acquire()
    with DaemonLock(url):  # released with its connection
        pass
