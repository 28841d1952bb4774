"""One crawl cycle: every chosen source once, through Scrapy, into the store.

Scrapy's reactor cannot restart, so a process runs at most one cycle: the
``crawl`` command runs it in its own process, the daemon in a child started
as ``python -m scheduler.cycle --config PATH [--source NAME]... --json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module
from typing import TYPE_CHECKING

import sqlalchemy as sa

from crawler.config import SourceConfig
from crawler.context import CrawlContext, SourceResult
from crawler.safety.redact import redact
from scheduler.backoff import backoff_delay
from scheduler.config import ConfigError, LoadedConfig, config_path, load_config
from scheduler.logs import quiet_libraries
from storage.engine import StorageError, disk_full_hint, make_engine, read_session, write_session
from storage.models import utcnow
from storage.novelty import AlertPolicy
from storage.schedule import Outcome, quiet_sources, record_outcomes
from storage.schema import ensure_schema

if TYPE_CHECKING:  # Scrapy loads only where a crawl runs, not in the daemon
    from crawler.progress import Progress

log = logging.getLogger(__name__)

SPIDERS = {
    "feed": "crawler.spiders.feed:FeedSpider",
    "page": "crawler.spiders.page:PageSpider",
    "sitemap": "crawler.spiders.sitemap:SitemapSpider",
}


@dataclass(slots=True)
class CycleSummary:
    started: datetime
    finished: datetime | None = None
    sources: dict[str, SourceResult] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "started": self.started.isoformat(),
            "finished": self.finished.isoformat() if self.finished else None,
            "sources": {name: r.to_dict() for name, r in self.sources.items()},
        }


class UnknownSource(ValueError):
    pass


def choose_sources(cfg: LoadedConfig, names: Sequence[str] | None) -> list[SourceConfig]:
    """The enabled sources, or exactly the named ones (enabled or not)."""
    if not names:
        return [s for s in cfg.app.sources if s.enabled]
    known = {s.name: s for s in cfg.app.sources}
    missing = [n for n in names if n not in known]
    if missing:
        raise UnknownSource(f"no source named {', '.join(missing)} in {cfg.path}")
    return [known[n] for n in dict.fromkeys(names)]


def _spider_class(kind: str) -> type:
    module, _, name = SPIDERS[kind].partition(":")
    spider: type = getattr(import_module(module), name)
    return spider


def run_cycle(
    cfg: LoadedConfig,
    source_names: Sequence[str] | None = None,
    *,
    now: datetime | None = None,
    progress: Callable[[Progress], None] | None = None,
    alert: bool | None = None,
) -> CycleSummary:
    """Crawl the chosen sources once in this process and record their state.

    ``alert``: None follows the first-crawl rule per source (``storage.schedule``);
    True or False decides for every source of the cycle.
    """
    from scrapy.crawler import CrawlerProcess

    from crawler.settings import scrapy_settings

    sources = choose_sources(cfg, source_names)
    now = now or utcnow()
    engine = make_engine(cfg.database_url)
    ensure_schema(engine)
    alerts = cfg.app.alerts
    if alert is None and not alerts.on_first_crawl:
        with read_session(engine) as session:
            quiet = quiet_sources(session, [s.name for s in sources])
    else:
        quiet = set() if alert is None or alert else {s.name for s in sources}
    if quiet:
        log.info("figures are recorded, not alerted, for %d source(s) in their first crawl", len(quiet))
    settings = scrapy_settings(cfg.app.crawl)
    settings["LOG_INSTALL_ROOT_HANDLER"] = False
    if cfg.app.evidence.archive:  # crawler.evidence: WARC records of what claims were read from
        settings["STATIONWATCH_EVIDENCE_DIR"] = str(cfg.evidence_dir)
        settings["STATIONWATCH_EVIDENCE_MAX_FILE_BYTES"] = cfg.app.evidence.max_file_bytes
    if progress is not None:
        settings["STATIONWATCH_PROGRESS"] = progress
        settings["EXTENSIONS"] = {"crawler.progress.ProgressExtension": 500}
    process = CrawlerProcess(settings=settings)
    quiet_libraries(debug=logging.getLogger().level <= logging.DEBUG)
    contexts: list[CrawlContext] = []
    for silent in (True, False):
        group = [s for s in sources if (s.name in quiet) == silent]
        if not group:
            continue
        policy = AlertPolicy(now=now, alert=not silent, max_age=alerts.max_age,
                             channels=tuple(alerts.enabled_channels()))
        ctx = CrawlContext(engine=engine, crawl=cfg.app.crawl, sources=group, policy=policy,
                           keywords=cfg.app.topic.keywords)
        contexts.append(ctx)
        for kind in SPIDERS:
            chosen = [s for s in group if s.kind == kind]
            if chosen:
                process.crawl(_spider_class(kind), ctx=ctx, sources=chosen)
    if process.crawlers:
        process.start()
    summary = CycleSummary(started=now, finished=utcnow())
    for ctx in contexts:
        for source in ctx.sources:
            summary.sources[source.name] = ctx.result(source.name)
    for source in sources:
        result = summary.sources[source.name]
        if result.result == "failed":
            log.warning("source %s failed: %s", source.name, result.error)
        elif result.result != "not_modified" or log.isEnabledFor(logging.DEBUG):
            log.info(
                "source %s: %s, %d fetched, %d new, %d duplicate, %d irrelevant, %d failed",
                source.name, result.result, result.fetched, result.new,
                result.duplicate, result.irrelevant, result.failed,
            )
    _record_states(cfg, engine, sources, summary)
    engine.dispose()
    if ctx.store_error:  # the crawl stopped short: exit 1, whatever the summary says
        raise StorageError(ctx.store_error)
    return summary


def outcome(cfg: LoadedConfig, source: SourceConfig, result: str, *, new: int = 0,
            error: str | None = None, capped: Mapping[str, int] | None = None) -> Outcome:
    return Outcome(name=source.name, kind=source.kind, url=redact(source.url_str), result=result,
                   interval=source.interval or cfg.app.crawl.interval, new=new, error=error,
                   capped=capped)


def record_outcomes_of(cfg: LoadedConfig, engine: sa.Engine, outcomes: Sequence[Outcome],
                       started: datetime) -> dict[str, datetime]:
    """Write outcomes (next due with back-off, baselines); return each source's next due time."""
    enabled = [s.name for s in cfg.app.sources if s.enabled]
    with write_session(engine) as session:
        return record_outcomes(session, outcomes, started=started, backoff=backoff_delay,
                               enabled=enabled)


