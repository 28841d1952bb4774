"""Misbehaviours on demand: handlers that install on the loopback server.

``install(web)`` serves, beside whatever else ``web`` serves:

- ``/trickle``: headers at once, then one byte every ``trickle_interval`` seconds;
- ``/bomb/<gzip|deflate|br>``: ``BOMB_SIZE`` zero bytes compressed (a few KiB on the wire);
- ``/endless``: a body with no length that never ends (until the client leaves);
- ``/chain/<N>/<final>``: N redirects, then one to ``/<final>``;
- ``/goto?u=<URL>``: one 302 to any URL.

A black hole (accepts, never answers) is ``tests.support.blackhole.BlackHole``.
"""

from __future__ import annotations

import gzip
import time
import zlib
from functools import cache, partial
from urllib.parse import parse_qs, urlsplit

import brotli

from tests.support.web import LoopbackWeb, RequestHandler

BOMB_SIZE = 20 * 1024 * 1024  # decompressed bytes in each bomb
ENDLESS_FOR = 30.0  # seconds an endless body goes on at most


@cache
def bomb(encoding: str) -> bytes:
    """``BOMB_SIZE`` zero bytes compressed with ``encoding``."""
    raw = b"\0" * BOMB_SIZE
    if encoding == "gzip":
        return gzip.compress(raw, compresslevel=9)
    if encoding == "deflate":
        return zlib.compress(raw, 9)
    if encoding == "br":
        return bytes(brotli.compress(raw, quality=5))
    raise ValueError(encoding)


def install(web: LoopbackWeb, *, trickle_interval: float = 1.0) -> LoopbackWeb:
    """Add the misbehaviours to ``web``; returns it (``with install(LoopbackWeb()) as web:``)."""
    web.add("/trickle", partial(trickle, interval=trickle_interval))
    web.add("/bomb/", compression_bomb, prefix=True)
    web.add("/endless", endless)
    web.add("/chain/", chain, prefix=True)
    web.add("/goto", goto)
    return web


def trickle(h: RequestHandler, interval: float) -> None:
    """Headers at once, then one byte per interval, never finishing in time."""
    h.send_response(200)
    h.send_header("Content-Type", "application/rss+xml")
    h.send_header("Content-Length", "1000")
    h.end_headers()
    try:
        for _ in range(1000):
            h.wfile.write(b" ")
            h.wfile.flush()
            if h.web.stopping.wait(interval):
                return
    except (BrokenPipeError, ConnectionResetError):
        return


def compression_bomb(h: RequestHandler) -> None:
    encoding = h.record.path.rsplit("/", 1)[-1]
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


def endless(h: RequestHandler) -> None:
    """A body with no length that never ends (stops when the client leaves)."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Connection", "close")
    h.end_headers()
    h.close_connection = True
    chunk = b"<p>" + b"x" * 65530 + b"</p>"
    deadline = time.monotonic() + ENDLESS_FOR
    try:
        while not h.web.stopping.is_set() and time.monotonic() < deadline:
            h.wfile.write(chunk)
    except OSError:  # the client left (broken pipe, reset)
        return


def chain(h: RequestHandler) -> None:
    """``/chain/N/<final>``: N redirects, then a redirect to /<final>."""
    count, _, final = h.record.path[len("/chain/"):].partition("/")
    left = int(count)
    redirect(h, f"/chain/{left - 1}/{final}" if left > 1 else f"/{final}")


def goto(h: RequestHandler) -> None:
    """``/goto?u=URL``: one 302 to any URL."""
    redirect(h, parse_qs(urlsplit(h.record.target).query).get("u", ["/"])[0])


def redirect(h: RequestHandler, location: str) -> None:
    h.send_response(302)
    h.send_header("Location", location)
    h.send_header("Content-Length", "0")
    h.end_headers()
