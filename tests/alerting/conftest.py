"""Fixtures: a test CA (trustme), SMTP servers with and without STARTTLS+AUTH, a webhook."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from tests.alerting.servers import SmtpServer, Webhook

SMTP_USER, SMTP_PASSWORD = "watcher", "s3cret-passw0rd"


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
