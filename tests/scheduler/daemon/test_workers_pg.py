"""Three `run --worker` processes share 300 sources on a throwaway PostgreSQL (issue 17).

Every source is crawled once per interval by one of them; a worker killed
with SIGKILL in the middle of a crawl loses its sources to the others within
the lease time (and its crawl ends with it); no article is lost and no alert
is sent twice. Some feeds answer slowly, so that crawls are in flight when
the worker is killed.
"""

from __future__ import annotations

import json
import re
import signal
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.scheduler.daemon.procs import alive, crawls
from tests.support.cli import run_cli
from tests.support.config import Source
from tests.support.daemon import Daemon
from tests.support.pages import article_page, rss
from tests.support.pg import fresh_database, needs_postgres
from tests.support.wait import wait_for
from tests.support.web import LoopbackWeb

pytestmark = [*needs_postgres, pytest.mark.slow]

SOURCES = 300
INTERVAL = 20.0
LEASE = 6.0
SLOW_EVERY = 100  # every 100th feed answers after 2 s (all 300 are on one host: Scrapy
# crawls one host two requests at a time, and AutoThrottle slows it after a slow answer)

HEAD = """[storage]
url = "{url}"

[crawl]
allow_private_networks = true
obey_robots_txt = false
timeout = "10s"
concurrency = 16

[alerts]
drain_interval = "1s"
max_age = "3650d"

[alerts.slack]
enabled = true
webhook_url = "{hook}"

[workers]
lease = "{lease:g}s"
"""


# one country per figure: each is a first for its place, so each raises exactly one alert
# (worldwide totals would alert only when higher than every total stored before them)
COUNTRIES = ["Italy", "Spain", "Ireland", "Canada", "Germany", "France", "Portugal", "Hungary"]


def story(country: str, count: int) -> list[str]:
    return [f"Investigators in {country} said on Monday that they had found {count} overseas police "
            f"stations run by Chinese police in {country}.", "Officials said they were examining the report."]


