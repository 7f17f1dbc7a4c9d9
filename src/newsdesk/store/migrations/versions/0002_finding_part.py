"""Findings say which part of the article their span is in: its text or its title.

Before this revision a finding in an article's title (a prompt glued to it, a publisher suffix)
was stored at offsets 0–0 with "(titre)" prefixed to its message, so the review desk could not
mark it. Existing rows of that shape become `part = 'title'` with their message restored (their
offsets are unknown and stay 0–0; re-analysing the article stores the real ones).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_PREFIX = "(titre) "


def upgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("part", sa.String(16), nullable=False, server_default="text"))
    findings = sa.table("findings", sa.column("part", sa.String), sa.column("message", sa.Text))
    op.execute(
        findings.update()
        .where(findings.c.message.like(OLD_PREFIX + "%"))
        .values(part="title", message=sa.func.substr(findings.c.message, len(OLD_PREFIX) + 1))
    )


def downgrade() -> None:
    findings = sa.table("findings", sa.column("part", sa.String), sa.column("message", sa.Text))
    op.execute(
        findings.update()
        .where(findings.c.part == "title")
        .values(message=sa.literal(OLD_PREFIX) + findings.c.message)
    )
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("part")
