"""full-text search over articles, in every language

SQLite: an FTS5 index with the trigram tokenizer over article title and text,
filled from the stored articles and kept current by triggers. PostgreSQL: a
pg_trgm GIN index over the same text (when the extension can be created;
without it, search still works, by a scan).

Revision ID: search
Revises: 0001
"""

import logging

from alembic import op
import sqlalchemy as sa

revision = "search"
down_revision = "0001"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

_SQLITE_UP = [
    "CREATE VIRTUAL TABLE article_fts USING fts5("
    "title, text, content='article', content_rowid='id', tokenize='trigram')",
    "INSERT INTO article_fts(article_fts) VALUES ('rebuild')",
    "CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN "
    "INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER article_fts_update AFTER UPDATE OF title, text ON article BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
]
_SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS article_fts_update",
    "DROP TRIGGER IF EXISTS article_fts_delete",
    "DROP TRIGGER IF EXISTS article_fts_insert",
    "DROP TABLE IF EXISTS article_fts",
]
_PG_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_article_search ON article USING gin "
    "((coalesce(title, '') || ' ' || coalesce(text, '')) gin_trgm_ops)"
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in _SQLITE_UP:
            op.execute(statement)
        return
    if bind.dialect.name == "postgresql":
        try:
            with bind.begin_nested():
                bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                bind.exec_driver_sql(_PG_INDEX)
        except sa.exc.DBAPIError as exc:
            log.warning("no trigram index for search (pg_trgm unavailable: %s); search will scan",
                        str(exc.orig).strip().splitlines()[0])


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in _SQLITE_DOWN:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_article_search")
