"""Stages that run stationwatch (through its CLI) and the peer, rss2email."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from bench import pipeline
from bench.context import Ctx
from bench.measure import REPO
from bench.peer import Peer, PeerMissing
from bench.pipeline import Cycle, write_config
from bench.report import Row, skipped

RUN = "python -m bench"
MB = 2**20

FULL_FIGS = [("throughput, both cores", ">= 1.5 x floor A"), ("throughput, one core", ">= 0.8 x floor A"),
             ("peak RSS of the crawl", "<= 400 MB")]
QUIET_FIGS = [("304 share", ">= 99 %"), ("bytes vs full cycle", "<= 5 %"),
              ("request rate", ">= 0.5 x floor B")]


def _fresh_dir(ctx: Ctx, name: str) -> Path:
    d = ctx.work / name
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    return d


def copy_store(src: Path, dst: Path) -> None:
    """Copy a SQLite store with its WAL files, if any."""
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{src}{suffix}").exists():
            shutil.copy(f"{src}{suffix}", f"{dst}{suffix}")


def _cycle_rows(ctx: Ctx, label: str, cyc: Cycle, target: float, expected: int | None = None) -> list[Row]:
    m = cyc.measured
    fig = f"full cycle: throughput, {label}"
    if not cyc.ok:
        return [skipped("full cycle", fig, f"crawl exited {m.returncode}: {m.tail(300)}", command=cyc.command)]
    expected = expected or ctx.web.spec.articles
    stored = cyc.articles or 0
    fa = ctx.floor_a.pages_per_s if ctx.floor_a else None
    return [Row("full cycle", fig, stored / m.wall, "articles/s", floor=fa, floor_name="pages/s (floor A)",
                target=f">= {target} x floor A", target_op=">=", target_value=target, command=cyc.command,
                note=f"{stored}/{expected} articles stored, {cyc.stories} stories, wall {m.wall:.1f} s, "
                     f"CPU {m.cpu:.1f} s, {cyc.server.get('requests', 0)} requests")]


def stage_full(ctx: Ctx) -> list[Row]:
    if ctx.cli_reason:
        return [skipped("full cycle", f"full cycle: {f}", ctx.cli_reason, target=t) for f, t in FULL_FIGS]
    web = ctx.web
    rows: list[Row] = []
    d = _fresh_dir(ctx, "full-2core")
    # the soak's interval, so that the sources this cycle leaves behind are due again in the soak
    cfg = write_config(d / "config.toml", web.feed_urls(), concurrency=ctx.size.concurrency,
                       interval=ctx.size.soak_interval)
    ctx.full = full = pipeline.crawl(cfg, reset=web.reset, stats=web.stats)
    rows += _cycle_rows(ctx, "both cores", full, 1.5)
    if ctx.size.one_core:
        # half the feeds keep the run inside its time budget; throughput does not depend on it much
        half = web.feed_urls()[: max(1, web.spec.feeds // 2)]
        d1 = _fresh_dir(ctx, "full-1core")
        cfg1 = write_config(d1 / "config.toml", half, concurrency=ctx.size.concurrency)
        one = pipeline.crawl(cfg1, reset=web.reset, stats=web.stats, cpus={0})
        rows += _cycle_rows(ctx, "one core", one, 0.8, expected=len(half) * web.spec.items)
    else:
        rows.append(skipped("full cycle", "full cycle: throughput, one core", f"not run at {ctx.size.name} size",
                            target=">= 0.8 x floor A"))
    if full.ok:
        m = full.measured
        rows.append(Row("memory", "peak RSS of the crawl (largest process)", m.peak_rss / MB, "MB",
                        target="<= 400 MB", target_op="<=", target_value=400, target_on="value",
                        command=full.command, note=f"whole process tree peak {m.peak_rss_tree / MB:.0f} MB RSS "
                                                  f"summed, {m.peak_pss_tree / MB:.0f} MB PSS (pages the crawl "
                                                  f"processes share with their fork server counted once)"))
    return rows


def stage_quiet(ctx: Ctx) -> list[Row]:
    if ctx.cli_reason or ctx.full is None or not ctx.full.ok:
        reason = ctx.cli_reason or "the full cycle did not run"
        return [skipped("quiet cycle", f"quiet cycle: {f}", reason, target=t) for f, t in QUIET_FIGS]
    web = ctx.web
    d = _fresh_dir(ctx, "quiet")
    copy_store(ctx.full.db, d / "store.db")
    cfg = write_config(d / "config.toml", web.feed_urls(extra=True), concurrency=ctx.size.concurrency)
    prime = pipeline.crawl(cfg, reset=web.reset, stats=web.stats)
    ctx.quiet = q = pipeline.crawl(cfg, reset=web.reset, stats=web.stats)
    if not q.ok:
        return [skipped("quiet cycle", f"quiet cycle: {f}", f"crawl exited {q.measured.returncode}: "
                        f"{q.measured.tail(300)}", target=t) for f, t in QUIET_FIGS]
    reqs = q.server.get("requests", 0)
    share = 100 * q.server.get("status_304", 0) / max(reqs, 1)
    full_bytes = ctx.full.server.get("bytes", 0)
    byte_pct = 100 * q.server.get("bytes", 0) / max(full_bytes, 1)
    rate = reqs / q.measured.wall
    fb = float(ctx.floor_b["req_per_s"]) if ctx.floor_b else None
    note = (f"{web.spec.total_feeds} feeds, {reqs} requests, wall {q.measured.wall:.1f} s, CPU {q.measured.cpu:.1f} s; "
            f"priming cycle over the new feeds: {prime.measured.wall:.1f} s, {prime.server.get('requests', 0)} requests "
            f"of which {prime.server.get('req_article', 0)} for pages already stored")
    return [
        Row("quiet cycle", "quiet cycle: 304 share", share, "%", target=">= 99 %", target_op=">=", target_value=99,
            target_on="value", command=q.command, note=note),
        Row("quiet cycle", "quiet cycle: bytes vs full cycle", byte_pct, "%", target="<= 5 %", target_op="<=",
            target_value=5, target_on="value", command=q.command,
            note=f"{q.server.get('bytes', 0):,} vs {full_bytes:,} bytes"),
        Row("quiet cycle", "quiet cycle: request rate", rate, "req/s", floor=fb, floor_name="req/s (floor B)",
            target=">= 0.5 x floor B", target_op=">=", target_value=0.5, command=q.command),
    ]


def stage_peer(ctx: Ctx) -> list[Row]:
    web = ctx.web
    try:
        peer = Peer(_fresh_dir(ctx, "r2e"), ctx.sink, install=ctx.size.name != "tiny")
    except PeerMissing as exc:
        return [skipped("peer", "r2e full and quiet cycles", str(exc))]
    peer.set_feeds(web.feed_urls())
    web.reset()
    full = peer.run("full")
    web.reset()
    peer.set_feeds(web.feed_urls(extra=True))
    peer.run("prime", send=False)
    web.reset()
    quiet = peer.run("quiet")
    qstats = web.reset()
    rows = [
        Row("peer", "r2e full cycle: wall", full.measured.wall, "s", command=full.command,
            note=f"CPU {full.measured.cpu:.1f} s, {full.messages} messages, rc {full.measured.returncode}"),
        Row("peer", "r2e quiet cycle: wall", quiet.measured.wall, "s", command=quiet.command,
            note=f"CPU {quiet.measured.cpu:.2f} s, {qstats.get('status_304', 0)}/{qstats.get('requests', 0)} "
                 f"answered 304, rc {quiet.measured.returncode}"),
    ]
    for label, peer_run, mine in (("full", full, ctx.full), ("quiet", quiet, ctx.quiet)):
        for what in ("wall", "CPU"):
            fig = f"{label} cycle {what}: stationwatch vs r2e"
            if mine is None or not mine.ok:
                rows.append(skipped("peer", fig, ctx.cli_reason or f"stationwatch {label} cycle did not run",
                                    target="< 1.0 x r2e"))
                continue
            ours = mine.measured.wall if what == "wall" else mine.measured.cpu
            theirs = peer_run.measured.wall if what == "wall" else peer_run.measured.cpu
            rows.append(Row("peer", fig, ours, "s", floor=theirs, floor_name="s (r2e)", target="< 1.0 x r2e",
                            target_op="<=", target_value=1.0, command=mine.command))
    return rows


def stage_responsiveness(ctx: Ctx) -> list[Row]:
    figs = ("status", "status --json", "counts --json")
    target = "<= 1.3 x import sqlmodel"
    n = ctx.size.store_articles
    if ctx.cli_reason:
        return [skipped("responsiveness", f"`{f}` on {n:,} articles", ctx.cli_reason, target=target) for f in figs]
    from bench.store import build_store

    d = _fresh_dir(ctx, "responsiveness")
    built = build_store(d / "store.db", n)
    cfg = write_config(d / "config.toml", ctx.web.feed_urls())
    times = pipeline.timed_cli(cfg, ctx.size.reps)
    base = float(times["import sqlmodel"]["median"])
    rows = []
    for f in figs:
        t = times[f]
        cmd = " ".join(["python -m scheduler --config config.toml", f])
        if t["returncode"]:
            rows.append(skipped("responsiveness", f"`{f}` on {n:,} articles",
                                f"exited {t['returncode']}: {str(t['error'])[-300:]}", target=target, command=cmd))
            continue
        rows.append(Row("responsiveness", f"`{f}` on {n:,} articles (median)", float(t["median"]) * 1000, "ms",
                        floor=base * 1000, floor_name="ms (import sqlmodel)", target=target, target_op="<=",
                        target_value=1.3, command=cmd,
                        note=f"{t['runs']} runs interleaved with the baseline; mean {float(t['mean']) * 1000:.0f} ms "
                             f"(baseline {float(times['import sqlmodel']['mean']) * 1000:.0f}), "
                             f"sd {float(t['stdev']) * 1000:.0f} ms; store {built}"))
    return rows


DEDUPE_SIZES: dict[str, tuple[int, ...]] = {"full": (100_000, 1_000_000), "quick": (), "tiny": ()}
DEDUPE_TARGET_MS = {100_000: 2.0, 1_000_000: 5.0}


def stage_dedupe(ctx: Ctx) -> list[Row]:
    """Hook: ``bench.bench_dedupe.run`` (the dedupe helper's), called with the keywords it accepts."""
    import importlib
    import inspect

    figure = "dedupe lookup at 100,000 and 1,000,000 articles"
    sizes = DEDUPE_SIZES[ctx.size.name]
    if not sizes:
        return [skipped("dedupe", figure, f"not run at {ctx.size.name} size (python -m bench.bench_dedupe)")]
    try:
        mod = importlib.import_module("bench.bench_dedupe")
    except ImportError as exc:
        return [skipped("dedupe", figure, f"bench/bench_dedupe.py not importable ({exc})")]
    offered = {"sizes": sizes, "quick": ctx.size.name != "full", "tiny": ctx.size.name == "tiny",
               "out": ctx.out, "workdir": ctx.work / "dedupe", "size": ctx.size.name}
    params = inspect.signature(mod.run).parameters
    result = mod.run(**{k: v for k, v in offered.items() if k in params})
    if isinstance(result, dict) and not {"figure", "value"} <= result.keys():
        return _dedupe_rows(result)
    return [_as_row(r) for r in (result if isinstance(result, list) else [result])]


def _dedupe_rows(result: dict[str, Any]) -> list[Row]:
    """Rows from ``{size: figures, "signature_1000_words": {...}}`` (bench_dedupe.run's shape)."""
    rows = []
    cmd = "python -m bench.bench_dedupe --sizes"
    for key, fig in result.items():
        if not key.isdigit() or not isinstance(fig, dict):
            continue
        n = int(key)
        target = DEDUPE_TARGET_MS.get(n)
        rows.append(Row("dedupe", f"dedupe lookup (match_story) median at {n:,} articles",
                        fig.get("lookup_median_ms"), "ms", target=f"< {target:g} ms" if target else "",
                        target_op="<=" if target else "", target_value=target, target_on="value",
                        command=f"{cmd} {n}",
                        note=f"p95 {fig.get('lookup_p95_ms')} ms, in a fresh session {fig.get('lookup_in_session_median_ms')} ms; "
                             f"near copies found {fig.get('near_found')}/{fig.get('near_found', 0) + fig.get('near_missed', 0)}, "
                             f"false matches {fig.get('false_matches')}; RSS {fig.get('rss_mb_end')} MB; "
                             f"DB {fig.get('db_mb')} MB built in {fig.get('build_s')} s"))
    sig = result.get("signature_1000_words")
    if isinstance(sig, dict) and "numpy_ms" in sig:
        rows.append(Row("dedupe", "MinHash signature of a 1,000-word article", sig["numpy_ms"], "ms",
                        floor=sig.get("datasketch_ms"), floor_name="ms (datasketch)",
                        command="python -m bench.bench_dedupe"))
    return rows


def _as_row(r: object) -> Row:
    if isinstance(r, Row):
        return r
    if isinstance(r, dict):
        known = {k: r[k] for k in ("figure", "value", "unit", "floor", "floor_name", "ratio", "target",
                                   "target_op", "target_value", "target_on", "command", "note", "skipped")
                 if k in r}
        known.setdefault("figure", "dedupe")
        return Row(stage=str(r.get("stage", "dedupe")), **known)
    return Row("dedupe", "dedupe", note=str(r))


def git_rev() -> str:
    p = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                       check=False)
    return p.stdout.strip() or "unknown"
