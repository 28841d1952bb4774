"""A real HTTP server on 127.0.0.1 serving feeds and pages for tests.

Routes map a path to a ``Resource`` (body, type, headers, status) or to a
handler callable for misbehaviour on demand. Every request is recorded, and
resources with an ``etag`` answer conditional GETs with 304. POST is served
like GET; its body is read first, kept in ``posts`` and handed to a handler
callable as ``req.request_body``.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Resource:
    body: bytes | str
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None

    def payload(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


Handler = Callable[[BaseHTTPRequestHandler], None]


class LoopbackWeb:
    def __init__(self) -> None:
        self.routes: dict[str, Resource | Handler] = {}
        self.hits: Counter[str] = Counter()
        self.log: list[tuple[str, str, dict[str, str]]] = []
        self.status_log: list[tuple[str, int]] = []
        self.posts: list[tuple[str, bytes]] = []
        self._lock = threading.Lock()
        web = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

            def do_GET(self) -> None:  # noqa: N802
                web._serve(self)

            def do_HEAD(self) -> None:  # noqa: N802
                web._serve(self)

            def do_POST(self) -> None:  # noqa: N802
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size) if size > 0 else b""
                self.request_body = body
                with web._lock:
                    web.posts.append((self.path, body))
                web._serve(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, resource: Resource | Handler) -> str:
        self.routes[path] = resource
        return self.url(path)

    def start(self) -> LoopbackWeb:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _serve(self, req: BaseHTTPRequestHandler) -> None:
        path = req.path
        with self._lock:
            self.hits[path] += 1
            self.log.append((req.command, path, dict(req.headers.items())))
        route = self.routes.get(path) or self.routes.get(path.split("?", 1)[0])
        if route is None:
            self._send(req, 404, {"Content-Type": "text/plain"}, b"not found")
            return
        if callable(route):
            route(req)
            return
        headers = {"Content-Type": route.content_type, **route.headers}
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if route.status == 200 and (
            (route.etag and req.headers.get("If-None-Match") == route.etag)
            or (route.last_modified and req.headers.get("If-Modified-Since") == route.last_modified)
        ):
            self._send(req, 304, {k: v for k, v in headers.items() if k != "Content-Type"}, b"")
            return
        self._send(req, route.status, headers, route.payload())

    def _send(self, req: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes) -> None:
        with self._lock:
            self.status_log.append((req.path, status))
        req.send_response(status)
        for key, value in headers.items():
            req.send_header(key, value)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        if req.command != "HEAD" and status != 304:
            req.wfile.write(body)

    def statuses(self, path: str) -> list[int]:
        return [s for p, s in self.status_log if p == path]