def _record_states(cfg: LoadedConfig, engine: sa.Engine, sources: Sequence[SourceConfig],
                   summary: CycleSummary) -> None:
    outcomes = [outcome(cfg, s, summary.sources[s.name].result, new=summary.sources[s.name].new,
                        error=summary.sources[s.name].error, capped=summary.sources[s.name].capped)
                for s in sources]
    try:
        record_outcomes_of(cfg, engine, outcomes, summary.started)
    except sa.exc.OperationalError as exc:  # full disk, I/O error: one clear line, exit 1
        hint = disk_full_hint(engine.url.render_as_string(hide_password=False))
        raise StorageError(f"cannot record the crawl's results: {exc.orig}{hint}") from exc


def main(argv: Sequence[str] | None = None) -> int:
    """Child-process entry: run one cycle, print its summary as JSON."""
    from scheduler.logs import setup_logging

    parser = argparse.ArgumentParser(prog="python -m scheduler.cycle")
    parser.add_argument("--config")
    parser.add_argument("--source", action="append", default=[])
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--alerts", choices=("auto", "on", "off"), default="auto",
        help="whether new figures may alert (auto: not in the first crawl of an empty store)",
    )
    args = parser.parse_args(argv)
    from scheduler.child import die_with_parent

    die_with_parent()
    setup_logging()
    try:
        cfg = load_config(config_path(args.config))
        from scheduler.logs import redact_secrets

        redact_secrets(cfg.app)
        alert = {"auto": None, "on": True, "off": False}[args.alerts]
        summary = run_cycle(cfg, args.source or None, alert=alert)
    except ConfigError as exc:
        log.error("%s", exc)
        return 2
    except UnknownSource as exc:
        log.error("%s", exc)
        return 2
    except StorageError as exc:
        log.error("%s", exc)
        return 1
    json.dump(summary.to_dict(), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
