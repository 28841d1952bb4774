"""Throughput of `run --worker` processes sharing one PostgreSQL store (run by hand).

    python -m bench.bench_workers [--workers 1,2] [--quick] [--single-host] [--json]

Needs PostgreSQL: ``STATIONWATCH_BENCH_PG_URL`` (or ``STATIONWATCH_TEST_PG_URL``)
naming a server where databases may be created, else a throwaway server is
started with initdb / pg_ctl (as .ci/run does). For each number of workers,
a fresh database and the bench's news web (``bench.newsweb``):

- full pass: every feed crawled once (its articles fetched, read, stored);
  articles per second from the first article stored to the last (the
  workers' start-up is left out, and reported apart as the pass's wall);
- quiet pass: every source made due again at once; sources per second until
  every one has been crawled again (nearly all answer 304);
- the store's side: transactions committed per second during each pass
  (``pg_stat_database``), and what the same server commits per second with
  small single-row transactions from 1, 4 and 16 connections.

``--single-host`` serves every site from one address, to show what per-host
politeness (two requests in flight per host, AutoThrottle) costs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.context import FULL, QUICK
from bench.daemon_watch import tree_cpu
from bench.measure import child_env
from bench.newsweb import NewsWeb
from bench.pipeline import sw
from bench.webgen import WebSpec

PG_PORT = 55449


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """A server URL: the environment's, or a throwaway server for the length of the bench."""
    url = os.environ.get("STATIONWATCH_BENCH_PG_URL") or os.environ.get("STATIONWATCH_TEST_PG_URL")
    if url:
        yield url
        return
    tmp = Path(tempfile.mkdtemp(prefix="sw-bench-pg-"))
    user = "nobody" if os.geteuid() == 0 else None
    if user:
        shutil.chown(tmp, user)

    def as_pg(cmd: str) -> None:
        full = ["su", "-s", "/bin/sh", user, "-c", cmd] if user else ["sh", "-c", cmd]
        subprocess.run(full, check=True, capture_output=True)

    as_pg(f"initdb -D {tmp}/data -U postgres -A trust")
    as_pg(f"pg_ctl -D {tmp}/data -o '-k {tmp} -p {PG_PORT} -c listen_addresses=127.0.0.1 "
          f"-c max_connections=200' -l {tmp}/log -w start")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{PG_PORT}/postgres"
    finally:
        as_pg(f"pg_ctl -D {tmp}/data -m fast stop")
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def database(server: str) -> Iterator[str]:
    name = f"sw_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.engine.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def write_config(path: Path, url: str, feeds: list[str]) -> Path:
    lines = ["[storage]", f'url = "{url}"', "", "[crawl]", 'interval = "6h"', "concurrency = 16",
             'timeout = "30s"', "obey_robots_txt = false", "allow_private_networks = true", "",
             "[workers]", 'lease = "60s"', ""]
    for i, feed in enumerate(feeds):
        lines += ["[[sources]]", f'name = "feed-{i}"', 'kind = "feed"', f'url = "{feed}"', ""]
    path.write_text("\n".join(lines))
    return path


class Store:
    def __init__(self, url: str) -> None:
        self.engine = sa.create_engine(url)
        self.name = sa.engine.make_url(url).database

    def one(self, query: str) -> Any:
        try:
            with self.engine.connect() as conn:
                return conn.exec_driver_sql(query).scalar()
        except sa.exc.ProgrammingError:  # the schema is not there yet
            return None

    def commits(self) -> int:
        return int(self.one(f"SELECT xact_commit FROM pg_stat_database WHERE datname = '{self.name}'") or 0)


def wait(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.25)


