"""``stationwatch crawl [--source NAME]...``: one cycle now, then one delivery pass."""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Sequence

from scheduler.commands.output import table
from scheduler.config import LoadedConfig
from scheduler.cycle import CycleSummary, UnknownSource, run_cycle

log = logging.getLogger(__name__)


def _deliver(cfg: LoadedConfig) -> str:
    try:
        drain_mod = importlib.import_module("scheduler.alerting.drain")
    except ModuleNotFoundError:
        return "alert delivery is not available in this build yet"
    from storage.engine import make_engine

    engine = make_engine(cfg.database_url)
    try:
        result = drain_mod.drain(engine, cfg.app.alerts)
    finally:
        engine.dispose()
    return str(result)


def print_summary(summary: CycleSummary, stream=sys.stdout) -> None:  # type: ignore[no-untyped-def]
    rows = []
    totals = [0, 0, 0, 0, 0]
    for name, r in summary.sources.items():
        counts = [r.fetched, r.new, r.duplicate, r.irrelevant, r.failed]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        result = r.result if not r.error else f"{r.result}: {r.error}"
        rows.append([name, *counts, result])
    rows.append(["total", *totals, ""])
    table(["source", "fetched", "new", "duplicate", "irrelevant", "failed", "result"], rows, stream)


def run_crawl(cfg: LoadedConfig, sources: Sequence[str] | None) -> int:
    try:
        summary = run_cycle(cfg, sources)
    except UnknownSource as exc:
        print(f"stationwatch: {exc}", file=sys.stderr)
        return 2
    print_summary(summary)
    delivered = _deliver(cfg)
    print(f"alerts: {delivered}")
    return 0
