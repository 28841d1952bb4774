"""listed: the date an article's listing gave its entry when the page was last read

Revision ID: listed
Revises: workers
"""

from alembic import op
import sqlalchemy as sa


revision = "listed"
down_revision = "workers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column("listed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("listed_at")
