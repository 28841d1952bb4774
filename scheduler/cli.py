"""The ``stationwatch`` command line (see CONTRACT.md).

Kept light: the parser is built from the command registry
(``scheduler/commands``), whose modules import only light things; Scrapy,
trafilatura and the analysis models load only in the commands that need them.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from scheduler.commands import load_commands
from scheduler.commands.base import Command, CommandError, Context, UsageError
from scheduler.config import ConfigError
from storage.engine import StorageError

log = logging.getLogger("stationwatch")


def build_parser(commands: dict[str, Command]) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="stationwatch",
        description="Watch the news on China's overseas police stations and alert on new figures.",
    )
    p.add_argument("--config", metavar="PATH", help="config file (default: $STATIONWATCH_CONFIG, else ./config.toml)")
    p.add_argument("--debug", action="store_true", help="verbose logs and tracebacks")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, command in commands.items():
        command.add_options(sub.add_parser(name, help=command.help, description=command.help))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from scheduler.logs import setup_logging

    commands = load_commands()
    args = build_parser(commands).parse_args(argv)
    setup_logging(debug=args.debug)
    ctx = Context(args)
    try:
        return commands[args.command].run(ctx)
    except ConfigError as exc:
        print(f"stationwatch: config error: {exc}", file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"stationwatch: {exc}", file=sys.stderr)
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
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 — the process boundary: one clear line, cause kept with --debug
        if args.debug:
            raise
        print(f"stationwatch: unexpected error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 1
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
