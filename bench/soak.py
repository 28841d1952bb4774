"""Soak: many daemon cycles against a loopback site (run by hand, never by CI).

    python -m bench.soak [--cycles 200] [--json]

Starts ``stationwatch run`` as a subprocess on a fresh store with two feed
sources on 1 s intervals and the Slack channel pointed at a local webhook
receiver, then watches it from outside with psutil:

- the daemon's resident memory and open file descriptors after a warm-up
  and at the end, both taken between crawls (a running crawl holds two
  temporary files for its output), growth under 10 MB, fds flat;
- its crawls (forked by its fork server): never more than allowed at once,
  no process under the daemon left a zombie for over a second (every crawl
  reaped);
- alert latency: every ``--every`` cycles a feed item with a new figure is
  published; the time from publishing it to the Slack POST must stay within
  the source's interval + jitter + 5 s. The time until the story's article
  is in the store (pickup) is reported too, polled every 0.2 s. (Needs the claims analysis: with an
  analysis that reads no figures there is nothing to alert, and the latency
  list stays empty; the report says so.)

A cycle is one fetch of a source's feed (the site counts them).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import psutil

from tests.support.config import Source, write_config
from tests.support.daemon import FAST_DRAIN, Daemon
from tests.support.pages import article_page, rss
from tests.support.store import query
from tests.support.web import LoopbackWeb

INTERVAL = 1.0
JITTER = 0.1  # scheduler.backoff.jitter_for(1 s)
SOURCES = ("soak-a", "soak-b")
MB = 1024 * 1024

FIGURES = [
    "The group said on Monday that it had now counted {n} overseas police stations run by Chinese police in {c} countries.",
    "Officials in several capitals said they were examining the report.",
]


OPENING = [
    "Officials in Dublin said the Chinese police station in the city had been told to close.",
    "The embassy said the office only renewed driving licences.",
]


def _feed(site: LoopbackWeb, name: str, items: list[dict[str, str]]) -> None:
    site.put(f"/{name}.xml", rss(name, items), "application/rss+xml")


def _crawls(proc: psutil.Process, kids: list[psutil.Process]) -> list[psutil.Process]:
    """The crawl processes: forked by the daemon's fork server (its grandchildren), or
    started by the daemon itself (a cold ``python -m scheduler.cycle``)."""
    out = []
    for kid in kids:
        try:
            if kid.ppid() != proc.pid or "scheduler.cycle" in " ".join(kid.cmdline()):
                out.append(kid)
        except psutil.Error:
            continue
    return out


def _sample(proc: psutil.Process) -> dict[str, Any]:
    with proc.oneshot():
        kids = proc.children(recursive=True)
        return {
            "rss_mb": proc.memory_info().rss / MB,
            "fds": proc.num_fds(),
            "threads": proc.num_threads(),
            "children": len(_crawls(proc, kids)),
            "zombies": sum(1 for k in kids if _status(k) == psutil.STATUS_ZOMBIE),
        }


def _track_zombies(proc: psutil.Process, since: dict[int, float], lingering: set[int]) -> None:
    """A process under the daemon that stays a zombie for over a second was not reaped."""
    now = time.monotonic()
    zombies = set()
    for kid in proc.children(recursive=True):
        if _status(kid) == psutil.STATUS_ZOMBIE:
            zombies.add(kid.pid)
            since.setdefault(kid.pid, now)
            if now - since[kid.pid] > 1.0:
                lingering.add(kid.pid)
    for pid in list(since):
        if pid not in zombies:
            del since[pid]


def _fd_kinds(pid: int) -> dict[str, int]:
    """What the daemon's open descriptors point at: db, wal, shm, socket, pipe, other."""
    kinds: dict[str, int] = {}
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir() if fd_dir.exists() else []:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        kind = ("socket" if target.startswith("socket:") else "pipe" if target.startswith("pipe:")
                else "wal" if target.endswith("-wal") else "shm" if target.endswith("-shm")
                else "db" if target.endswith(".db") else "lock" if target.endswith(".lock")
                else "other")
        kinds[kind] = kinds.get(kind, 0) + 1
    return dict(sorted(kinds.items()))


def _status(p: psutil.Process) -> str:
    try:
        return str(p.status())
    except psutil.NoSuchProcess:
        return "gone"


def run(cycles: int = 200, *, every: int = 40, workdir: Path | None = None) -> dict[str, Any]:
    """Run the soak; return its figures (see the module docstring)."""
    tmp = Path(workdir or tempfile.mkdtemp(prefix="stationwatch-soak-"))
    with LoopbackWeb(auto_etag=True) as site:
        feeds: dict[str, list[dict[str, str]]] = {name: [] for name in SOURCES}
        # One story without a figure, so the first cycle (which never alerts on an
        # empty store) is behind us before the first figure is published.
        site.put("/story/opening", article_page("Inquiry into police stations", OPENING))
        feeds[SOURCES[0]].append({"title": "Inquiry", "link": site.url("/story/opening"),
                                  "id": "/story/opening", "date": format_datetime(datetime.now(UTC))})
        for name in SOURCES:
            _feed(site, name, feeds[name])
        sources = [Source(n, site.url(f"/{n}.xml"), lang="en", interval=f"{INTERVAL:g}s") for n in SOURCES]
        hook = site.put("/hook", "ok", "text/plain")
        alerts = f'max_age = "3650d"\n\n[alerts.slack]\nenabled = true\nwebhook_url = "{hook}"\n'
        cfg = write_config(tmp / "config.toml", FAST_DRAIN + alerts, sources=sources)
        daemon = Daemon(cfg).start()
        try:
            return _watch(site, daemon, feeds, cycles, every)
        finally:
            if daemon.alive():
                daemon.stop(15)


