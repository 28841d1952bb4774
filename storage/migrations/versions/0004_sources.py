"""sources: resolved aggregator links, headline-only articles and claims

Revision ID: sources
Revises: alerting
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "sources"
down_revision = "alerting"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resolved_link",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    # plain ALTER TABLE ADD COLUMN (no batch copy on SQLite: that would drop the
    # search triggers on article)
    op.add_column("article", sa.Column("headline_only", sa.Boolean(), nullable=False,
                                       server_default=sa.false()))
    op.create_index("ix_article_headline_fetched", "article", ["headline_only", "fetched_at"],
                    unique=False)
    op.add_column("claim", sa.Column("headline_only", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("claim", "headline_only")  # SQLite 3.35 or newer
    op.drop_index("ix_article_headline_fetched", table_name="article")
    op.drop_column("article", "headline_only")
    op.drop_table("resolved_link")
