"""``stationwatch init``: create or upgrade the database and print where it is."""

from __future__ import annotations

from scheduler.commands import base


class Command(base.Command):
    name = "init"
    help = "create or upgrade the database and print where it is"

    def run(self, ctx: base.Context) -> int:
        import sqlalchemy as sa

        from storage.engine import make_engine
        from storage.schema import HEAD, ensure_schema

        url = ctx.config.database_url
        engine = make_engine(url)
        try:
            changed = ensure_schema(engine)
        finally:
            engine.dispose()
        shown = sa.engine.make_url(url).render_as_string(hide_password=True)
        state = "created or upgraded" if changed else "up to date"
        print(f"database: {shown} (schema {HEAD}, {state})")
        return 0
