"""``python -m bench [--quick|--tiny] [--out bench/out] [--only STAGE,...]``: run the benchmarks.

Every stage runs in this order, shares one news web server and one SMTP
sink, and adds rows to one table (bench/out/report.md and report.json).
A stage that cannot run yet (no stationwatch CLI, no analysis module)
reports "skipped: <reason>"; a stage that fails reports the failure and the
others go on.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import bench_evidence, bench_web, pipeline, stages_daemon, stages_sw, stages_web
from bench.context import FULL, QUICK, TINY, Ctx
from bench.newsweb import NewsWeb
from bench.peer import SmtpSink
from bench.report import Row, machine, now_iso, write_report
from bench.webgen import WebSpec

log = logging.getLogger("bench")

STAGES: list[tuple[str, Callable[[Ctx], list[Row]]]] = [
    ("server", stages_web.stage_server),
    ("floors", stages_web.stage_floors),
    ("claims", stages_web.stage_claims),
    ("evidence", bench_evidence.stage_evidence),
    ("full", stages_sw.stage_full),
    ("quiet", stages_sw.stage_quiet),
    ("peer", stages_sw.stage_peer),
    ("responsiveness", stages_sw.stage_responsiveness),
    ("warm", stages_daemon.stage_warm),
    ("soak", stages_daemon.stage_soak),
    ("dedupe", stages_sw.stage_dedupe),
    ("dashboard", bench_web.stage_dashboard),
]


def _args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    size = ap.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="a small web; under a minute")
    size.add_argument("--tiny", action="store_true", help="a few feeds and items; for the smoke test")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out", help="report folder")
    ap.add_argument("--only", default="", help="comma-separated stages: " + ",".join(n for n, _ in STAGES))
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--keep", action="store_true", help="keep the work folder (stores, configs, logs)")
    ap.add_argument("-v", "--verbose", action="store_true")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    for noisy in ("mail.log", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    size = TINY if args.tiny else QUICK if args.quick else FULL
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = only - {n for n, _ in STAGES}
    if unknown:
        print(f"python -m bench: unknown stage(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    started, t0 = now_iso(), time.perf_counter()
    mach = machine()
    spec = WebSpec(seed=args.seed, feeds=size.feeds, items=size.items, extra_feeds=size.extra_feeds,
                   extra_items=size.extra_items, sites=size.sites, base_time=int(time.time()) // 3600 * 3600)
    work = Path(tempfile.mkdtemp(prefix="sw-bench-"))
    rows: list[Row] = []
    notes: list[str] = []
    try:
        with NewsWeb(spec) as web, SmtpSink() as sink:
            ctx = Ctx(size, args.out, work, web, sink)
            needs_cli = {"full", "quiet", "peer", "responsiveness", "warm", "soak"}
            if not only or only & needs_cli:
                ctx.cli_reason = pipeline.cli_missing()
                if ctx.cli_reason:
                    notes.append(f"stationwatch stages skipped: {ctx.cli_reason}")
            for name, stage in STAGES:
                if only and name not in only:
                    continue
                log.info("stage %s", name)
                s0 = time.perf_counter()
                try:
                    rows += stage(ctx)
                except Exception as exc:  # noqa: BLE001 — stage boundary: recorded in the report, run goes on
                    log.exception("stage %s failed", name)
                    rows.append(Row(name, f"stage {name}", skipped=f"failed: {type(exc).__name__}: {exc}"))
                log.info("stage %s took %.1f s", name, time.perf_counter() - s0)
            notes += ctx.notes
    finally:
        if args.keep:
            notes.append(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    for row in rows:
        row.command = row.command.replace(str(work), "$WORK")
        row.note = row.note.replace(str(work), "$WORK")
    cmd = "python -m bench" + (" --tiny" if args.tiny else " --quick" if args.quick else "")
    if only:
        cmd += f" --only {','.join(sorted(only))}"
    meta = {"started": started, "seconds": time.perf_counter() - t0, "size": size.name, "command": cmd,
            "machine": mach, "revision": stages_sw.git_rev(), "notes": notes,
            "web": (f"{spec.feeds} feeds x {spec.items} items ({spec.articles} articles, "
                    f"{spec.extra_feeds} more feeds of {spec.extra_items} known items for the quiet cycle) "
                    f"on {spec.sites} sites, seed {spec.seed}, pages {spec.min_page_kb}-{spec.max_page_kb} KB, "
                    f"{spec.topic_share:.0%} on topic, {spec.syndicated_share:.0%} syndicated copies")}
    md, _ = write_report(args.out, rows, meta)
    print(md.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
