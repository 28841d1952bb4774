"""One crawl cycle split over several processes, to use every CPU.

Scrapy runs its pipelines (trafilatura, the claims) on one core, so a cycle
over many sources is split into groups, one ``python -m scheduler.cycle``
child per group (the daemon's ``ChildRunner``), all at once. The parent
decides once whether this cycle may alert (the first crawl of an empty store
does not), so the children agree however their writes interleave; SQLite's
write lock and busy timeout serialise their transactions.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from crawler.config import SourceConfig
from crawler.context import SourceResult
from scheduler.child import ChildResult, ChildRunner
from scheduler.config import LoadedConfig
from scheduler.cycle import CycleSummary
from storage.engine import make_engine, read_session, write_session
from storage.models import utcnow
from storage.schema import ensure_schema
from storage.sources import record_fetch
from storage.stats import store_is_empty

log = logging.getLogger(__name__)

# A manual `crawl` has no daemon deadline; this only stops a wedged child.
TIME_LIMIT_SECONDS = 6 * 3600.0


def split(sources: Sequence[SourceConfig], groups: int) -> list[list[SourceConfig]]:
    """Round-robin, so that each group gets a share of every kind."""
    ordered = sorted(sources, key=lambda s: (s.kind, s.name))
    parts: list[list[SourceConfig]] = [[] for _ in range(max(1, min(groups, len(ordered))))]
    for i, source in enumerate(ordered):
        parts[i % len(parts)].append(source)
    return [p for p in parts if p]


def _result(raw: dict[str, object]) -> SourceResult:
    fields = {k: raw[k] for k in SourceResult.__slots__ if k in raw}  # type: ignore[attr-defined]
    return SourceResult(**fields)  # type: ignore[arg-type]


def run_split(cfg: LoadedConfig, sources: Sequence[SourceConfig], processes: int) -> CycleSummary:
    engine = make_engine(cfg.database_url)
    ensure_schema(engine)
    with read_session(engine) as session:
        alert = cfg.app.alerts.on_first_crawl or not store_is_empty(session)
    started = utcnow()
    groups = split(sources, processes)
    log.info("crawling %d sources in %d processes", len(sources), len(groups))
    runner = ChildRunner(cfg.path, extra_args=["--alerts", "on" if alert else "off"])
    results: list[ChildResult | None] = [None] * len(groups)

    def work(i: int) -> None:
        results[i] = runner.run([s.name for s in groups[i]], time_limit=TIME_LIMIT_SECONDS)

    threads = [threading.Thread(target=work, args=(i,), name=f"crawl-{i}") for i in range(len(groups))]
    for t in threads:
        t.start()
    try:
        for t in threads:
            t.join()
    except KeyboardInterrupt:
        runner.stop_all()
        for t in threads:
            t.join()
        raise
    summary = CycleSummary(started=started, finished=utcnow())
    failed: list[tuple[SourceConfig, str]] = []
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
            failed.append((source, error))
    if failed:
        _record_failures(cfg, engine, failed, started)
    engine.dispose()
    return summary


def _record_failures(cfg: LoadedConfig, engine, failed, started) -> None:  # type: ignore[no-untyped-def]
    """Sources whose child died before recording them: failed, due again next cycle."""
    with write_session(engine) as session:
        for source, error in failed:
            record_fetch(
                session,
                name=source.name,
                kind=source.kind,
                url=source.url_str,
                now=started,
                result="failed",
                new=0,
                error=error,
                next_due=started + (source.interval or cfg.app.crawl.interval),
            )
