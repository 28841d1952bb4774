"""alerting: digest periods, the evidence archive's pointers, delivery leases, longer channel names

Revision ID: alerting
Revises: search
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = 'alerting'
down_revision = 'search'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('evidence_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warc_file', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('offset', sa.BigInteger(), nullable=False),
    sa.Column('length', sa.BigInteger(), nullable=False),
    sa.Column('record_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('warc_file', 'offset', name='uq_evidence_record_place')
    )
    op.create_table('digest_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('period_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('period_end', sa.DateTime(timezone=True), nullable=False),
    sa.Column('alert_id', sa.Integer(), nullable=True),
    sa.Column('created', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['alert_id'], ['alert.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('channel', 'period_end', name='uq_digest_run_period')
    )
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_claim_evidence_id', 'evidence_record', ['evidence_id'], ['id'])

    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.alter_column('channel',
               existing_type=sa.VARCHAR(length=16),
               type_=sqlmodel.sql.sqltypes.AutoString(length=64),
               existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sqlmodel.sql.sqltypes.AutoString(length=64),
               type_=sa.VARCHAR(length=16),
               existing_nullable=False)
        batch_op.drop_column('lease_until')

    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_constraint('fk_claim_evidence_id', type_='foreignkey')
        batch_op.drop_column('evidence_id')

    op.drop_table('digest_run')
    op.drop_table('evidence_record')
