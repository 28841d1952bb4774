"""sources: resolved aggregator links, headline-only articles and claims

Revision ID: sources
Revises: search
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "sources"
down_revision = "search"
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
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("headline_only", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index("ix_article_headline_fetched", ["headline_only", "fetched_at"],
                              unique=False)
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("headline_only", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_column("headline_only")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index("ix_article_headline_fetched")
        batch_op.drop_column("headline_only")
    op.drop_table("resolved_link")
