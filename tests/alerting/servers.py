"""Real servers on loopback for the alerting tests: SMTP (aiosmtpd) and a Slack-like webhook."""

from __future__ import annotations

import json
import socket
import ssl
import threading
from collections import deque
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MailRecorder:
    """aiosmtpd handler: keeps what it accepts; can refuse recipients or data on demand."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.rcpt_reply: str | None = None  # e.g. "550 5.1.1 no such user"
        self.data_reply: str | None = None  # e.g. "451 4.3.0 try again later"
        self.logins: list[tuple[str, str]] = []
        self.arrived = threading.Condition()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.data_reply:
            return self.data_reply
        with self.arrived:
            self.messages.append(message_from_bytes(envelope.content, policy=default_policy))
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self.arrived.notify_all()
        return "250 Message accepted"

    def authenticator(self, user: str, password: str):
        def check(server, session, envelope, mechanism, auth_data):
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


@dataclass
class Reply:
    status: int = 200
    body: str = "ok"
    headers: dict[str, str] = field(default_factory=dict)
    hold: threading.Event | None = None  # answer only once this is set (or after 10 s)


class Webhook:
    """A Slack-like incoming webhook: records every POST, answers from a script (default 200 ok)."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.script: deque[Reply] = deque()
        self.arrived = threading.Condition()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                with hook.arrived:
                    reply = hook.script.popleft() if hook.script else Reply()
                    hook.requests.append({"path": self.path, "body": json.loads(raw or b"null"),
                                          "content_type": self.headers.get("Content-Type"),
                                          "status": reply.status, "raw": raw,
                                          "headers": dict(self.headers.items())})
                    hook.arrived.notify_all()
                if reply.hold is not None:
                    reply.hold.wait(10)
                payload = reply.body.encode()
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/services/T000/B000/secrettoken123"

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def start(self) -> Webhook:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def wait_for(self, n: int, timeout: float = 10.0) -> bool:
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.requests) >= n, timeout)

    def accepted(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if 200 <= r["status"] < 300]
