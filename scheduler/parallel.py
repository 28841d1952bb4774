"""One crawl cycle split over several processes, to use every CPU.

Scrapy runs its pipelines (trafilatura, the claims) on one core, so a cycle
over many sources is split into groups, one crawl child per group, all at
once, forked from one warm fork server (``scheduler.warm``), so the imports
are paid once. Each child follows the first-crawl rule per source, which the
store keeps per source, so the children agree however their writes
interleave; SQLite's write lock and busy timeout serialise their
transactions. A SIGTERM, SIGHUP or Ctrl-C stops every child before ``crawl``
exits, and a child dies with the fork server if ``crawl`` is killed outright.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import Any

from crawler.config import SourceConfig
from crawler.context import SourceResult
from scheduler.child import ChildResult
from scheduler.config import LoadedConfig
from scheduler.cycle import CycleSummary, outcome, record_outcomes_of
from scheduler.warm import WarmPool
from storage.engine import make_engine
from storage.models import utcnow
from storage.schedule import Outcome
from storage.schema import ensure_schema

log = logging.getLogger(__name__)

# A manual `crawl` has no daemon deadline; this only stops a wedged child.
TIME_LIMIT_SECONDS = 6 * 3600.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


def split(sources: Sequence[SourceConfig], groups: int) -> list[list[SourceConfig]]:
    """Round-robin, so that each group gets a share of every kind."""
    ordered = sorted(sources, key=lambda s: (s.kind, s.name))
    parts: list[list[SourceConfig]] = [[] for _ in range(max(1, min(groups, len(ordered))))]
    for i, source in enumerate(ordered):
        parts[i % len(parts)].append(source)
    return [p for p in parts if p]


def _result(raw: dict[str, Any]) -> SourceResult:
    fields = {k: raw[k] for k in SourceResult.__slots__ if k in raw}
    return SourceResult(**fields)


class Interrupted(Exception):
    """SIGTERM, SIGHUP or SIGINT arrived during a split crawl; its children were stopped."""


@contextmanager
def _stop_on_signals(runner: WarmPool) -> Iterator[None]:
    """While the children run: SIGTERM, SIGHUP and SIGINT stop them all, then raise
    ``Interrupted`` (their default actions would end this process and leave them running)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: FrameType | None) -> None:
        runner.stop_all()
        raise Interrupted(f"stopped by {signal.Signals(signum).name}")

    previous = {sig: signal.signal(sig, handler) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run_split(cfg: LoadedConfig, sources: Sequence[SourceConfig], processes: int) -> CycleSummary:
    engine = make_engine(cfg.database_url)
    ensure_schema(engine)
    started = utcnow()
    groups = split(sources, processes)
    log.info("crawling %d sources in %d processes", len(sources), len(groups))
    runner = WarmPool(cfg)
    results: list[ChildResult | None] = [None] * len(groups)

    def work(i: int) -> None:
        results[i] = runner.run([s.name for s in groups[i]], time_limit=TIME_LIMIT_SECONDS)

    threads = [threading.Thread(target=work, args=(i,), name=f"crawl-{i}") for i in range(len(groups))]
    try:
        with _stop_on_signals(runner):
            runner.start()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    except (Interrupted, KeyboardInterrupt):
        runner.stop_all()
        for t in threads:
            if t.is_alive():
                t.join()
        raise
    finally:
        runner.close()
    summary = CycleSummary(started=started, finished=utcnow())
    failed: list[Outcome] = []
    for group, res in zip(groups, results, strict=True):
        for source in group:
            raw = res.sources.get(source.name) if res is not None else None
            if raw is not None:
                summary.sources[source.name] = _result(raw)
                continue
            error = (res.error if res is not None else None) or "crawl process gave no result"
            result = SourceResult()
            result.fail(error)
            summary.sources[source.name] = result
            failed.append(outcome(cfg, source, "failed", error=error))
    if failed:  # their children died before recording them: failed, due again (with back-off)
        record_outcomes_of(cfg, engine, failed, started)
    engine.dispose()
    return summary
