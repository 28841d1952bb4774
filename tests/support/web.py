"""The one loopback HTTP server of the test kit (Scrapy's ``tests/mockserver`` is the model).

A route maps a path to a ``Resource``, to a list of resources (the n-th
request gets the n-th, the last one repeats) or to a handler callable for
misbehaviour on demand (see ``tests.support.hostile``). Routes are exact (the
path as sent, or without its query) or prefixes. GET, HEAD and POST are
served alike; every request is recorded once (method, path, time, headers,
body, the status it got) and read back through ``count``, ``times``,
``statuses``, ``posted`` and ``hits``. A resource with an ETag or a
Last-Modified answers a matching conditional GET with 304.
"""

from __future__ import annotations

import gzip
import hashlib
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml"
HOLD_AT_MOST = 60.0  # seconds a held resource waits for its release


@dataclass
class Resource:
    body: bytes | str = b""
    content_type: str = HTML
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | bool | None = None  # this one; True: one made from the body; False: none;
    # None: the server's choice (``auto_etag``)
    last_modified: str | None = None
    hold: threading.Event | None = None  # answer only once this is set
    delay: float = 0.0  # seconds to wait before answering (a slow site; other paths go on)

    def payload(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body

    def validator(self, auto: bool = False) -> str | None:
        """The ETag this resource is served with, if any (``auto``: made from the body when
        the resource names none and answers 200)."""
        if self.etag is True or (self.etag is None and auto and self.status == 200):
            return '"' + hashlib.sha1(self.payload()).hexdigest()[:16] + '"'
        return self.etag or None


@dataclass
class Request:
    """One request as the server saw it, and the status it was answered with."""

    method: str
    target: str  # the path and query as sent
    at: float  # time.time() on arrival
    headers: dict[str, str]
    body: bytes = b""
    status: int | None = None  # once answered

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    def matches(self, path: str) -> bool:
        """``path`` with a query names the exact target; without one, any query."""
        return self.target == path if "?" in path else self.path == path


class RequestHandler(BaseHTTPRequestHandler):
    """What a route's handler is given: the request (``record``) and ``send``."""

    server: _Server
    protocol_version = "HTTP/1.1"
    record: Request

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.server.web._handle(self)

    def do_HEAD(self) -> None:  # noqa: N802
        self.server.web._handle(self)

    def do_POST(self) -> None:  # noqa: N802
        self.server.web._handle(self)

    @property
    def web(self) -> LoopbackWeb:
        return self.server.web

    def send_response(self, code: int, message: str | None = None) -> None:
        self.record.status = code
        super().send_response(code, message)

    def send(self, res: Resource) -> None:
        """Answer with ``res``: 304 for a matching conditional GET, no body for HEAD."""
        if res.hold is not None:
            res.hold.wait(HOLD_AT_MOST)
        if res.delay:
            time.sleep(res.delay)
        headers = {"Content-Type": res.content_type, **res.headers}
        etag = res.validator(self.web.auto_etag)
        if etag:
            headers["ETag"] = etag
        if res.last_modified:
            headers["Last-Modified"] = res.last_modified
        body = res.payload()
        status = res.status
        if status == 200 and (
            (etag and self.headers.get("If-None-Match") == etag)
            or (res.last_modified and self.headers.get("If-Modified-Since") == res.last_modified)
        ):
            status, body = 304, b""
            headers.pop("Content-Type")
        headers.setdefault("Content-Length", str(len(body)))
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            if self.command != "HEAD" and body:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            return


Handler = Callable[[RequestHandler], None]
Route = Resource | Handler | list[Resource]
NOT_FOUND = Resource(b"not found", "text/plain", 404)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    web: LoopbackWeb


class LoopbackWeb:
    def __init__(self, *, auto_etag: bool = False) -> None:
        self.auto_etag = auto_etag  # a 200 resource that names no ETag gets one from its body
        self.routes: dict[str, Route] = {}
        self.prefixes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.stopping = threading.Event()  # set on stop, for handlers that stream
        self._lock = threading.Lock()
        self.server = _Server(("127.0.0.1", 0), RequestHandler)
        self.server.web = self
        self.port = int(self.server.server_address[1])
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    # lifetime ------------------------------------------------------------

    def start(self) -> LoopbackWeb:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._thread.is_alive():
            self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> LoopbackWeb:
        return self.start()

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    # what is served ------------------------------------------------------

    def put(self, path: str, body: bytes | str, content_type: str = HTML, *, status: int = 200,
            headers: dict[str, str] | None = None, etag: str | bool | None = None,
            last_modified: str | None = None, gz: bool = False,
            hold: threading.Event | None = None, delay: float = 0.0) -> str:
        """Serve ``body`` at ``path`` (gzip-compressed first with ``gz``); returns its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        if gz:
            data = gzip.compress(data, mtime=0)
        return self.add(path, Resource(data, content_type, status, dict(headers or {}), etag,
                                       last_modified, hold, delay))

    def add(self, path: str, route: Resource | Handler | Sequence[Resource], *,
            prefix: bool = False) -> str:
        """Serve a resource, a handler, or resources in turn at ``path`` (or below it)."""
        entry: Route = list(route) if isinstance(route, Sequence) else route
        with self._lock:
            (self.prefixes if prefix else self.routes)[path] = entry
        return self.url(path)

    def _route(self, record: Request) -> Resource | Handler:
        with self._lock:
            route = self.routes.get(record.target)
            if route is None:
                route = self.routes.get(record.path)
            if route is None:
                route = next((self.prefixes[p] for p in sorted(self.prefixes, key=len, reverse=True)
                              if record.path.startswith(p)), NOT_FOUND)
            if isinstance(route, list):
                return route.pop(0) if len(route) > 1 else route[0]
            return route

    def _handle(self, req: RequestHandler) -> None:
        size = int(req.headers.get("Content-Length") or 0)
        body = req.rfile.read(size) if size > 0 else b""
        req.record = Request(req.command, req.path, time.time(), dict(req.headers.items()), body)
        with self._lock:
            self.requests.append(req.record)
        route = self._route(req.record)
        if isinstance(route, Resource):
            req.send(route)
        else:
            route(req)

    # what was asked ------------------------------------------------------

    def _matching(self, path: str | None) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if path is None or r.matches(path)]

    def count(self, path: str | None = None) -> int:
        """Requests for ``path`` (all requests without one)."""
        return len(self._matching(path))

    def times(self, path: str) -> list[float]:
        return [r.at for r in self._matching(path)]

    def statuses(self, path: str) -> list[int]:
        return [r.status for r in self._matching(path) if r.status is not None]

    def posted(self, path: str) -> list[tuple[float, bytes]]:
        return [(r.at, r.body) for r in self._matching(path) if r.method == "POST"]

    @property
    def hits(self) -> Counter[str]:
        """Requests by path (without the query)."""
        return Counter(r.path for r in self._matching(None))


def free_port() -> int:
    """A port nothing listens on right now (for a server that must keep its port across restarts)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
