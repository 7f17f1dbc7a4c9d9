"""Each source's own schedule for `newsdesk watch`, and who holds the desk's writer lock.

`watch` checks every source on its own clock: `next_check_at` is when it is due, computed from
the hints its server and feed gave (`schedule_hints`: Cache-Control max-age, Expires,
Retry-After, `<ttl>`, sy:updatePeriod) and its observed publishing rate (`schedule_history`);
`check_interval` is the interval chosen last (seconds, before jitter), so the desk can show it.
A source that failed `watch.pause_after_failures` times in a row gets `paused_at` and is not
checked again until an editor resumes it (the failure count is the existing
`consecutive_errors`).

`desk_writer` holds one row describing the process that holds the writer lock (pid, host, since
when, which command), so that a second `run`/`watch` can say who is writing. The lock itself is
a file lock beside a SQLite database or an advisory lock on PostgreSQL (store/lock.py); the row
is only its description, overwritten by the next holder.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("next_check_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("check_interval", sa.Float(), nullable=True))
        batch.add_column(sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("schedule_hints", JSON, nullable=True))
        batch.add_column(sa.Column("schedule_history", JSON, nullable=True))
    op.create_index(op.f("ix_sources_next_check_at"), "sources", ["next_check_at"])
    op.create_table(
        "desk_writer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("host", sa.Text(), nullable=False),
        sa.Column("command", sa.String(64), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_writer")),
    )


def downgrade() -> None:
    op.drop_table("desk_writer")
    op.drop_index(op.f("ix_sources_next_check_at"), table_name="sources")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("schedule_history")
        batch.drop_column("schedule_hints")
        batch.drop_column("paused_at")
        batch.drop_column("check_interval")
        batch.drop_column("next_check_at")
