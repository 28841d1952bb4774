"""The generated news web, served over loopback by a fast asyncio HTTP server.

Run in its own process (``NewsWeb`` starts ``python -m bench.newsweb serve``);
each fake site gets its own loopback address (127.0.0.2, 127.0.0.3, ...) on
one port, so outlets differ as on the real web. Pages are rendered once at
start-up and served from memory with ETag and Last-Modified; conditional GETs
get 304. Control endpoints (not counted): ``/__stats``, ``/__reset``,
``/__publish?feed=F`` (adds a fresh on-topic article at the top of feed F).

The server is a minimal HTTP/1.1 keep-alive implementation over
``asyncio.Protocol``: http.server's per-request overhead would make the
server, not the crawler, the bottleneck of the benchmark.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import logging
import subprocess
import sys
import time
import urllib.request
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from bench import webgen
from bench.webgen import Plan, WebSpec

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Resource:
    body: bytes
    ctype: bytes
    etag: str
    last_modified: str
    mtime: int
    kind: str


class Site:
    """Everything the server holds: rendered resources and counters."""

    def __init__(self, spec: WebSpec, bases: list[str]) -> None:
        self.spec, self.bases = spec, bases
        self.plan: Plan = webgen.make_plan(spec)
        self.res: dict[str, Resource] = {}
        self.published: dict[int, list[tuple[int, str, str, int]]] = {}
        self.stats: Counter[str] = Counter()
        t0 = time.perf_counter()
        for a in range(spec.articles):
            body = webgen.render_article(self.plan, a, bases[self.plan.infos[a].site])
            self._put(self.plan.article_path(a), body, b"text/html; charset=utf-8",
                      self.plan.infos[a].published, "article")
        for f in range(spec.total_feeds):
            self._render_feed(f, spec.base_time)
        self.gen_seconds = time.perf_counter() - t0
        self._put("/robots.txt", b"User-agent: *\nAllow: /\n", b"text/plain", spec.base_time, "other")

    def _put(self, path: str, body: bytes, ctype: bytes, mtime: int, kind: str) -> None:
        etag = f'"{zlib.crc32(body):08x}-{len(body):x}"'
        self.res[path] = Resource(body, ctype, etag, webgen.http_date(mtime), mtime, kind)

    def _render_feed(self, f: int, mtime: int) -> None:
        ctype = b"application/rss+xml; charset=utf-8" if f % 2 == 0 else b"application/atom+xml; charset=utf-8"
        body = webgen.render_feed(self.plan, f, self.bases, self.published.get(f, []))
        self._put(self.plan.feed_path(f), body, ctype, mtime, "feed")

    def publish(self, f: int) -> dict[str, object]:
        k = sum(len(v) for v in self.published.values())
        now = int(time.time())
        site = self.plan.feed_site(f)
        title, html, url = webgen.published_article(self.spec, k, now, self.bases[site], site)
        path = urlsplit(url).path
        self._put(path, html, b"text/html; charset=utf-8", now, "article")
        self.published.setdefault(f, []).insert(0, (self.spec.articles + k, title, url, now))
        self._render_feed(f, now)
        return {"feed": f, "url": url, "title": title, "time": now}

    def control(self, path: str, query: str) -> bytes:
        if path == "/__stats":
            out: dict[str, object] = dict(self.stats)
        elif path == "/__reset":
            out = dict(self.stats)
            self.stats.clear()
        elif path == "/__publish":
            out = self.publish(int(parse_qs(query).get("feed", ["0"])[0]))
        else:
            out = {"gen_seconds": self.gen_seconds, "resources": len(self.res)}
        return json.dumps(out).encode()


def _response(status: bytes, headers: list[tuple[bytes, bytes]], body: bytes, keep: bool, head: bool) -> bytes:
    lines = [b"HTTP/1.1 " + status]
    lines += [k + b": " + v for k, v in headers]
    lines.append(b"Content-Length: " + str(len(body)).encode())
    lines.append(b"Connection: keep-alive" if keep else b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + (b"" if head else body)


class HttpProtocol(asyncio.Protocol):
    def __init__(self, site: Site) -> None:
        self.site = site
        self.buf = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)  # a stream server's always is
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while self.transport is not None:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buf) > 65536:
                    self.transport.close()
                return
            head, rest = self.buf[:end], self.buf[end + 4:]
            lines = head.split(b"\r\n")
            parts = lines[0].split(b" ")
            headers = {}
            for line in lines[1:]:
                k, _, v = line.partition(b":")
                headers[k.strip().lower()] = v.strip()
            clen = int(headers.get(b"content-length", b"0") or 0)
            if len(rest) < clen:
                return
            self.buf = rest[clen:]
            if len(parts) != 3:
                self.transport.write(_response(b"400 Bad Request", [], b"bad request", False, False))
                self.transport.close()
                return
            method, target, version = parts
            conn = headers.get(b"connection", b"").lower()
            keep = conn != b"close" if version == b"HTTP/1.1" else conn == b"keep-alive"
            out = self.handle(method, target.decode("latin-1"), headers, keep)
            self.transport.write(out)
            if not keep:
                self.transport.close()
                return

    def handle(self, method: bytes, target: str, headers: dict[bytes, bytes], keep: bool) -> bytes:
        site = self.site
        split = urlsplit(target)
        path = split.path
        if path.startswith("/__"):
            return _response(b"200 OK", [(b"Content-Type", b"application/json")],
                             site.control(path, split.query), keep, False)
        head = method == b"HEAD"
        stats = site.stats
        stats["requests"] += 1
        res = site.res.get(path)
        if res is None or method not in (b"GET", b"HEAD"):
            body = b"not found"
            stats["status_404"] += 1
            out = _response(b"404 Not Found", [(b"Content-Type", b"text/plain")], body, keep, head)
            stats["bytes"] += len(out)
            return out
        stats[f"req_{res.kind}"] += 1
        inm = headers.get(b"if-none-match")
        ims = headers.get(b"if-modified-since")
        validators = [(b"ETag", res.etag.encode()), (b"Last-Modified", res.last_modified.encode())]
        fresh = False
        if inm is not None:
            stats["conditional"] += 1
            tags = [t.strip().removeprefix(b"W/") for t in inm.split(b",")]
            fresh = res.etag.encode() in tags or b"*" in tags
        elif ims is not None:
            stats["conditional"] += 1
            fresh = _not_modified_since(ims, res.mtime)
        if fresh:
            out = _response(b"304 Not Modified", validators, b"", keep, True)
            stats["status_304"] += 1
            stats[f"304_{res.kind}"] += 1
        else:
            out = _response(b"200 OK", [(b"Content-Type", res.ctype), *validators], res.body, keep, head)
            stats["status_200"] += 1
            stats["body_bytes"] += 0 if head else len(res.body)
        stats["bytes"] += len(out)
        return out


def _not_modified_since(value: bytes, mtime: int) -> bool:
    from email.utils import parsedate_to_datetime

    try:
        since = parsedate_to_datetime(value.decode("latin-1")).timestamp()
    except (TypeError, ValueError, IndexError):
        return False
    return mtime <= since


async def _serve(spec: WebSpec, sites: int, single_host: bool, port: int) -> None:
    if not 1 <= sites <= 250:
        raise ValueError(f"sites must be 1..250 (one loopback address each), not {sites}")
    loop = asyncio.get_running_loop()
    hosts = ["127.0.0.1"] * sites if single_host else [f"127.0.0.{k + 2}" for k in range(sites)]
    holder: dict[str, Site] = {}

    def factory() -> HttpProtocol:
        return HttpProtocol(holder["site"])

    servers = [await loop.create_server(factory, "127.0.0.1", port, backlog=1024)]
    port = servers[0].sockets[0].getsockname()[1]
    for host in sorted(set(hosts) - {"127.0.0.1"}):
        servers.append(await loop.create_server(factory, host, port, backlog=1024))
    bases = [f"http://{h}:{port}" for h in hosts]
    holder["site"] = Site(spec, bases)
    print(json.dumps({"port": port, "bases": bases, "gen_seconds": holder["site"].gen_seconds,
                      "resources": len(holder["site"].res)}), flush=True)
    await asyncio.Event().wait()


def serve_main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.newsweb")
    ap.add_argument("--spec", required=True, help="WebSpec as JSON")
    ap.add_argument("--single-host", action="store_true")
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args(argv)
    spec = WebSpec(**json.loads(args.spec))
    try:
        asyncio.run(_serve(spec, spec.sites, args.single_host, args.port))
    except KeyboardInterrupt:
        pass


class NewsWeb:
    """The server as a child process; a context manager. ``plan`` is computed locally too."""

    def __init__(self, spec: WebSpec, *, single_host: bool = False) -> None:
        self.spec = spec
        self.single_host = single_host
        self.plan = webgen.make_plan(spec)
        self.proc: subprocess.Popen[str] | None = None
        self.port = 0
        self.bases: list[str] = []
        self.gen_seconds = 0.0

    def start(self, timeout: float = 300.0) -> NewsWeb:
        cmd = [sys.executable, "-m", "bench.newsweb", "serve", "--spec", json.dumps(dataclasses.asdict(self.spec))]
        if self.single_host:
            cmd.append("--single-host")
        self.proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait(timeout)
            raise RuntimeError(f"news web server exited with {self.proc.returncode} before it was ready")
        info = json.loads(line)
        self.port, self.bases, self.gen_seconds = info["port"], info["bases"], info["gen_seconds"]
        log.info("news web on port %d: %d resources rendered in %.1f s", self.port, info["resources"],
                 self.gen_seconds)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def __enter__(self) -> NewsWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def url(self, site: int, path: str) -> str:
        return self.bases[site] + path

    def feed_url(self, f: int) -> str:
        return self.url(self.plan.feed_site(f), self.plan.feed_path(f))

    def feed_urls(self, *, extra: bool = False) -> list[str]:
        n = self.spec.total_feeds if extra else self.spec.feeds
        return [self.feed_url(f) for f in range(n)]

    def article_urls(self) -> list[str]:
        return [webgen.article_link(self.plan, a, self.bases[info.site]) for a, info in enumerate(self.plan.infos)]

    def _control(self, name: str) -> dict[str, Any]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{name}", timeout=30) as r:
            data: dict[str, Any] = json.loads(r.read())
        return data

    def stats(self) -> dict[str, int]:
        return {k: int(v) for k, v in self._control("__stats").items()}

    def reset(self) -> dict[str, int]:
        return {k: int(v) for k, v in self._control("__reset").items()}

    def publish(self, feed: int = 0) -> dict[str, object]:
        return self._control(f"__publish?feed={feed}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "serve":
        serve_main(sys.argv[2:])
    else:
        sys.exit("usage: python -m bench.newsweb serve --spec JSON [--single-host]")