def run_workers(n: int, server: str, web: NewsWeb, work: Path) -> dict[str, Any]:
    feeds = web.feed_urls(extra=True)
    with database(server) as url:
        d = work / f"workers-{n}"
        d.mkdir(parents=True, exist_ok=True)
        cfg = write_config(d / "config.toml", url, feeds)
        store = Store(url)
        logs = [(d / f"worker-{i}.log").open("wb") for i in range(n)]
        started = time.monotonic()
        procs = [subprocess.Popen([*sw(cfg, "run"), "--worker"], cwd=d, env=child_env(), stdout=log,
                                  stderr=subprocess.STDOUT) for log in logs]
        try:
            web.reset()
            seen = {"first": 0.0, "last": 0.0, "n": 0}

            def full_pass_done() -> bool:
                n = int(store.one("SELECT count(*) FROM article") or 0)
                if n > seen["n"]:
                    seen["first"] = seen["first"] or time.monotonic()
                    seen["last"], seen["n"] = time.monotonic(), n
                return (store.one("SELECT count(*) FROM source_state WHERE last_fetch IS NULL") == 0
                        and (store.one("SELECT count(*) FROM source_state") or 0) >= len(feeds))

            wait(full_pass_done, 1800, "the full pass")
            full_wall = time.monotonic() - started
            span = seen["last"] - seen["first"]  # the article table polled every 0.25 s
            articles = store.one("SELECT count(*) FROM article")
            full_commits = store.commits()
            full_cpu = sum(tree_cpu(p.pid) for p in procs)
            full_requests = web.reset().get("requests", 0)
            # quiet pass: every source due again now
            commits0, cpu0 = store.commits(), sum(tree_cpu(p.pid) for p in procs)
            with store.engine.begin() as conn:
                mark = conn.exec_driver_sql("SELECT now()").scalar_one()
                conn.exec_driver_sql("UPDATE source_state SET next_due = now()")
            t0 = time.monotonic()
            wait(lambda: store.one(f"SELECT count(*) FROM source_state WHERE last_fetch < '{mark.isoformat()}'")
                 == 0, 600, "the quiet pass")
            quiet_wall = time.monotonic() - t0
            quiet_stats = web.reset()
            quiet_commits = store.commits() - commits0
            quiet_cpu = sum(tree_cpu(p.pid) for p in procs) - cpu0
        finally:
            for p in procs:
                p.send_signal(signal.SIGTERM)
            for p in procs:
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    p.kill()
            for log in logs:
                log.close()
            store.engine.dispose()
    return {
        "workers": n, "sources": len(feeds), "articles": articles,
        "full_span_s": round(float(span or 0), 2), "full_wall_s": round(full_wall, 2),
        "articles_per_s": round(articles / float(span), 1) if span else None,
        "full_cpu_s": round(full_cpu, 1), "full_requests": full_requests,
        "full_commits_per_s": round(full_commits / float(span), 1) if span else None,
        "quiet_wall_s": round(quiet_wall, 2), "sources_per_s": round(len(feeds) / quiet_wall, 1),
        "quiet_cpu_s": round(quiet_cpu, 2), "quiet_requests": quiet_stats.get("requests", 0),
        "quiet_304": quiet_stats.get("status_304", 0),
        "quiet_commits_per_s": round(quiet_commits / quiet_wall, 1),
    }


def commit_rate(server: str, connections: int, seconds: float = 3.0) -> float:
    """Small single-row UPDATE transactions per second from ``connections`` connections."""
    with database(server) as url:
        engine = sa.create_engine(url, pool_size=connections)
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (id int PRIMARY KEY, n int)")
            conn.exec_driver_sql("INSERT INTO t SELECT g, 0 FROM generate_series(1, 1000) g")
        counts = [0] * connections
        stop = time.monotonic() + seconds

        def work(k: int) -> None:
            with engine.connect() as conn:
                i = k
                while time.monotonic() < stop:
                    conn.exec_driver_sql(f"UPDATE t SET n = n + 1 WHERE id = {i % 1000 + 1}")
                    conn.commit()
                    counts[k] += 1
                    i += connections

        threads = [threading.Thread(target=work, args=(k,)) for k in range(connections)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        engine.dispose()
    return sum(counts) / seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_workers")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--single-host", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (configs, worker logs)")
    args = ap.parse_args(argv)
    size = QUICK if args.quick else FULL
    spec = WebSpec(seed=8, feeds=size.feeds, items=size.items, extra_feeds=size.extra_feeds,
                   extra_items=size.extra_items, sites=size.sites, base_time=int(time.time()) // 3600 * 3600)
    work = Path(tempfile.mkdtemp(prefix="sw-bench-workers-"))
    out: dict[str, Any] = {"load_at_start": os.getloadavg()[0], "single_host": args.single_host, "runs": []}
    try:
        with postgres() as server, NewsWeb(spec, single_host=args.single_host) as web:
            for n in (int(x) for x in args.workers.split(",")):
                out["runs"].append(run_workers(n, server, web, work))
                print(json.dumps(out["runs"][-1]), file=sys.stderr)
            out["commits_per_s"] = {c: round(commit_rate(server, c)) for c in (1, 4, 16)}
    finally:
        if args.keep:
            print(f"work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    out["load_at_end"] = os.getloadavg()[0]
    print(json.dumps(out, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
