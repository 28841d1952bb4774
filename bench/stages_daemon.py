"""Stages that run the daemon (``stationwatch run``): its quiet cycle with warm crawl workers
against rss2email's, its memory, and the alert latency of a soak."""

from __future__ import annotations

import logging
import statistics
from typing import Any

from bench import pipeline
from bench.context import Ctx
from bench.daemon_watch import RunningDaemon, TreeWatch, tree_cpu
from bench.peer import Peer, PeerMissing
from bench.pipeline import SinkSettings, write_config
from bench.report import Row, skipped
from bench.stages_sw import _fresh_dir, copy_store

log = logging.getLogger(__name__)

WARM_INTERVAL = "15s"
WARM_CYCLES = 3


def stage_warm(ctx: Ctx) -> list[Row]:
    """The daemon on the quiet cycle's store and feeds: three steady cycles, timed and
    metered from outside, with rss2email's quiet run just before and just after."""
    figs = [("quiet cycle in the daemon: wall vs r2e", "< 1.0 x r2e"),
            ("quiet cycle in the daemon: CPU vs r2e", "< 1.0 x r2e"),
            ("idle daemon RSS", "<= 120 MB"), ("whole tree during a cycle", "<= 400 MB")]
    if ctx.size.name == "tiny":
        return [skipped("warm daemon", f, "not run at tiny size", target=t) for f, t in figs]
    if ctx.cli_reason or ctx.quiet is None or not ctx.quiet.ok:
        reason = ctx.cli_reason or "the quiet cycle did not run"
        return [skipped("warm daemon", f, reason, target=t) for f, t in figs]
    web = ctx.web
    peer: Peer | None = None
    if (ctx.work / "r2e" / "r2e.json").exists():  # the peer stage primed it: its next run is quiet
        try:
            peer = Peer(ctx.work / "r2e", ctx.sink, install=False)
        except PeerMissing as exc:
            ctx.notes.append(f"warm stage without the peer: {exc}")
    else:
        ctx.notes.append("warm stage without the peer: run the peer stage first")
    d = _fresh_dir(ctx, "warm")
    copy_store(ctx.quiet.db, d / "store.db")
    feeds = web.feed_urls(extra=True)
    cfg = write_config(d / "config.toml", feeds, interval=WARM_INTERVAL, concurrency=ctx.size.concurrency)
    r2e: list[Any] = []
    if peer is not None:
        web.reset()
        r2e.append(peer.run("quiet-before"))
    web.reset()
    daemon = RunningDaemon(pipeline.sw(cfg, "run"), d)
    watch = TreeWatch(daemon.proc.pid).start()
    try:
        daemon.wait_cycles(1, len(feeds), timeout=300)
        daemon.wait_idle()
        cpu0 = tree_cpu(daemon.proc.pid)
        done = daemon.wait_cycles(1 + WARM_CYCLES, len(feeds), timeout=60 + 40 * WARM_CYCLES)
        daemon.wait_idle()
        cpu1 = tree_cpu(daemon.proc.pid)
    finally:
        watch.stop()
        code = daemon.stop()
    stats = web.reset()
    if peer is not None:
        r2e.append(peer.run("quiet-after"))
    measured = done[1:1 + WARM_CYCLES]
    # the CPU window runs from the end of the first cycle to the end of the last measured one
    cpu = (cpu1 - cpu0) / WARM_CYCLES
    wall = statistics.median(c.wall for c in measured)
    cmd = pipeline.sw(cfg, "run")
    shown = " ".join(["python -m scheduler --config $WORK/warm/config.toml run"])
    note = (f"{len(feeds)} feeds every {WARM_INTERVAL}, {WARM_CYCLES} cycles after the first: walls "
            f"{', '.join(f'{c.wall:.2f}' for c in measured)} s, CPU {cpu:.2f} s per cycle (daemon, fork server "
            f"and crawls); {stats.get('requests', 0)} requests, {stats.get('status_304', 0)} answered 304; "
            f"exit {code}")
    rows: list[Row] = []
    if r2e:
        r_wall = statistics.fmean(r.measured.wall for r in r2e)
        r_cpu = statistics.fmean(r.measured.cpu for r in r2e)
        r_note = "; r2e before/after: " + ", ".join(f"{r.measured.wall:.2f} s wall, {r.measured.cpu:.2f} s CPU"
                                                   for r in r2e)
        rows += [
            Row("warm daemon", "quiet cycle in the daemon (warm workers) wall vs r2e", wall, "s", floor=r_wall,
                floor_name="s (r2e, mean)", target="< 1.0 x r2e", target_op="<=", target_value=1.0,
                command=shown, note=note + r_note),
            Row("warm daemon", "quiet cycle in the daemon (warm workers) CPU vs r2e", cpu, "s", floor=r_cpu,
                floor_name="s (r2e, mean)", target="< 1.0 x r2e", target_op="<=", target_value=1.0,
                command=shown, note=note + r_note),
        ]
    else:
        rows.append(Row("warm daemon", "quiet cycle in the daemon (warm workers)", wall, "s", command=shown,
                        note=note))
    idle = max(watch.idle_daemon_rss) if watch.idle_daemon_rss else None
    rows += [
        Row("warm daemon", "idle daemon RSS (daemon process, peak between cycles)", idle, "MB", target="<= 120 MB",
            target_op="<=", target_value=120, target_on="value", command=shown,
            note=f"fork server {watch.server_rss:.0f} MB RSS (the warm imports, shared with every crawl); "
                 f"{watch.samples} samples"),
        Row("warm daemon", "whole tree during a cycle (PSS: shared pages counted once)", watch.busy_pss_peak, "MB",
            target="<= 400 MB", target_op="<=", target_value=400, target_on="value", command=shown,
            note=f"sum of RSS {watch.tree_rss_peak:.0f} MB (each page a crawl shares with the fork server "
                 f"counted in both)"),
    ]
    log.info("warm stage: %s", cmd)
    return rows


