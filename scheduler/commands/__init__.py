"""Each CLI command: parse-free functions taking the parsed args and the config.

Heavy modules are imported inside the functions, so a command pays only for
what it uses.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Mapping, Sequence

from scheduler.config import LoadedConfig

log = logging.getLogger(__name__)


class NotYetAvailable(Exception):
    pass


def _optional(module: str, name: str):  # type: ignore[no-untyped-def]
    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            raise NotYetAvailable(module) from exc
        raise


def _not_yet(what: str) -> int:
    print(f"stationwatch: {what} is not available in this build yet", file=sys.stderr)
    return 1


def _engine(cfg: LoadedConfig):  # type: ignore[no-untyped-def]
    from storage.engine import make_engine
    from storage.schema import ensure_schema

    engine = make_engine(cfg.database_url)
    ensure_schema(engine)
    return engine


def init(args: argparse.Namespace, cfg: LoadedConfig) -> int:
    import sqlalchemy as sa

    from storage.engine import make_engine
    from storage.schema import HEAD, ensure_schema

    engine = make_engine(cfg.database_url)
    changed = ensure_schema(engine)
    shown = sa.engine.make_url(cfg.database_url).render_as_string(hide_password=True)
    state = "created or upgraded" if changed else "up to date"
    print(f"database: {shown} (schema {HEAD}, {state})")
    return 0


def crawl(args: argparse.Namespace, cfg: LoadedConfig) -> int:
    from scheduler.commands.crawl import run_crawl

    return run_crawl(cfg, args.source or None)


def run(args: argparse.Namespace, cfg: LoadedConfig) -> int:
    try:
        run_daemon = _optional("scheduler.daemon", "run_daemon")
    except NotYetAvailable:
        return _not_yet("the daemon (stationwatch run)")
    return int(run_daemon(cfg))


def extract(args: argparse.Namespace, keywords: Mapping[str, Sequence[str]] | None) -> int:
    try:
        run_extract = _optional("scheduler.commands.extract", "run_extract")
    except NotYetAvailable:
        return _not_yet("extract")
    return int(
        run_extract(
            args.path,
            html=args.html,
            as_json=args.json,
            jsonl=args.jsonl,
            keywords=keywords,
            stdin=sys.stdin,
            stdout=sys.stdout,
        )
    )


def counts(args: argparse.Namespace, cfg: LoadedConfig) -> int:
    from scheduler.commands.counts import run_counts

    return run_counts(_engine(cfg), as_json=args.json, history=args.history, stdout=sys.stdout)


def coverage(args: argparse.Namespace, cfg: LoadedConfig) -> int:
    try:
        run_coverage = _optional("scheduler.commands.coverage", "run_coverage")
    except NotYetAvailable:
        return _not_yet("coverage")
    return int(run_coverage(_engine(cfg), as_json=args.json, limit=args.limit, stdout=sys.stdout))


def status(args: argparse.Namespace, cfg: LoadedConfig) -> int:
    from scheduler.commands.status import run_status

    return run_status(cfg, _engine(cfg), as_json=args.json, stdout=sys.stdout)


def alerts(args: argparse.Namespace, cfg: LoadedConfig) -> int:
    try:
        mod = "scheduler.commands.alerts"
        if args.alerts_command == "list":
            fn = _optional(mod, "run_alerts_list")
            return int(fn(_engine(cfg), as_json=args.json, stdout=sys.stdout))
        if args.alerts_command == "deliver":
            fn = _optional(mod, "run_alerts_deliver")
            return int(fn(_engine(cfg), cfg.app.alerts, stdout=sys.stdout))
        fn = _optional(mod, "run_alerts_test")
        return int(fn(cfg.app.alerts, stdout=sys.stdout))
    except NotYetAvailable:
        return _not_yet(f"alerts {args.alerts_command}")
