"""Shared pieces of the fault suite: a good source, configs, crawl and read-back.

Every fault test crawls a hostile source next to a *good* source (a feed of
two on-topic articles with no new figure), then checks three things: the
hostile source's recorded error in ``status --json``, that the good source's
articles were stored, and the exact number of alerts (0: nothing hostile may
raise one). Hostile content that could be mistaken for news carries the
marker figure ``MARKER`` ("more than 900 ... stations"), so a leak would show
as a stored article or an alert.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from tests.faults.servers import HostileHTTPServer, Reply, RequestHandler
from tests.support.cli import cli_env, run_cli
from tests.support.pages import article_page, rss

MARKER = "more than 900 overseas police stations"
MARKER_TEXT = [
    f"A leaked list shows {MARKER} in 80 countries, the group said on Monday.",
    "The list, if genuine, would dwarf every earlier count of the Chinese police outposts.",
]
GOOD_PAGES = {  # on topic, but no figure at all: nothing here may raise an alert
    "/good/dublin": ("Ireland shuts Chinese police stations in Dublin",
                     ["Irish authorities ordered Chinese police stations in Dublin to close on Thursday.",
                      "The office had been registered as a service centre for citizens renewing documents."]),
    "/good/prague": ("Czech police look into Chinese police stations in Prague",
                     ["Czech police said they were examining reports of Chinese police stations in Prague.",
                      "The foreign ministry summoned an envoy to explain the offices' activities."]),
}


def serve_good_source(server: HostileHTTPServer) -> str:
    """The good feed and its two article pages; returns the feed URL."""
    items = []
    for i, (path, (title, paras)) in enumerate(GOOD_PAGES.items()):
        server.serve(path, article_page(title, paras), "text/html; charset=utf-8")
        items.append({"title": title, "link": server.url(path), "id": f"good-{i}"})
    return server.serve("/good.xml", rss("Good news desk", items))


def marker_feed(server: HostileHTTPServer, prefix: str) -> str:
    """An RSS body whose one entry links to a page carrying the marker figure."""
    page = server.serve(f"{prefix}/page", article_page("Leaked list of police stations", MARKER_TEXT),
                        "text/html; charset=utf-8")
    return rss("Hostile", [{"title": f"Leak: {MARKER}", "link": page, "id": f"{prefix}-1",
                            "summary": MARKER_TEXT[0]}])


@dataclass
class Source:
    name: str
    url: str
    kind: str = "feed"
    follow_links: bool = True


def write_config(path: Path, sources: list[Source], *, allow_private: bool = True, timeout: str = "2s",
                 max_page_bytes: int = 1_000_000, db: str = "store.db", processes: int | None = None,
                 extra: str = "[alerts]\non_first_crawl = true\n") -> Path:
    """A config; alerts fire from the first cycle, so a bogus figure would show."""
    lines = [
        f'[storage]\nurl = "sqlite:///{db}"\n',
        "[crawl]",
        f"allow_private_networks = {'true' if allow_private else 'false'}",
        "obey_robots_txt = false",
        f'timeout = "{timeout}"',
        f"max_page_bytes = {max_page_bytes}",
        "concurrency = 16\n",
    ]
    if processes is not None:
        lines.insert(-1, f"processes = {processes}")
    for s in sources:
        lines += ["[[sources]]", f'name = "{s.name}"', f'kind = "{s.kind}"', f'url = "{s.url}"',
                  f"follow_links = {'true' if s.follow_links else 'false'}", ""]
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def crawl(config: Path, *args: str, env: dict[str, str] | None = None,
          timeout: float = 120) -> subprocess.CompletedProcess[str]:
    done = run_cli("crawl", *args, config=config, env=env, timeout=timeout)
    assert done.returncode == 0, f"crawl exited {done.returncode}: {done.stderr[-3000:]}"
    return done


def status(config: Path) -> dict[str, dict]:
    done = run_cli("status", "--json", config=config)
    assert done.returncode == 0, done.stderr[-2000:]
    data = json.loads(done.stdout)
    by_name = {s["name"]: s for s in data["sources"]}
    by_name["_totals"] = {k: v for k, v in data.items() if k != "sources"}
    return by_name


def query(db: Path, sql: str, *params: object) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def stored_urls(db: Path, source: str | None = None, *, headline_only: bool | None = None) -> set[str]:
    """URLs of the stored articles (of one source; only headline-only ones, or only pages)."""
    sql, args = "SELECT url FROM article WHERE 1 = 1", []
    if source is not None:
        sql, args = sql + " AND source = ?", [source]
    if headline_only is not None:
        sql += " AND headline_only = " + ("1" if headline_only else "0")
    return {r[0] for r in query(db, sql, *args)}


def alert_count(db: Path) -> int:
    return int(query(db, "SELECT count(*) FROM alert")[0][0])


def assert_fault(config: Path, db: Path, server: HostileHTTPServer, *, hostile: str, error: str,
                 good: str = "good", alerts: int = 0, states: dict | None = None) -> dict:
    """The three checks of every fault test; returns the hostile source's status row."""
    states = states or status(config)
    row = states[hostile]
    assert row["last_result"] == "failed", row
    assert row["last_error"] and error in row["last_error"], row["last_error"]
    assert row["consecutive_failures"] >= 1
    assert states[good]["last_result"] == "ok", states[good]
    assert stored_urls(db, good) == {server.url(p) for p in GOOD_PAGES}
    assert alert_count(db) == alerts
    assert not query(db, "SELECT id FROM article WHERE text LIKE ?", "%900 overseas%")
    return row


def start_crawl(config: Path) -> subprocess.Popen[str]:
    """``stationwatch crawl`` in the background (to be killed or raced by the test)."""
    return subprocess.Popen([sys.executable, "-m", "scheduler", "--config", str(config), "crawl"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env())


def fill(path: Path) -> None:
    """Write zeros to ``path`` until its disk is full."""
    with open(path, "wb", buffering=0) as f:  # noqa: PTH123
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError:
            pass


def wait_for(predicate: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Poll ``predicate`` in a short bounded loop (not a sleep standing in for an event)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def serve_in_turn(server: HostileHTTPServer, path: str, replies: list[Reply]) -> str:
    """Answer ``path`` with each reply in turn; the last one repeats."""
    left = list(replies)

    def handler(h: RequestHandler) -> None:
        reply = left.pop(0) if len(left) > 1 else left[0]
        h.send_reply(reply)

    server.routes[path] = handler
    return server.url(path)


def serve_with_etag(server: HostileHTTPServer, path: str, body: str, etag: str,
                    content_type: str = "application/rss+xml") -> str:
    """``body`` with an ETag; a request carrying that ETag gets 304 Not Modified."""
    data = body.encode("utf-8")

    def handler(h: RequestHandler) -> None:
        if h.headers.get("If-None-Match") == etag:
            h.send_reply(Reply(b"", 304, {"ETag": etag}))
        else:
            h.send_reply(Reply(data, 200, {"Content-Type": content_type, "ETag": etag}))

    server.routes[path] = handler
    return server.url(path)
