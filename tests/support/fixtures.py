"""The kit's fixtures, for every test (a pytest plugin loaded by tests/conftest.py).

``web``: the loopback server; ``make_config``: a config file for a loopback
crawl; ``ca``/``ca_file``/``server_tls``: a test CA (trustme) and a server
certificate from it; ``smtp_plain``/``smtp_starttls``: aiosmtpd without TLS,
and with STARTTLS + AUTH (``SMTP_USER``/``SMTP_PASSWORD``); ``webhook``: the
Slack-like receiver; ``pg_engine``: a new PostgreSQL database at the newest
schema (for tests marked ``needs_postgres``).
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import trustme

from storage.schema import ensure_schema
from tests.support.config import MakeConfig, write_config
from tests.support.mail import SMTP_PASSWORD, SMTP_USER, SmtpServer
from tests.support.pg import fresh_database
from tests.support.receiver import Webhook
from tests.support.web import LoopbackWeb


@pytest.fixture
def web() -> Iterator[LoopbackWeb]:
    with LoopbackWeb() as server:
        yield server


@pytest.fixture
def make_config(tmp_path: Path) -> MakeConfig:
    def _make(body: str, name: str = "config.toml") -> Path:
        return write_config(tmp_path / name, body)

    return _make


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def ca_file(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ca") / "test-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture(scope="session")
def server_tls(ca: trustme.CA) -> ssl.SSLContext:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(ctx)
    return ctx


@pytest.fixture
def smtp_starttls(server_tls: ssl.SSLContext) -> Iterator[SmtpServer]:
    server = SmtpServer(tls_context=server_tls, auth=(SMTP_USER, SMTP_PASSWORD)).start()
    yield server
    server.stop()


@pytest.fixture
def smtp_plain() -> Iterator[SmtpServer]:
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook().start()
    yield hook
    hook.stop()


@pytest.fixture
def pg_engine() -> Iterator[sa.Engine]:
    with fresh_database() as engine:
        ensure_schema(engine)
        yield engine
