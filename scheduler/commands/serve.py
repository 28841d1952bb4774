"""``stationwatch serve [--host H] [--port P]``: the dashboard, feeds and JSON API, read-only."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from scheduler.commands import base


def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be within 0..65535")
    return value


class Command(base.Command):
    name = "serve"
    help = "serve the web dashboard, feeds and JSON API (read-only)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--host", default=None, metavar="H",
                            help="address to listen on (default: [web] host, 127.0.0.1)")
        parser.add_argument("--port", type=port_number, default=None, metavar="P",
                            help="port to listen on (default: [web] port, 8470; 0 picks a free one)")

    def run(self, ctx: base.Context) -> int:
        from scheduler.web.server import TokenRequired, WebError, check_bind, start_in_thread

        cfg = ctx.config
        host = ctx.args.host or cfg.app.web.host
        try:
            check_bind(cfg, host)
        except TokenRequired as exc:
            raise base.UsageError(str(exc)) from None
        ctx.engine()  # create or upgrade the schema before opening the store read-only
        ctx.close()
        stop = threading.Event()

        def _stop(signum: int, _frame: FrameType | None) -> None:
            stop.set()

        previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            try:
                handle = start_in_thread(cfg, host=host, port=ctx.args.port, access_log=True)
            except WebError as exc:
                raise base.CommandError(str(exc)) from None
            sys.stderr.write(f"stationwatch: dashboard on {handle.url} (read-only; Ctrl-C stops it)\n")
            sys.stderr.flush()
            while not stop.wait(0.5) and handle.thread.is_alive():
                pass
            handle.stop()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return 0
