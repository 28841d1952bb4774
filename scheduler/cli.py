"""The ``stationwatch`` command line (see CONTRACT.md).

Kept light: only the store layer is imported up front, so ``status`` and
``counts`` start fast; Scrapy, trafilatura and the analysis models load only
in the commands that need them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from scheduler.config import ConfigError, LoadedConfig, config_path, load_config
from storage.engine import StorageError

log = logging.getLogger("stationwatch")


class CommandError(Exception):
    """A command failed in a way the user can act on; exit status 1."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="stationwatch",
        description="Watch the news on China's overseas police stations and alert on new figures.",
    )
    p.add_argument("--config", metavar="PATH", help="config file (default: $STATIONWATCH_CONFIG, else ./config.toml)")
    p.add_argument("--debug", action="store_true", help="verbose logs and tracebacks")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    sub.add_parser("init", help="create or upgrade the database and print where it is")
    c = sub.add_parser("crawl", help="run one crawl cycle now, then deliver pending alerts")
    c.add_argument("--source", action="append", default=[], metavar="NAME", help="only this source (repeatable)")
    sub.add_parser("run", help="run the daemon in the foreground")
    e = sub.add_parser("extract", help="analyse one document and print its relevance and claims")
    e.add_argument("path", nargs="?", default=None, metavar="PATH|-")
    e.add_argument("--html", action="store_true", help="the input is HTML")
    e.add_argument("--json", action="store_true", help="print JSON")
    e.add_argument("--jsonl", action="store_true", help="batch mode: one JSON object per line")
    k = sub.add_parser("counts", help="the highest count on record for each place")
    k.add_argument("--json", action="store_true")
    k.add_argument("--history", action="store_true", help="every claim ever recorded, oldest first")
    v = sub.add_parser("coverage", help="stored stories, newest first, with their copies")
    v.add_argument("--json", action="store_true")
    v.add_argument("--limit", type=_positive_int, default=None, metavar="N")
    s = sub.add_parser("status", help="sources, totals and pending deliveries")
    s.add_argument("--json", action="store_true")
    a = sub.add_parser("alerts", help="list, deliver or test alerts")
    asub = a.add_subparsers(dest="alerts_command", metavar="ACTION", required=True)
    al = asub.add_parser("list", help="alerts, newest first, with each channel's state")
    al.add_argument("--json", action="store_true")
    asub.add_parser("deliver", help="try every pending delivery now")
    asub.add_parser("test", help="send a test message through every enabled channel")
    return p


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _dispatch(args: argparse.Namespace) -> int:
    from scheduler import commands

    if args.command == "extract":
        # extract needs no store; the config (for topic keywords) is optional
        path = config_path(args.config)
        keywords = load_config(path).app.topic.keywords if (args.config or path.exists()) else None
        return commands.extract(args, keywords)
    cfg = load_config(config_path(args.config))
    from scheduler.logs import redact_secrets

    redact_secrets(cfg.app)
    table: dict[str, Callable[[argparse.Namespace, LoadedConfig], int]] = {
        "init": commands.init,
        "crawl": commands.crawl,
        "run": commands.run,
        "counts": commands.counts,
        "coverage": commands.coverage,
        "status": commands.status,
        "alerts": commands.alerts,
    }
    return table[args.command](args, cfg)


def main(argv: Sequence[str] | None = None) -> int:
    from scheduler.logs import setup_logging

    args = _parser().parse_args(argv)
    setup_logging(debug=args.debug)
    try:
        return _dispatch(args)
    except ConfigError as exc:
        print(f"stationwatch: config error: {exc}", file=sys.stderr)
        return 2
    except (StorageError, CommandError) as exc:
        if args.debug:
            log.exception("failed")
        print(f"stationwatch: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stationwatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`stationwatch counts | head`): not an error of ours
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 — the process boundary: one clear line, cause kept with --debug
        if args.debug:
            raise
        print(f"stationwatch: unexpected error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
