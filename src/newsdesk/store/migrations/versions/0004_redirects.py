"""Redirects: the address of a story page absorbed by another story keeps working.

When two stories merge (see newsdesk.cluster), the younger story's page is removed; its slug
is kept here with the absorbing page's id, and the site writes a redirect page at the old
address.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "redirects",
        sa.Column("old_slug", sa.String(255), nullable=False),
        sa.Column("target_page_id", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("old_slug", name=op.f("pk_redirects")),
    )
    op.create_index(op.f("ix_redirects_target_page_id"), "redirects", ["target_page_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_redirects_target_page_id"), table_name="redirects")
    op.drop_table("redirects")
