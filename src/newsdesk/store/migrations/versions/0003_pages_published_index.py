"""An index that answers "slug and content hash of every published page" from the index alone.

The site builder asks it at every build to find the pages that changed since the last one
(see newsdesk.publish.from_store); on 10,000 pages the query goes from ~55 ms to ~12 ms.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_pages_status_slug_hash", "pages", ["status", "slug", "content_hash"])


def downgrade() -> None:
    op.drop_index("ix_pages_status_slug_hash", table_name="pages")
