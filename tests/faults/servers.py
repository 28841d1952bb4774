"""Misbehaving servers on loopback, for the fault suite.

``HostileHTTPServer`` serves whatever a test registers per path, and a few
built-in misbehaviours: a trickle (one byte every ``interval`` seconds),
compression bombs, an endless body, redirect chains and redirects to any
URL. ``BlackHole`` accepts TCP connections and never answers (an HTTP black
hole, or an SMTP tarpit that never greets). All bind 127.0.0.1 on an
ephemeral port and stop cleanly.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import brotli

BOMB_SIZE = 20 * 1024 * 1024  # decompressed bytes in each bomb


@cache
def bomb(encoding: str) -> bytes:
    """``BOMB_SIZE`` zero bytes compressed with ``encoding`` (a few KiB on the wire)."""
    raw = b"\0" * BOMB_SIZE
    if encoding == "gzip":
        return gzip.compress(raw, compresslevel=9)
    if encoding == "deflate":
        return zlib.compress(raw, 9)
    if encoding == "br":
        return brotli.compress(raw, quality=5)
    raise ValueError(encoding)


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[["RequestHandler"], None]


class RequestHandler(BaseHTTPRequestHandler):
    """What a route's handler is given: the request, and ``send_reply``."""

    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = urlsplit(self.path).path
        self.server.owner.hits.append(path)
        route = self.server.owner.routes.get(path)
        if route is None:
            for prefix, fn in self.server.owner.builtins.items():
                if path.startswith(prefix):
                    fn(self)
                    return
            self.send_reply(Reply(b"not found", 404, {"Content-Type": "text/plain"}))
            return
        if isinstance(route, Reply):
            self.send_reply(route)
        else:
            route(self)

    def send_reply(self, reply: Reply) -> None:
        self.send_response(reply.status)
        headers = {"Content-Length": str(len(reply.body)), **reply.headers}
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: HostileHTTPServer


class HostileHTTPServer:
    def __init__(self, *, trickle_interval: float = 1.0) -> None:
        self.routes: dict[str, Reply | Handler] = {}
        self.hits: list[str] = []
        self.trickle_interval = trickle_interval
        self._stop = threading.Event()
        self.builtins: dict[str, Handler] = {
            "/trickle": self._trickle,
            "/bomb/": self._bomb,
            "/endless": self._endless,
            "/chain/": self._chain,
            "/goto": self._goto,
        }
        self._server = _Server(("127.0.0.1", 0), RequestHandler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> HostileHTTPServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def serve(self, path: str, body: bytes | str, content_type: str = "application/rss+xml",
              status: int = 200, headers: dict[str, str] | None = None) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Reply(data, status, {"Content-Type": content_type, **(headers or {})})
        return self.url(path)

    # built-in misbehaviours -------------------------------------------------

    def _trickle(self, h: BaseHTTPRequestHandler) -> None:
        """Headers at once, then one byte per interval, never finishing in time."""
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("Content-Length", "1000")
        h.end_headers()
        try:
            for _ in range(1000):
                h.wfile.write(b" ")
                h.wfile.flush()
                if self._stop.wait(self.trickle_interval):
                    return
        except (BrokenPipeError, ConnectionResetError):
            return

    def _bomb(self, h: BaseHTTPRequestHandler) -> None:
        encoding = h.path.rsplit("/", 1)[-1]
        body = bomb(encoding)
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("Content-Encoding", encoding)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        try:
            h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            return

    def _endless(self, h: BaseHTTPRequestHandler) -> None:
        """A body with no length that never ends (stops when the client leaves)."""
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True
        chunk = b"<p>" + b"x" * 65530 + b"</p>"
        deadline = time.monotonic() + 30
        try:
            while not self._stop.is_set() and time.monotonic() < deadline:
                h.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError, OSError):
            return

    def _chain(self, h: BaseHTTPRequestHandler) -> None:
        """``/chain/N/<final>``: N redirects, then a redirect to /<final>."""
        rest = urlsplit(h.path).path[len("/chain/"):]
        count, _, final = rest.partition("/")
        left = int(count)
        target = f"/chain/{left - 1}/{final}" if left > 1 else f"/{final}"
        self._redirect(h, target)

    def _goto(self, h: BaseHTTPRequestHandler) -> None:
        """``/goto?u=URL``: one 302 to any URL."""
        target = parse_qs(urlsplit(h.path).query).get("u", ["/"])[0]
        self._redirect(h, target)

    @staticmethod
    def _redirect(h: BaseHTTPRequestHandler, location: str) -> None:
        h.send_response(302)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()


class BlackHole:
    """Accepts TCP connections and never sends a byte (HTTP black hole, SMTP tarpit)."""

    def __init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self.accepted = 0
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted += 1
            self._held.append(conn)

    def __enter__(self) -> BlackHole:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for conn in self._held:
            conn.close()
        self._sock.close()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"