def test_three_workers_share_300_sources_and_take_over_from_a_killed_one(tmp_path: Path) -> None:
    names = [f"f{i:03d}" for i in range(SOURCES)]
    feeds: dict[str, list[dict[str, str]]] = {n: [] for n in names}
    with fresh_database("sw_workers") as engine, LoopbackWeb(auto_etag=True) as site:
        def publish(name: str, count: int) -> str:
            country = COUNTRIES[len(published)]
            path = f"/story/{name}-{count}"
            now = datetime.now(UTC)
            site.put(path, article_page(f"{count} stations found in {country}", story(country, count),
                                        published=now.isoformat()))
            feeds[name].append({"title": f"{count} stations in {country}", "link": site.url(path), "id": path,
                                "date": format_datetime(now)})
            site.put(f"/{name}.xml", rss(name, feeds[name]), "application/rss+xml")
            return site.url(path)

        for i, name in enumerate(names):
            site.put(f"/{name}.xml", rss(name, []), "application/rss+xml",
                     delay=2.0 if i % SLOW_EVERY == 0 else 0.0)
        url = engine.url.render_as_string(hide_password=False)
        body = "".join("\n" + Source(n, site.url(f"/{n}.xml"), lang="en", interval=f"{INTERVAL:g}s").toml()
                       for n in names)
        cfg = tmp_path / "config.toml"
        hook = site.put("/hook", "ok", "text/plain")
        cfg.write_text(HEAD.format(url=url, hook=hook, lease=LEASE) + body, encoding="utf-8")

        def sql(query: str) -> list[tuple]:
            try:
                with engine.connect() as conn:
                    return [tuple(r) for r in conn.exec_driver_sql(query)]
            except sa.exc.ProgrammingError:  # the schema is not there yet
                return []

        def diagnose() -> str:
            counts = {t: sql(f"SELECT count(*) FROM {t}")[0][0] for t in ("article", "claim", "alert", "delivery")}
            states = sql("SELECT state, channel, count(*) FROM delivery GROUP BY state, channel")
            tails = "\n".join(w.log()[-1500:] for w in workers)
            return f"{counts} {states} {sql('SELECT id, leader FROM worker')}\n{tails}"

        workers = [Daemon(cfg, f"worker-{n}.log", args=["--worker"]).start() for n in range(3)]
        published: list[tuple[int, str]] = []
        try:
            # the first crawl records without alerting; then figures alert, once each
            wait_for(lambda: sql("SELECT 1 FROM meta WHERE key = 'first_crawl_done'"), 240, what="the first crawl")
            for k, name in enumerate(names[1:300:50]):
                published.append((11 + k, publish(name, 11 + k)))
            try:
                wait_for(lambda: len(site.posted("/hook")) >= len(published), 90, what="the first alerts")
            except AssertionError as exc:
                raise AssertionError(f"{exc}: {diagnose()}") from None

            # kill a worker that is crawling (and does not deliver) mid-crawl
            def crawling() -> list[tuple]:
                return sql("SELECT w.id, w.pid FROM worker w JOIN source_state s ON s.lease_owner = w.id "
                           "WHERE NOT w.leader AND s.next_due <= now() GROUP BY w.id, w.pid")

            victim_id, victim_pid = wait_for(crawling, 60, what="a worker in the middle of a crawl")[0]
            victim = next(w for w in workers if w.proc.pid == victim_pid)
            its_crawls = crawls(victim_pid)
            victim.proc.send_signal(signal.SIGKILL)
            killed_at = time.time()
            victim.proc.wait()
            orphans = [r[0] for r in sql(f"SELECT name FROM source_state WHERE lease_owner = '{victim_id}' "
                                         "AND next_due <= now()")]
            assert orphans, "the killed worker held no source in flight"
            for k, name in enumerate([n for n in orphans if int(n[1:]) % SLOW_EVERY][:2]):
                published.append((21 + k, publish(name, 21 + k)))
            wait_for(lambda: not alive(its_crawls), 10, what="the killed worker's crawl to end with it")

            def taken_over() -> bool:
                return all(any(t > killed_at for t in site.times(f"/{n}.xml")) for n in orphans)

            wait_for(taken_over, LEASE + 30, what="the orphaned sources taken over")
            took = max(min(t for t in site.times(f"/{n}.xml") if t > killed_at) - killed_at for n in orphans)
            assert took <= LEASE + 6, f"taken over after {took:.1f}s (lease {LEASE}s)"

            # two more intervals of the survivors alone, then every published figure is in
            watch_from = time.time()
            wait_for(lambda: time.time() - watch_from > 2 * INTERVAL
                     and len(site.posted("/hook")) >= len(published), 2 * INTERVAL + 60,
                     what="two more intervals and every alert")
            status = run_cli("status", "--json", config=cfg)
        finally:
            codes = [w.stop(15)[0] for w in workers]
        logs = "\n".join(w.log() for w in workers)
        assert [c for w, c in zip(workers, codes, strict=True) if w is not victim] == [0, 0], logs[-3000:]
        assert "Traceback" not in logs

        # every source once per interval: never twice within one, never skipped (a source is due
        # an interval after its crawl began; the first crawl, 100 sources a worker on one host,
        # spreads its fetches over several seconds, so its gap is left out)
        for name in names:
            times = site.times(f"/{name}.xml")
            gaps = [b - a for a, b in zip(times[1:], times[2:], strict=False)]
            if name not in orphans:  # a fetch's place in its batch moves a few seconds with load
                assert min(gaps) >= INTERVAL - 5, (name, gaps)
            late = INTERVAL + (LEASE + 6 if name in orphans else 6)
            assert max(gaps) <= late, (name, gaps)

        # no article lost, no alert twice
        stored = {r[0] for r in sql("SELECT url FROM article")}
        assert {u for _, u in published} <= stored
        posts = [json.loads(body)["text"] for _, body in site.posted("/hook")]
        for count, _ in published:
            assert sum(bool(re.search(rf"\b{count}\b", text)) for text in posts) == 1, (count, posts)
        assert len(posts) == len(published)
        assert sql("SELECT count(*) FROM alert WHERE kind = 'figures'")[0][0] == len(published)

        # status lists the workers; the dead one holds nothing
        assert status.returncode == 0, status.stderr
        listed = {w["id"]: w for w in json.loads(status.stdout)["workers"]}
        assert len(listed) == 3 and listed[victim_id]["sources_leased"] == 0
        assert sum(1 for w in listed.values() if w["delivers_alerts"]) == 1
