"""``stationwatch run``: the daemon, in the foreground."""

from __future__ import annotations

from scheduler.commands import base


class Command(base.Command):
    name = "run"
    help = "run the daemon in the foreground"

    def run(self, ctx: base.Context) -> int:
        from scheduler.daemon import run_daemon

        return int(run_daemon(ctx.config))
