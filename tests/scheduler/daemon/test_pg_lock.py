"""The daemon on PostgreSQL: an advisory lock per database, one holder at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from scheduler.lock import DaemonLock, LockHeld
from tests.support.cli import run_cli
from tests.support.config import Source, write_config
from tests.support.daemon import FAST_DRAIN, Daemon
from tests.support.pages import article_page, rss
from tests.support.pg import fresh_database, needs_postgres
from tests.support.wait import wait_for
from tests.support.web import LoopbackWeb

pytestmark = needs_postgres


def _url(engine: sa.Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_second_daemon_lock_on_postgres_is_refused() -> None:
    with fresh_database("sw_lock") as engine:
        url = _url(engine)
        with DaemonLock(url):
            with pytest.raises(LockHeld, match="already running"):
                DaemonLock(url).acquire()
        with DaemonLock(url):  # released with its connection
            pass


@pytest.mark.slow
def test_daemon_on_postgres_stores_refuses_a_second_and_stops(tmp_path: Path) -> None:
    with fresh_database("sw_daemon") as engine, LoopbackWeb(auto_etag=True) as site:
        site.put("/a/1", article_page("Two stations found", [
            "Dutch investigators said they had found two Chinese police stations in Amsterdam and Rotterdam."]))
        site.put("/rss.xml", rss("Loop", [{"title": "Two", "link": site.url("/a/1"), "id": "1"}]),
                 "application/rss+xml")
        cfg = write_config(tmp_path / "config.toml", FAST_DRAIN,
                           sources=[Source("pg-feed", site.url("/rss.xml"), interval="1s")])
        cfg.write_text(cfg.read_text().replace("sqlite:///store.db", _url(engine)))

        def articles() -> int:
            try:
                with engine.connect() as conn:
                    return int(conn.exec_driver_sql("SELECT count(*) FROM article").scalar() or 0)
            except sa.exc.ProgrammingError:  # schema not created yet
                return 0

        with Daemon(cfg) as daemon:
            wait_for(lambda: articles() == 1 and site.count("/rss.xml") >= 2, 90, what="an article")
            second = run_cli("run", config=cfg, timeout=60)
            assert second.returncode == 1 and "already running" in second.stderr
            code, took = daemon.stop()
        engine.dispose()
        assert code == 0 and took < 10, daemon.log()
