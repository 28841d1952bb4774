"""crawl state: entries not stored yet, capped listings

Revision ID: crawlstate
Revises: sources
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "crawlstate"
down_revision = "sources"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entry_state",
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("gave_up", sa.Boolean(), nullable=False),
        sa.Column("last_tried", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("source", "url"),
    )
    with op.batch_alter_table("source_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("capped_found", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("capped_kept", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("source_state", schema=None) as batch_op:
        batch_op.drop_column("capped_kept")
        batch_op.drop_column("capped_found")
    op.drop_table("entry_state")
