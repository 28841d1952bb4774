"""Hooks into stationwatch itself: configs, crawl cycles, the daemon, all as child processes.

Everything goes through the command line (``python -m scheduler ...``), as a
user runs it; until the CLI exists, ``cli_missing()`` says why and the stages
report "skipped".
"""

from __future__ import annotations

import contextlib
import logging
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from bench.measure import REPO, Measured, child_env, display, run_measured

log = logging.getLogger(__name__)


def cli_missing() -> str | None:
    """None when ``python -m scheduler`` answers ``--help``; else the reason it cannot be used."""
    if not (REPO / "scheduler" / "__main__.py").exists():
        return "scheduler/__main__.py not on this branch yet (stationwatch CLI missing)"
    p = subprocess.run([sys.executable, "-m", "scheduler", "--help"], cwd=REPO, env=child_env(),
                       capture_output=True, text=True, timeout=120, check=False)
    if p.returncode != 0:
        return f"`python -m scheduler --help` exited {p.returncode}: {p.stderr.strip()[-300:]}"
    return None


def sw(cfg: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "scheduler", "--config", str(cfg), *args]


@dataclass
class SinkSettings:
    port: int
    recipients: tuple[str, ...] = ("desk@example.org",)


def write_config(path: Path, feed_urls: list[str], *, db: str = "store.db", interval: str = "30m",
                 concurrency: int = 16, email: SinkSettings | None = None) -> Path:
    """A config.toml (CONTRACT.md format) with one feed source per URL."""
    lines = [
        "[storage]", f'url = "sqlite:///{db}"', "",
        "[crawl]", f'interval = "{interval}"', f"concurrency = {concurrency}", 'timeout = "30s"',
        "obey_robots_txt = false", "allow_private_networks = true", "",
        "[alerts]", "on_first_crawl = false", 'max_age = "30d"', "",
    ]
    if email is not None:
        rcpt = ", ".join(f'"{r}"' for r in email.recipients)
        lines += ["[alerts.email]", "enabled = true", 'host = "127.0.0.1"', f"port = {email.port}",
                  'security = "none"', 'sender = "stationwatch@example.org"', f"recipients = [{rcpt}]", ""]
    for i, url in enumerate(feed_urls):
        lines += ["[[sources]]", f'name = "feed-{i}"', 'kind = "feed"', f'url = "{url}"', ""]
    path.write_text("\n".join(lines))
    return path


def count_rows(db: Path, table: str, where: str = "") -> int | None:
    """Rows in a table of the SQLite store (stdlib sqlite3: no product code involved)."""
    if not db.exists():
        return None
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table} {where}").fetchone()[0])
    except sqlite3.Error as exc:
        log.warning("cannot count %s in %s: %s", table, db, exc)
        return None
    finally:
        con.close()


@dataclass
class Cycle:
    measured: Measured
    command: str
    articles: int | None
    stories: int | None
    server: dict[str, int]
    cfg: Path

    @property
    def db(self) -> Path:
        return self.cfg.parent / "store.db"

    @property
    def ok(self) -> bool:
        return self.measured.returncode == 0


def crawl(cfg: Path, *, reset: Callable[[], object], stats: Callable[[], dict[str, int]],
          cpus: set[int] | None = None, timeout: float = 900.0) -> Cycle:
    """One ``crawl`` of ``cfg``; server counters are reset before and read after."""
    reset()
    cmd = sw(cfg, "crawl")
    m = run_measured(cmd, cwd=cfg.parent, timeout=timeout, cpus=cpus)
    db = cfg.parent / "store.db"
    shown = display(cmd)
    if cpus:
        shown = f"taskset -c {','.join(map(str, sorted(cpus)))} {shown}"
    if m.returncode != 0:
        log.warning("crawl failed (%d): %s", m.returncode, m.tail(1500))
    return Cycle(m, shown, count_rows(db, "article"), count_rows(db, "story"), stats(), cfg)


