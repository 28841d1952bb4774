"""``stationwatch crawl [--source NAME]...``: one cycle now, then one delivery pass."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from scheduler.commands import base
from scheduler.commands.output import table
from scheduler.commands.status import capped_note
from scheduler.config import LoadedConfig

if TYPE_CHECKING:  # Scrapy and the crawler load only when a crawl runs
    from scheduler.cycle import CycleSummary


class Command(base.Command):
    name = "crawl"
    help = "run one crawl cycle now, then deliver pending alerts"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--source", action="append", default=[], metavar="NAME",
                            help="only this source (repeatable)")

    def run(self, ctx: base.Context) -> int:
        return run_crawl(ctx.config, ctx.args.source or None)


def _deliver(cfg: LoadedConfig) -> str:
    from scheduler.alerting.drain import drain
    from storage.engine import make_engine

    engine = make_engine(cfg.database_url)
    try:
        result = drain(engine, cfg.app.alerts)
    finally:
        engine.dispose()
    return str(result)


def _with_live_progress(cfg: LoadedConfig, sources: Sequence[str] | None) -> CycleSummary:
    """On a terminal: a live line of responses and articles while the cycle runs."""
    from rich.console import Console
    from rich.progress import Progress as Bar
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    from crawler.progress import Progress
    from scheduler.cycle import run_cycle

    console = Console(stderr=True)
    with Bar(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("crawling", total=None)

        def update(p: Progress) -> None:
            bar.update(task, description=f"crawling: {p.responses} responses, {p.items} articles stored, {p.dropped} without text")

        return run_cycle(cfg, sources, progress=update)


def print_summary(summary: CycleSummary, stream: TextIO | None = None) -> None:
    stream = stream if stream is not None else sys.stdout
    rows: list[list[object]] = []
    totals = [0, 0, 0, 0, 0]
    for name, r in summary.sources.items():
        counts = [r.fetched, r.new, r.duplicate, r.irrelevant, r.failed]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        result = (r.result if not r.error else f"{r.result}: {r.error}") + capped_note(r.capped)
        rows.append([name, *counts, result])
    rows.append(["total", *totals, ""])
    table(["source", "fetched", "new", "duplicate", "irrelevant", "failed", "result"], rows, stream)


def run_crawl(cfg: LoadedConfig, sources: Sequence[str] | None) -> int:
    from scheduler.cycle import UnknownSource, choose_sources, run_cycle

    try:
        chosen = choose_sources(cfg, sources)
        processes = cfg.app.crawl.process_count()
        if processes > 1 and len(chosen) > 1:
            from scheduler.parallel import Interrupted, run_split

            try:
                if sys.stderr.isatty():
                    from rich.console import Console

                    groups = min(processes, len(chosen))
                    with Console(stderr=True).status(f"crawling {len(chosen)} sources in {groups} processes"):
                        summary = run_split(cfg, chosen, processes)
                else:
                    summary = run_split(cfg, chosen, processes)
            except Interrupted as exc:
                raise base.CommandError(f"{exc}: every crawl process was stopped; "
                                        "the sources not crawled stay due") from None
        elif sys.stderr.isatty():
            summary = _with_live_progress(cfg, sources)
        else:
            summary = run_cycle(cfg, sources)
    except UnknownSource as exc:
        print(f"stationwatch: {exc}", file=sys.stderr)
        return 2
    print_summary(summary)
    stopped = _store_failure(summary)
    if stopped:  # a crawl process met a store it could not write to: no delivery pass either
        print(f"stationwatch: {stopped}", file=sys.stderr)
        return 1
    delivered = _deliver(cfg)
    print(f"alerts: {delivered}")
    return 0


def _store_failure(summary: CycleSummary) -> str | None:
    """The store failure a crawl process stopped on (split crawls report it per source)."""
    from crawler.context import STORE_FAILED

    for result in summary.sources.values():
        error = result.error or ""
        if STORE_FAILED in error:
            return error[error.index(STORE_FAILED):]
    return None
