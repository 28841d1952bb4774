"""The dashboard on a large store: server time of ``/``, ``/stories?q=`` and ``/api/counts``.

``python -m bench.bench_web [--articles 100000] [--reps 20]`` builds a store with
``bench.store`` (the responsiveness stage's builder), serves it with
``stationwatch serve``'s own server (``scheduler.web.server.start_in_thread``,
read-only) and asks each route ``reps`` times after two warm-up requests. The
figure is the median ``Server-Timing`` the app reports (time until the answer
starts: queries and rendering); the note adds the round trip seen by the client.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.report import Row

ROUTES = (
    ("/", "`/` (figures, every claim charted)"),
    ("/stories?q=words", "`/stories?q=words` (search matching every on-topic article)"),
    ("/stories?q=%EB%B9%84%EB%B0%80%EA%B2%BD%EC%B0%B0%EC%84%9C", "`/stories?q=비밀경찰서` (search, Korean, no match)"),
    ("/api/counts", "`/api/counts`"),
)
TARGET_MS = 150.0


def _get(url: str) -> tuple[float, float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310 — loopback only
        body = answer.read()
        timing = answer.headers.get("Server-Timing", "")
    wall = (time.perf_counter() - started) * 1000
    server = float(timing.split("dur=")[1]) if "dur=" in timing else wall
    return server, wall, len(body)


def measure(db: Path, reps: int) -> dict[str, dict[str, Any]]:
    from scheduler.config import load_config
    from scheduler.web.server import start_in_thread

    config = db.parent / "config.toml"
    config.write_text(f'[storage]\nurl = "sqlite:///{db.name}"\n', encoding="utf-8")
    handle = start_in_thread(load_config(config), port=0)
    try:
        out: dict[str, dict[str, Any]] = {}
        for path, _ in ROUTES:
            url = handle.url.rstrip("/") + path
            for _ in range(2):
                _get(url)
            samples = [_get(url) for _ in range(reps)]
            servers = [s for s, _, _ in samples]
            out[path] = {"server_ms": statistics.median(servers), "p95_ms": sorted(servers)[int(0.95 * (reps - 1))],
                         "wall_ms": statistics.median(w for _, w, _ in samples), "bytes": samples[-1][2]}
        return out
    finally:
        handle.stop()


def rows(db: Path, articles: int, reps: int, built: dict[str, int]) -> list[Row]:
    times = measure(db, reps)
    out = []
    for path, figure in ROUTES:
        t = times[path]
        out.append(Row("dashboard", f"{figure} on {articles:,} articles (median server time)", t["server_ms"], "ms",
                       target=f"<= {TARGET_MS:.0f} ms", target_op="<=", target_value=TARGET_MS, target_on="value",
                       command=f"python -m bench.bench_web --articles {articles}",
                       note=f"{reps} requests after 2 warm-up; p95 {t['p95_ms']:.0f} ms; round trip {t['wall_ms']:.0f} ms; "
                            f"{t['bytes'] / 1024:.0f} KB; store {built}"))
    return out


def stage_dashboard(ctx: Any) -> list[Row]:
    from bench.store import build_store

    d = ctx.work / "dashboard"
    d.mkdir(parents=True, exist_ok=True)
    n = ctx.size.store_articles
    built = build_store(d / "store.db", n)
    return rows(d / "store.db", n, max(ctx.size.reps * 2, 5), built)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_web", description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--reps", type=int, default=20)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s")
    from bench.store import build_store

    with tempfile.TemporaryDirectory(prefix="sw-bench-web-") as tmp:
        db = Path(tmp) / "store.db"
        built = build_store(db, args.articles)
        for row in rows(db, args.articles, args.reps, built):
            sys.stdout.write(f"| {row.figure} | {row.value:.1f} ms | {row.target} | {row.note} |\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