def timed_cli(cfg: Path, runs: int) -> dict[str, dict[str, float | int | str]]:
    """Repeated, interleaved timing of ``status``, ``counts --json`` and the ``import sqlmodel`` baseline."""
    from bench.measure import repeat_timing

    return repeat_timing({
        "import sqlmodel": [sys.executable, "-c", "import sqlmodel"],
        "status": sw(cfg, "status"),
        "status --json": sw(cfg, "status", "--json"),
        "counts --json": sw(cfg, "counts", "--json"),
    }, runs)


@dataclass
class Soak:
    seconds: float
    exited_early: bool
    returncode: int | None
    daemon_peak_rss: int
    daemon_last_rss: int
    tree_peak_rss: int
    rss_first: int
    latencies: list[float | None]  # one per publish: seconds until its email arrived
    messages: int
    command: str
    log_tail: str = ""
    samples: list[tuple[float, int]] = field(default_factory=list)
    tree_peak_pss: int = 0

    @property
    def latency(self) -> float | None:
        got = [x for x in self.latencies if x is not None]
        return max(got) if got and len(got) == len(self.latencies) else None


def soak(cfg: Path, *, seconds: float, publish: Callable[[], object], messages: Callable[[], int],
         publish_at: float | list[float], grace: float = 30.0) -> Soak:
    """Run the daemon for ``seconds``; publish a new figure at each ``publish_at`` (s) and time
    its email (the next publish waits for the previous email, or for ``grace`` after the soak).
    """
    cmd = sw(cfg, "run")
    logf = (cfg.parent / "daemon.log").open("w")
    proc = subprocess.Popen(cmd, cwd=cfg.parent, env=child_env(), stdout=logf, stderr=subprocess.STDOUT)
    ps = psutil.Process(proc.pid)
    t0 = time.perf_counter()
    peak = tree_peak = first = last = 0
    pss_peak = 0.0
    next_pss = 0.0
    samples: list[tuple[float, int]] = []
    pending = sorted(publish_at) if isinstance(publish_at, list) else [publish_at]
    latencies: list[float | None] = []
    published_at: float | None = None
    base_msgs = start_msgs = messages()
    early = False
    try:
        while proc.poll() is None:
            now = time.perf_counter() - t0
            waiting = published_at is not None
            if now >= seconds and not pending and (not waiting or now >= seconds + grace):
                break
            try:
                rss = ps.memory_info().rss
                tree = rss + sum(c.memory_info().rss for c in ps.children(recursive=True))
            except psutil.NoSuchProcess:
                break
            if not first and now >= 1.0:
                first = rss  # after start-up: the interpreter and its imports
            last, peak, tree_peak = rss, max(peak, rss), max(tree_peak, tree)
            samples.append((now, rss))
            if now >= next_pss:  # PSS: pages a forked crawl shares with its fork server count once
                next_pss = now + 0.5
                with contextlib.suppress(psutil.Error):
                    pss_peak = max(pss_peak, sum(p.memory_full_info().pss
                                                 for p in [ps, *ps.children(recursive=True)]))
            if waiting and messages() > base_msgs:
                latencies.append(time.perf_counter() - published_at)  # type: ignore[operator]
                published_at = None
            elif not waiting and pending and now >= pending[0]:
                pending.pop(0)
                base_msgs = messages()
                publish()
                published_at = time.perf_counter()
            if now >= seconds + grace and pending:
                break
            time.sleep(0.1)
        early = proc.poll() is not None
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            rc: int | None = proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            rc = proc.wait(10)
        logf.close()
    if published_at is not None:
        latencies.append(time.perf_counter() - published_at if messages() > base_msgs else None)
    latencies += [None] * len(pending)
    lines = (cfg.parent / "daemon.log").read_text(errors="replace").splitlines()
    tail = "\n".join(x for x in lines if "not_modified" not in x and "missed" not in x)[-1500:]
    return Soak(time.perf_counter() - t0, early, rc, peak, last, tree_peak, first, latencies,
                messages() - start_msgs, display(cmd), tail, samples, int(pss_peak))
