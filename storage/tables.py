"""Light Core views of the tables the short read-only commands query.

``status`` and ``counts`` answer in about the time Python takes to import
SQLModel; declaring every ORM table model (``storage.models``) would add a
sixth to that. These are plain ``sa.table`` clauses naming only the columns
those queries read, with the same types where a type changes what comes back
(aware UTC datetimes, booleans). ``tests/storage/test_tables.py`` checks every
column here against ``storage.models``, so the two cannot drift apart.
"""

from __future__ import annotations

import sqlalchemy as sa

from storage.types import UTCDateTime


def _ts(name: str) -> sa.ColumnClause[object]:
    return sa.column(name, UTCDateTime())


source_state = sa.table(
    "source_state",
    sa.column("name", sa.String()), sa.column("kind", sa.String()), sa.column("url", sa.String()),
    _ts("last_fetch"), sa.column("last_result", sa.String()), sa.column("last_new", sa.Integer()),
    _ts("next_due"), sa.column("consecutive_failures", sa.Integer()),
    sa.column("last_error", sa.String()), _ts("failing_since"),
    sa.column("down_notified", sa.Boolean()), _ts("last_seen_lastmod"), _ts("baseline_at"),
    sa.column("lease_owner", sa.String()), _ts("lease_expires"),
    sa.column("capped_found", sa.Integer()), sa.column("capped_kept", sa.Integer()),
)

worker = sa.table(
    "worker",
    sa.column("id", sa.String()), sa.column("role", sa.String()), sa.column("host", sa.String()),
    sa.column("pid", sa.Integer()), _ts("started"), _ts("last_seen"),
    sa.column("leader", sa.Boolean()),
)

meta = sa.table("meta", sa.column("key", sa.String()), sa.column("value", sa.String()))

story = sa.table("story", sa.column("id", sa.Integer()))

alert = sa.table("alert", sa.column("id", sa.Integer()))

delivery = sa.table("delivery", sa.column("id", sa.Integer()), sa.column("state", sa.String()))

article = sa.table(
    "article",
    sa.column("id", sa.Integer()), sa.column("url", sa.String()), sa.column("title", sa.String()),
    sa.column("outlet", sa.String()), sa.column("story_id", sa.Integer()),
)

claim = sa.table(
    "claim",
    sa.column("id", sa.Integer()), sa.column("story_id", sa.Integer()),
    sa.column("article_id", sa.Integer()), sa.column("count", sa.Integer()),
    sa.column("qualifier", sa.String()), sa.column("place", sa.String()),
    sa.column("city", sa.String()), sa.column("added", sa.Boolean()),
    sa.column("countries", sa.Integer()), sa.column("cities", sa.Integer()),
    sa.column("evidence", sa.String()), _ts("first_seen"), _ts("published"),
    sa.column("headline_only", sa.Boolean()),
)

ALL = (source_state, worker, meta, story, alert, delivery, article, claim)
