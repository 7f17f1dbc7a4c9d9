"""Where each source comes from: newsdesk.toml, `sources add` (CLI, desk, OPML), or the samples.

A run makes the sources declared in newsdesk.toml match the file (one removed from the file is
removed from the database, its `allow_private` with it), leaves the sources added by hand alone,
and stops reading the bundled samples once the user has a source of their own (see
newsdesk.desk.roster). Rows stored before this revision cannot tell a file's source from one
added by hand: they become "added" (kept, as before), except the bundled samples, recognised by
their folder inside the package.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("origin", sa.String(16), nullable=False, server_default="added"))
    sources = sa.table("sources", sa.column("origin", sa.String), sa.column("location", sa.Text))
    op.execute(
        sources.update()
        .where(
            sa.or_(
                sources.c.location.like("%/newsdesk/samples/articles"),
                sources.c.location.like("%\\newsdesk\\samples\\articles"),
            )
        )
        .values(origin="samples")
    )


def downgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("origin")
