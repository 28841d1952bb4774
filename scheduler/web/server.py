"""Serving the dashboard: in the foreground (``serve``) or in a thread of the daemon (``run``).

``serve`` and the daemon share one seam, ``start_in_thread(cfg) -> WebHandle`` and ``handle.stop()``:
uvicorn runs its own event loop in one thread, answering from a read-only
engine of its own, so a page being rendered never holds anything a crawl
needs (on SQLite, readers never block the daemon's writer).
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
import uvicorn

from scheduler.config import LoadedConfig
from scheduler.web.app import create_app
from scheduler.web.app_state import Clock
from storage.engine import make_engine

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy.pool import ConnectionPoolEntry

log = logging.getLogger(__name__)

START_TIMEOUT = 10.0  # seconds for the server thread to report it listens


class WebError(Exception):
    """The dashboard cannot start (address in use, no such interface)."""


class TokenRequired(WebError):
    """Listening beyond loopback without a token: refused (a usage/config error, exit 2)."""


def read_only_url(database_url: str) -> str:
    """The store's URL opened for reading only: SQLite in ``mode=ro``; PostgreSQL is made
    read-only per connection (see ``read_only_engine``)."""
    url = sa.engine.make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return database_url
    db = url.database or ""
    if not db or db == ":memory:" or db.startswith("file:"):
        return database_url
    return url.set(database=f"file:{Path(db).resolve()}", query={"mode": "ro", "uri": "true"}).render_as_string(
        hide_password=False)


def read_only_engine(database_url: str) -> sa.Engine:
    """An engine that cannot write: SQLite opened ``mode=ro``, PostgreSQL sessions with
    ``default_transaction_read_only``."""
    if sa.engine.make_url(database_url).get_backend_name() == "postgresql":
        engine = make_engine(database_url)

        @sa.event.listens_for(engine, "connect")
        def _read_only(dbapi_conn: psycopg.Connection[Any], _record: ConnectionPoolEntry) -> None:
            autocommit = dbapi_conn.autocommit
            dbapi_conn.autocommit = True
            dbapi_conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            dbapi_conn.autocommit = autocommit

        return engine
    return make_engine(read_only_url(database_url))


def check_bind(cfg: LoadedConfig, host: str) -> None:
    """Refuse to listen beyond loopback without a token."""
    if not cfg.app.web.is_loopback(host) and not cfg.app.web.token:
        raise TokenRequired(
            f"refusing to serve the dashboard on {host} without a token: set [web] token "
            "or STATIONWATCH_WEB_TOKEN (only 127.0.0.1 and localhost are served without one)")


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise WebError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


@dataclass
class WebHandle:
    """A dashboard served from a thread; ``stop()`` ends it and closes its store."""

    server: uvicorn.Server
    thread: threading.Thread
    engine: sa.Engine
    sock: socket.socket
    url: str

    def stop(self, timeout: float = 5.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)
        if self.thread.is_alive():
            log.warning("the dashboard did not stop within %.0f s", timeout)
        self.sock.close()
        self.engine.dispose()


def _server(cfg: LoadedConfig, host: str, engine: sa.Engine, clock: Clock | None,
            access_log: bool) -> uvicorn.Server:
    app = create_app(cfg, engine, host=host, token=cfg.app.web.token, clock=clock)
    config = uvicorn.Config(app, log_config=None, access_log=access_log, lifespan="off",
                            proxy_headers=False, server_header=False, timeout_graceful_shutdown=1)
    return uvicorn.Server(config)


def _url(host: str, sock: socket.socket) -> str:
    port = sock.getsockname()[1]
    shown = f"[{host.strip('[]')}]" if ":" in host.strip("[]") else host
    return f"http://{shown}:{port}/"


def start_in_thread(cfg: LoadedConfig, *, host: str | None = None, port: int | None = None,
                    clock: Clock | None = None, access_log: bool = False) -> WebHandle:
    """Serve the dashboard from a daemon thread; returns once it listens. Signals stay
    with the caller (uvicorn installs none outside the main thread).

    Raises ``TokenRequired`` or ``WebError``; ``port=0`` picks a free port (see ``handle.url``).
    """
    host = host or cfg.app.web.host
    port = cfg.app.web.port if port is None else port
    check_bind(cfg, host)
    sock = _listen(host, port)
    engine = read_only_engine(cfg.database_url)
    server = _server(cfg, host, engine, clock, access_log=access_log)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="dashboard", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        thread.join(0.02)
    if not server.started:
        server.should_exit = True
        sock.close()
        engine.dispose()
        raise WebError(f"the dashboard did not start on {host}:{port}")
    handle = WebHandle(server, thread, engine, sock, _url(host, sock))
    log.info("dashboard on %s (read-only)", handle.url)
    return handle
