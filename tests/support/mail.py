"""A real SMTP server on loopback (aiosmtpd) that records what it accepts."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from tests.support.web import free_port

SMTP_USER, SMTP_PASSWORD = "watcher", "s3cret-passw0rd"  # what smtp_starttls asks for


class MailRecorder:
    """aiosmtpd handler: keeps what it accepts; can refuse recipients or data on demand."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.rcpt_reply: str | None = None  # e.g. "550 5.1.1 no such user"
        self.data_reply: str | None = None  # e.g. "451 4.3.0 try again later"
        self.logins: list[tuple[str, str]] = []

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,  # noqa: N802
                          rcpt_options: list[str]) -> str:
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        if self.data_reply:
            return self.data_reply
        assert isinstance(envelope.content, bytes)  # aiosmtpd's decode_data is off
        self.messages.append(message_from_bytes(envelope.content, policy=default_policy))
        self.envelopes.append((envelope.mail_from or "", list(envelope.rcpt_tos)))
        return "250 Message accepted"

    def authenticator(self, user: str, password: str) -> Callable[..., AuthResult]:
        def check(server: SMTP, session: Session, envelope: Envelope, mechanism: str,
                  auth_data: object) -> AuthResult:
            if not isinstance(auth_data, LoginPassword):
                return AuthResult(success=False, handled=False)
            login, secret = auth_data.login.decode(), auth_data.password.decode()
            self.logins.append((login, secret))
            return AuthResult(success=(login, secret) == (user, password), handled=False)

        return check


@dataclass
class SmtpServer:
    """An aiosmtpd server that can be stopped and started again on the same port."""

    recorder: MailRecorder = field(default_factory=MailRecorder)
    port: int = field(default_factory=free_port)
    tls_context: ssl.SSLContext | None = None  # STARTTLS
    ssl_context: ssl.SSLContext | None = None  # implicit TLS
    auth: tuple[str, str] | None = None
    controller: Controller | None = None

    def start(self) -> SmtpServer:
        kwargs: dict[str, Any] = {}
        if self.tls_context is not None:
            kwargs.update(tls_context=self.tls_context, require_starttls=True)
        if self.auth is not None:
            kwargs.update(authenticator=self.recorder.authenticator(*self.auth), auth_required=True,
                          auth_require_tls=True)
        self.controller = Controller(
            self.recorder, hostname="127.0.0.1", port=self.port, ssl_context=self.ssl_context,
            server_hostname="localhost", ready_timeout=5.0, **kwargs,
        )
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
