"""The desk's incremental indexes and related-links memory move from files under
newsdesk-data/state/ into the database (named blobs), so that any machine with the database URL
can run the desk. The files of an existing installation are imported by the desk on its first
load (newsdesk.desk.state.import_legacy_files), not here: a migration does not know the folder.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "state_blobs",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("generation", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_state_blobs")),
    )


def downgrade() -> None:
    op.drop_table("state_blobs")