def stage_soak(ctx: Ctx) -> list[Row]:
    """The daemon on the full store, 100 feeds every 10 s; figures published during it."""
    figs = [("idle daemon RSS", "<= 120 MB"), ("alert latency", "<= interval + 3 s"), ("exit on SIGTERM", "0")]
    if ctx.size.soak_seconds <= 0:
        return [skipped("daemon", f, f"not run at {ctx.size.name} size", target=t) for f, t in figs]
    if ctx.cli_reason or ctx.full is None or not ctx.full.ok:
        return [skipped("daemon", f, ctx.cli_reason or "the full cycle did not run", target=t) for f, t in figs]
    web = ctx.web
    d = _fresh_dir(ctx, "soak")
    copy_store(ctx.full.db, d / "store.db")
    interval = ctx.size.soak_interval
    cfg = write_config(d / "config.toml", web.feed_urls(), interval=interval,
                       concurrency=ctx.size.concurrency, email=SinkSettings(ctx.sink.port))
    secs = ctx.size.soak_seconds
    web.reset()
    publishes = [secs * k / 4 for k in (1, 2, 3)]
    s = pipeline.soak(cfg, seconds=secs, publish=lambda: web.publish(0), messages=lambda: ctx.sink.sink.messages,
                      publish_at=publishes, grace=0.0 if ctx.size.name == "quick" else 60.0)
    stats = web.reset()
    if s.exited_early:
        return [skipped("daemon", f, f"the daemon exited {s.returncode} after {s.seconds:.0f} s: {s.log_tail[-300:]}",
                        target=t, command=s.command) for f, t in figs]
    bound = float(interval.rstrip("s")) + 3.0
    note = (f"{secs:.0f} s soak, {web.spec.feeds} feeds every {interval}, {stats.get('requests', 0)} "
            f"requests ({stats.get('status_304', 0)} answered 304)")
    rows = [
        Row("daemon", "idle daemon RSS (daemon process, peak over the soak)", s.daemon_peak_rss / 2**20, "MB",
            target="<= 120 MB", target_op="<=", target_value=120, target_on="value", command=s.command,
            note=f"{note}; first {s.rss_first / 2**20:.0f} MB, last {s.daemon_last_rss / 2**20:.0f} MB, "
                 f"tree peak {s.tree_peak_pss / 2**20:.0f} MB PSS ({s.tree_peak_rss / 2**20:.0f} MB RSS summed)"),
    ]
    got = [x for x in s.latencies if x is not None]
    if s.latencies and len(got) == len(s.latencies):
        rows.append(Row("daemon", "alert latency: new figure published → email received (worst of "
                        f"{len(got)})", max(got), "s", target=f"<= {bound:g} s (interval + 3 s)", target_op="<=",
                        target_value=bound, target_on="value", command=s.command,
                        note=f"source interval {interval}; each: {', '.join(f'{x:.1f}' for x in got)} s"))
    else:
        rows.append(skipped("daemon", "alert latency", f"{len(got)} of {len(s.latencies)} figures emailed "
                            f"within the soak ({s.messages} messages); log: {s.log_tail[-300:]}", command=s.command))
    rows.append(Row("daemon", "exit status on SIGTERM", float(s.returncode if s.returncode is not None else -1), "",
                    target="0", target_op="<=", target_value=0, target_on="value", command=s.command))
    return rows
