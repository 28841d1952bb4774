"""A loopback web site for daemon tests and the soak bench.

``Site`` serves whatever bytes a test puts at a path, records every request
(path, time, headers), and answers conditional GETs with 304 when the ETag
matches. ``BlackHole`` accepts TCP connections and never answers.
"""

from __future__ import annotations

import gzip
import hashlib
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import TypeVar

T = TypeVar("T")

@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    path: str
    at: float
    headers: dict[str, str]


class Site:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.resources: dict[str, Resource] = {}
        self.hits: list[Hit] = []
        self.posts: list[tuple[str, float, bytes]] = []
        self.sequences: dict[str, list[Resource]] = {}
        self.delays: dict[str, float] = {}  # seconds to wait before answering a path
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site._serve(self)

            def do_POST(self) -> None:  # noqa: N802 - a webhook receiver (Slack stand-in)
                site._receive(self)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
            *, status: int = 200, gz: bool = False, headers: dict[str, str] | None = None) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        if gz:
            data = gzip.compress(data, mtime=0)
        with self._lock:
            self.resources[path] = Resource(data, content_type, status, dict(headers or {}))
        return self.url(path)

    def put_sequence(self, path: str, resources: list[Resource]) -> str:
        """Answer the n-th request for ``path`` with the n-th resource (the last one repeats)."""
        with self._lock:
            self.sequences[path] = list(resources)
        return self.url(path)

    def count(self, path: str) -> int:
        with self._lock:
            return sum(1 for h in self.hits if h.path == path)

    def times(self, path: str) -> list[float]:
        with self._lock:
            return [h.at for h in self.hits if h.path == path]

    def posted(self, path: str) -> list[tuple[float, bytes]]:
        with self._lock:
            return [(at, body) for p, at, body in self.posts if p == path]

    def _receive(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length)
        with self._lock:
            self.posts.append((handler.path, time.time(), body))
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", "2")
        handler.end_headers()
        handler.wfile.write(b"ok")

    def delay(self, path: str, seconds: float) -> None:
        """Answer ``path`` only after ``seconds`` (a slow site; other paths are not held up)."""
        with self._lock:
            self.delays[path] = seconds

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("#", 1)[0]
        with self._lock:
            self.hits.append(Hit(path, time.time(), dict(handler.headers.items())))
            seq = self.sequences.get(path)
            res = (seq.pop(0) if len(seq) > 1 else seq[0]) if seq else self.resources.get(path)
            wait = self.delays.get(path, 0.0)
        if wait:
            time.sleep(wait)
        if res is None:
            res = Resource(b"not here", "text/plain", 404)
        etag = '"' + hashlib.sha1(res.body).hexdigest()[:16] + '"'
        if res.status == 200 and handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        handler.send_response(res.status)
        handler.send_header("Content-Type", res.content_type)
        handler.send_header("Content-Length", str(len(res.body)))
        if res.status == 200:
            handler.send_header("ETag", etag)
        for key, value in res.headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(res.body)


class BlackHole:
    """A TCP port that accepts connections (kernel backlog) and never says a word."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> BlackHole:
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.sock.close()


def wait_for(predicate: Callable[[], T], timeout: float, interval: float = 0.05, what: str = "condition") -> T:
    """Poll ``predicate`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)
