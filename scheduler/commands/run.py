"""``stationwatch run [--worker]``: the daemon, or a crawl worker, in the foreground."""

from __future__ import annotations

import argparse

from scheduler.commands import base


class Command(base.Command):
    name = "run"
    help = "run the daemon in the foreground (or, with --worker, a crawl worker)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--worker", action="store_true",
            help="a crawl worker sharing a PostgreSQL store with other workers and one `run`: "
                 "it takes its share of the due sources and sends alerts only when no `run` does",
        )

    def run(self, ctx: base.Context) -> int:
        cfg = ctx.config
        if ctx.args.worker:
            import sqlalchemy as sa

            if sa.engine.make_url(cfg.database_url).get_backend_name() != "postgresql":
                raise base.UsageError(
                    f"run --worker needs a PostgreSQL store shared with the other workers; "
                    f"{cfg.path} names a SQLite file (set [storage] url = \"postgresql+psycopg://...\", "
                    "or use plain `run`)")
        from scheduler.daemon import run_daemon

        return int(run_daemon(cfg, worker=ctx.args.worker))