def _cycles(site: LoopbackWeb) -> int:
    return sum(site.count(f"/{n}.xml") for n in SOURCES)


def _watch(site: LoopbackWeb, daemon: Daemon, feeds: dict[str, list[dict[str, str]]],
           cycles: int, every: int) -> dict[str, Any]:
    assert daemon.proc is not None
    proc = psutil.Process(daemon.proc.pid)
    log_path = daemon.log_path
    started = time.monotonic()
    warmup = min(10, cycles // 4)
    deadline = started + 30 + cycles * 10
    baseline: dict[str, Any] | None = None
    idle: dict[str, Any] | None = None
    fds_trace: list[int] = []  # idle fds every 25 cycles
    zombie_since: dict[int, float] = {}
    lingering: set[int] = set()
    max_children = 0
    samples = 0
    published: list[tuple[int, float]] = []  # (figure, time)
    picked: dict[int, float] = {}  # figure -> when its article was in the store
    db = log_path.parent / "store.db"
    next_figure_at = warmup + every // 2
    figure = 100
    while _cycles(site) < cycles:
        if not daemon.alive():
            raise RuntimeError(f"daemon exited with {daemon.proc.returncode}; see {log_path}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {_cycles(site)} cycles before the deadline; see {log_path}")
        done = _cycles(site)
        _note_pickups(db, published, picked)
        snap = _sample(proc)
        samples += 1
        _track_zombies(proc, zombie_since, lingering)
        max_children = max(max_children, snap["children"])
        if snap["children"] == 0:  # between crawls: no child's output files open
            if baseline is None and done >= warmup:
                baseline = snap
            elif baseline is not None:
                idle = snap
            if baseline is not None and done >= 25 * (len(fds_trace) + 1):
                fds_trace.append(snap["fds"])
        if done >= next_figure_at and baseline is not None:
            figure += 7
            name = SOURCES[len(published) % len(SOURCES)]
            path = f"/story/{figure}"
            now = datetime.now(UTC)
            site.put(path, article_page(f"{figure} stations counted", [p.format(n=figure, c=53) for p in FIGURES],
                                        published=now.isoformat()))
            feeds[name].append({"title": f"{figure} stations", "link": site.url(path), "id": path,
                                "date": format_datetime(now)})
            _feed(site, name, feeds[name])
            published.append((figure, time.time()))
            next_figure_at += every
        time.sleep(0.2)
    # Let the last alert, if any, arrive (bounded), then measure.
    bound = INTERVAL + JITTER + 5.0
    end_wait = time.monotonic() + bound + 5
    while published and time.monotonic() < end_wait and len(site.posted("/hook")) < len(published):
        time.sleep(0.2)
    _note_pickups(db, published, picked)
    last = _sample(proc)
    end = idle or last
    fd_kinds = _fd_kinds(proc.pid)
    elapsed = time.monotonic() - started
    latencies = _latencies(site, published)
    code, stop_took = daemon.stop(15)
    assert baseline is not None
    return {
        "cycles": _cycles(site),
        "elapsed_s": round(elapsed, 1),
        "rss_start_mb": round(baseline["rss_mb"], 1),
        "rss_end_mb": round(end["rss_mb"], 1),
        "rss_growth_mb": round(end["rss_mb"] - baseline["rss_mb"], 2),
        "fds_start": baseline["fds"],
        "fds_end": end["fds"],
        "threads_start": baseline["threads"],
        "threads_end": end["threads"],
        "max_children": max_children,
        "fds_trace": fds_trace,
        "fd_kinds_end": fd_kinds,
        "zombies_lingering": len(lingering),
        "zombies_end": last["zombies"],
        "children_end": last["children"],
        "samples": samples,
        "figures_published": len(published),
        "slack_posts": len(site.posted("/hook")),
        "pickup_latency_s": [round(picked[f] - at, 2) if f in picked else None for f, at in published],
        "alert_latency_s": latencies,
        "alert_latency_bound_s": bound,
        "stop_exit": code,
        "stop_s": round(stop_took, 2),
        "log": str(log_path),
    }


def _note_pickups(db: Path, published: list[tuple[int, float]], picked: dict[int, float]) -> None:
    """Record when each published story's article first shows up in the store."""
    waiting = [f for f, _ in published if f not in picked]
    if not waiting:
        return
    stored = {r[0].rsplit("/", 1)[-1] for r in query(db, "SELECT url FROM article", missing_ok=True)}
    now = time.time()
    for figure in waiting:
        if str(figure) in stored:
            picked[figure] = now


def _latencies(site: LoopbackWeb, published: list[tuple[int, float]]) -> list[float | None]:
    posts = []
    for at, body in site.posted("/hook"):
        try:  # the fallback text carries the new figure (the blocks also name the one it beats)
            posts.append((at, str(json.loads(body).get("text", ""))))
        except ValueError:
            continue
    out: list[float | None] = []
    for figure, at in published:
        hit = next((p_at for p_at, text in posts if re.search(rf"\b{figure}\b", text) and p_at >= at), None)
        out.append(round(hit - at, 2) if hit is not None else None)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak")
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--every", type=int, default=40, help="publish a new figure every N cycles")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.cycles, every=args.every)
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for key, value in result.items():
            sys.stdout.write(f"{key:24} {value}\n")
    ok = (result["rss_growth_mb"] < 10 and result["zombies_lingering"] == 0
          and result["fds_end"] <= result["fds_start"] + 2 and result["stop_exit"] == 0)
    lat = [x for x in result["alert_latency_s"] if x is not None]
    if result["figures_published"] and len(lat) == result["figures_published"]:
        ok = ok and max(lat) <= result["alert_latency_bound_s"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
