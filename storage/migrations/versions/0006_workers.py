"""workers: leases on sources, the worker table, and the per-source first-crawl baseline

Revision ID: workers
Revises: crawlstate
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "workers"
down_revision = "crawlstate"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "worker",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("host", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("leader", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_worker_last_seen"), ["last_seen"], unique=False)
    with op.batch_alter_table("source_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("baseline_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("lease_owner", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column("lease_expires", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_source_state_lease_owner"), ["lease_owner"], unique=False)
    # A store that already holds articles was made before the first-crawl marker existed:
    # its first crawl is behind it (later first crawls of new sources alert as before).
    op.execute(
        "INSERT INTO meta (key, value) SELECT 'first_crawl_done', '\"before the workers migration\"' "
        "WHERE EXISTS (SELECT 1 FROM article) AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'first_crawl_done')"
    )


def downgrade() -> None:
    with op.batch_alter_table("source_state", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_state_lease_owner"))
        batch_op.drop_column("lease_expires")
        batch_op.drop_column("lease_owner")
        batch_op.drop_column("baseline_at")
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_worker_last_seen"))
    op.drop_table("worker")
    op.execute("DELETE FROM meta WHERE key = 'first_crawl_done'")
