"""Initial schema: sources, fetch state, raw items, articles, runs and rejections, findings,
links, stories, pages, the translation cache and the review decisions.

Generated with alembic autogenerate from newsdesk.store.models, then reviewed and frozen by
hand: column types are plain SQLAlchemy types (not newsdesk's own TypeDecorators), so this
script keeps working whatever later versions of the models look like.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def ts(name: str, nullable: bool = False) -> sa.Column:
    """A timezone-aware timestamp (UTC on SQLite, timestamptz on PostgreSQL)."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def id_(name: str, nullable: bool = False, length: int = 16) -> sa.Column:
    return sa.Column(name, sa.String(length), nullable=nullable)


def text(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=nullable)


def json(name: str) -> sa.Column:
    return sa.Column(name, JSON, nullable=False)


def index(table: str, *columns: str, name: str | None = None) -> None:
    op.create_index(name or op.f(f"ix_{table}_{columns[0]}"), table, list(columns), unique=False)


def upgrade() -> None:
    op.create_table(
        "sources",
        id_("id"),
        sa.Column("kind", sa.String(16), nullable=False),
        text("location"),
        text("name", nullable=True),
        text("publisher", nullable=True),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("licence", sa.String(16), nullable=False),
        sa.Column("allow_private", sa.Boolean(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        json("rules"),
        ts("created_at"),
        ts("updated_at"),
        ts("last_fetch_at", nullable=True),
        ts("last_ok_at", nullable=True),
        sa.Column("last_status", sa.String(64), nullable=True),
        sa.Column("consecutive_errors", sa.Integer(), nullable=False),
        text("last_error", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
    )
    index("sources", "location")

    op.create_table(
        "fetch_state",
        id_("url_key", length=64),
        text("url"),
        text("etag", nullable=True),
        text("last_modified", nullable=True),
        ts("updated_at"),
        sa.PrimaryKeyConstraint("url_key", name=op.f("pk_fetch_state")),
    )

    op.create_table(
        "raw_items",
        id_("id"),
        id_("source_id"),
        text("url"),
        ts("fetched_at"),
        id_("content_hash", length=64),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(255), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        json("headers"),
        sa.Column("encoding", sa.String(64), nullable=True),
        json("hints"),
        ts("stored_at"),
        ts("extracted_at", nullable=True),
        id_("article_id", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raw_items")),
    )
    index("raw_items", "content_hash")
    index("raw_items", "extracted_at")
    index("raw_items", "source_id")

    op.create_table(
        "articles",
        id_("id"),
        id_("raw_id"),
        id_("source_id"),
        text("url"),
        text("title"),
        json("paragraphs"),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("language_confidence", sa.Float(), nullable=False),
        text("byline", nullable=True),
        ts("published", nullable=True),
        text("canonical_url", nullable=True),
        text("site_name", nullable=True),
        sa.Column("licence", sa.String(16), nullable=False),
        ts("created_at"),
        ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
    )
    for column in ("created_at", "language", "published", "raw_id", "source_id"):
        index("articles", column)

    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        ts("started_at"),
        ts("finished_at", nullable=True),
        sa.Column("status", sa.String(64), nullable=False),
        json("counts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runs")),
    )

    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        text("item"),
        sa.Column("stage", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
        text("detail"),
        id_("source_id", nullable=True),
        ts("created_at"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_rejections_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejections")),
    )
    index("rejections", "reason")
    index("rejections", "run_id")
    index("rejections", "source_id")

    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        id_("article_id"),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        text("excerpt"),
        sa.Column("detector", sa.String(64), nullable=False),
        text("message"),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_findings_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    index("findings", "article_id")
    index("findings", "category")

    op.create_table(
        "links",
        id_("source"),
        id_("target"),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("directed", sa.Boolean(), nullable=False),
        json("evidence"),
        text("note"),
        ts("created_at"),
        ts("updated_at"),
        sa.ForeignKeyConstraint(
            ["source"], ["articles.id"], name=op.f("fk_links_source_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["target"], ["articles.id"], name=op.f("fk_links_target_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("source", "target", "type", name=op.f("pk_links")),
    )
    index("links", "target")

    op.create_table(
        "stories",
        id_("id", length=64),
        text("title"),
        json("languages"),
        ts("first_seen"),
        ts("last_seen"),
        id_("lead", nullable=True),
        ts("created_at"),
        ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stories")),
    )
    index("stories", "updated_at")

    op.create_table(
        "story_members",
        id_("story_id", length=64),
        id_("article_id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_story_members_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name=op.f("fk_story_members_story_id_stories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("story_id", "article_id", name=op.f("pk_story_members")),
        sa.UniqueConstraint("article_id", name=op.f("uq_story_members_article_id")),
    )

    op.create_table(
        "pages",
        id_("id"),
        sa.Column("slug", sa.String(255), nullable=False),
        id_("story_id", nullable=True, length=64),
        json("article_ids"),
        text("title"),
        text("description"),
        sa.Column("language", sa.String(16), nullable=False),
        json("body"),
        sa.Column("status", sa.String(16), nullable=False),
        json("verdict"),
        json("reasons"),
        id_("content_hash", length=64),
        ts("created_at"),
        ts("updated_at"),
        sa.CheckConstraint(
            "status IN ('published', 'held', 'failed', 'rejected')", name=op.f("ck_pages_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pages")),
        sa.UniqueConstraint("slug", name=op.f("uq_pages_slug")),
    )
    index("pages", "status", "updated_at", name="ix_pages_status_updated_at")
    index("pages", "story_id")
    index("pages", "updated_at")

    op.create_table(
        "translations",
        id_("key", length=64),
        sa.Column("engine", sa.String(64), nullable=False),
        sa.Column("engine_version", sa.String(64), nullable=False),
        sa.Column("source_lang", sa.String(16), nullable=False),
        sa.Column("target_lang", sa.String(16), nullable=False),
        text("source_text"),
        text("text"),
        ts("created_at"),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_translations")),
    )

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        id_("page_id"),
        sa.Column("action", sa.String(16), nullable=False),
        text("who"),
        ts("at"),
        text("reason"),
        json("details"),
        sa.CheckConstraint(
            "action IN ('approve', 'reject', 'edit', 'rerun')", name=op.f("ck_decisions_action")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    index("decisions", "at")
    index("decisions", "page_id")


def downgrade() -> None:
    for table in (
        "decisions",
        "translations",
        "pages",
        "story_members",
        "stories",
        "links",
        "findings",
        "rejections",
        "runs",
        "articles",
        "raw_items",
        "fetch_state",
        "sources",
    ):
        op.drop_table(table)
