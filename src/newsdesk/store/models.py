"""The tables of the desk's database, as SQLAlchemy 2 typed ORM classes.

The migrations in `migrations/versions/` create exactly these tables; a test compares the two.
Rows hold plain values (ids, text, JSON documents); `repositories` turn them into the
dataclasses of `newsdesk.types` and `newsdesk.store.records`.

Source ids are not foreign keys: removing a source keeps its raw items and articles.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from newsdesk.store.sqltypes import JSONDocument, SafeText, UTCDateTime

# Deterministic constraint names, identical on SQLite and PostgreSQL, so that later
# migrations can name the constraints they alter.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = 16  # length of newsdesk.types.stable_id()
HASH = 64  # sha256 hex
CODE = 64  # reason codes, categories, engine names
LANG = 16  # ISO 639 codes, with room for "zh-Hant" and the like

PAGE_STATUSES = ("published", "held", "failed", "rejected")
DECISION_ACTIONS = ("approve", "reject", "edit", "rerun")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    location: Mapped[str] = mapped_column(SafeText, index=True)
    name: Mapped[str | None] = mapped_column(SafeText)
    publisher: Mapped[str | None] = mapped_column(SafeText)
    language: Mapped[str | None] = mapped_column(String(LANG))
    licence: Mapped[str] = mapped_column(String(16))
    allow_private: Mapped[bool] = mapped_column(Boolean)
    enabled: Mapped[bool] = mapped_column(Boolean)
    # "config" (newsdesk.toml), "added" (sources add, the desk, OPML) or "samples": see
    # newsdesk.desk.roster, which keeps the file's sources in step with the file.
    origin: Mapped[str] = mapped_column(String(16), server_default="added")
    rules: Mapped[Any] = mapped_column(JSONDocument)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # Health, as Miniflux shows it: the last fetch, its outcome, and the run of failures.
    last_fetch_at: Mapped[datetime | None]
    last_ok_at: Mapped[datetime | None]
    last_status: Mapped[str | None] = mapped_column(String(CODE))
    consecutive_errors: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(SafeText)
    # The watcher's schedule (newsdesk.desk.schedule): when the source is next due, the interval
    # chosen last (seconds), the hints its server and feed gave, its recent publishing history,
    # and since when it is paused after too many failures in a row (None: not paused).
    next_check_at: Mapped[datetime | None] = mapped_column(index=True)
    check_interval: Mapped[float | None] = mapped_column(Float)
    paused_at: Mapped[datetime | None]
    schedule_hints: Mapped[Any | None] = mapped_column(JSONDocument)
    schedule_history: Mapped[Any | None] = mapped_column(JSONDocument)


class FetchStateRow(Base):
    """HTTP validators per URL, for conditional GET. Keyed by the URL's sha256 (URLs are long)."""

    __tablename__ = "fetch_state"

    url_key: Mapped[str] = mapped_column(String(HASH), primary_key=True)
    url: Mapped[str] = mapped_column(SafeText)
    etag: Mapped[str | None] = mapped_column(SafeText)
    last_modified: Mapped[str | None] = mapped_column(SafeText)
    updated_at: Mapped[datetime]


class RawItemRow(Base):
    """A fetched item; its bytes live in the blob folder under `content_hash`."""

    __tablename__ = "raw_items"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    source_id: Mapped[str] = mapped_column(String(ID), index=True)
    url: Mapped[str] = mapped_column(SafeText)
    fetched_at: Mapped[datetime]
    content_hash: Mapped[str] = mapped_column(String(HASH), index=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(255))
    status: Mapped[int | None] = mapped_column(Integer)
    headers: Mapped[Any] = mapped_column(JSONDocument)
    encoding: Mapped[str | None] = mapped_column(String(CODE))
    hints: Mapped[Any] = mapped_column(JSONDocument)
    stored_at: Mapped[datetime]
    # Set once extraction has handled the item, whether it gave an article or a rejection.
    extracted_at: Mapped[datetime | None] = mapped_column(index=True)
    article_id: Mapped[str | None] = mapped_column(String(ID))


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    raw_id: Mapped[str] = mapped_column(String(ID), index=True)
    source_id: Mapped[str] = mapped_column(String(ID), index=True)
    url: Mapped[str] = mapped_column(SafeText)
    title: Mapped[str] = mapped_column(SafeText)
    paragraphs: Mapped[Any] = mapped_column(JSONDocument)
    language: Mapped[str | None] = mapped_column(String(LANG), index=True)
    language_confidence: Mapped[float] = mapped_column(Float)
    byline: Mapped[str | None] = mapped_column(SafeText)
    published: Mapped[datetime | None] = mapped_column(index=True)
    canonical_url: Mapped[str | None] = mapped_column(SafeText)
    site_name: Mapped[str | None] = mapped_column(SafeText)
    licence: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(index=True)
    updated_at: Mapped[datetime]


class RunRow(Base):
    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(CODE))
    counts: Mapped[Any] = mapped_column(JSONDocument)


class RejectionRow(Base):
    __tablename__ = "rejections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(SafeText)
    stage: Mapped[str] = mapped_column(String(CODE))
    reason: Mapped[str] = mapped_column(String(CODE), index=True)
    detail: Mapped[str] = mapped_column(SafeText)
    source_id: Mapped[str | None] = mapped_column(String(ID), index=True)
    created_at: Mapped[datetime]


class FindingRow(Base):
    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    category: Mapped[str] = mapped_column(String(CODE), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    excerpt: Mapped[str] = mapped_column(SafeText)
    detector: Mapped[str] = mapped_column(String(CODE))
    message: Mapped[str] = mapped_column(SafeText)
    confidence: Mapped[float] = mapped_column(Float)
    part: Mapped[str] = mapped_column(String(16), server_default="text")  # "text" | "title"


class LinkRow(Base):
    __tablename__ = "links"

    source: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    target: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    type: Mapped[str] = mapped_column(String(32), primary_key=True)
    score: Mapped[float] = mapped_column(Float)
    directed: Mapped[bool] = mapped_column(Boolean)
    evidence: Mapped[Any] = mapped_column(JSONDocument)
    note: Mapped[str] = mapped_column(SafeText)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(CODE), primary_key=True)
    title: Mapped[str] = mapped_column(SafeText)
    languages: Mapped[Any] = mapped_column(JSONDocument)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    lead: Mapped[str | None] = mapped_column(String(ID))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(index=True)


class StoryMemberRow(Base):
    """Which story an article belongs to: one story per article (the unique article_id)."""

    __tablename__ = "story_members"
    __table_args__ = (UniqueConstraint("article_id"),)

    story_id: Mapped[str] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer)


class PageRow(Base):
    __tablename__ = "pages"
    __table_args__ = (
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in PAGE_STATUSES) + ")", name="status"
        ),
        Index("ix_pages_status_updated_at", "status", "updated_at"),
        # Covers PageRepository.published_hashes (the site builder's change detection).
        Index("ix_pages_status_slug_hash", "status", "slug", "content_hash"),
    )

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    slug: Mapped[str] = mapped_column(String(255), unique=True)
    story_id: Mapped[str | None] = mapped_column(String(CODE), index=True)
    article_ids: Mapped[Any] = mapped_column(JSONDocument)
    title: Mapped[str] = mapped_column(SafeText)
    description: Mapped[str] = mapped_column(SafeText)
    language: Mapped[str] = mapped_column(String(LANG))
    body: Mapped[Any] = mapped_column(JSONDocument)  # the whole Page, see codec.page_to_json
    status: Mapped[str] = mapped_column(String(16))
    verdict: Mapped[Any] = mapped_column(JSONDocument)
    reasons: Mapped[Any] = mapped_column(JSONDocument)
    content_hash: Mapped[str] = mapped_column(String(HASH))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(index=True)


class TranslationRow(Base):
    __tablename__ = "translations"

    key: Mapped[str] = mapped_column(String(HASH), primary_key=True)
    engine: Mapped[str] = mapped_column(String(CODE))
    engine_version: Mapped[str] = mapped_column(String(CODE))
    source_lang: Mapped[str] = mapped_column(String(LANG))
    target_lang: Mapped[str] = mapped_column(String(LANG))
    source_text: Mapped[str] = mapped_column(SafeText)
    text: Mapped[str] = mapped_column(SafeText)
    created_at: Mapped[datetime]


class DecisionRow(Base):
    """The review audit trail. No foreign key: the trail outlives a deleted page."""

    __tablename__ = "decisions"
    __table_args__ = (
        CheckConstraint(
            "action IN (" + ", ".join(f"'{a}'" for a in DECISION_ACTIONS) + ")", name="action"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    page_id: Mapped[str] = mapped_column(String(ID), index=True)
    action: Mapped[str] = mapped_column(String(16))
    who: Mapped[str] = mapped_column(SafeText)
    at: Mapped[datetime] = mapped_column(index=True)
    reason: Mapped[str] = mapped_column(SafeText)
    details: Mapped[Any] = mapped_column(JSONDocument)


class RedirectRow(Base):
    """An address that moved: the slug of a story page absorbed by another story's page.

    The target is the absorbing page's id, not its slug, so a redirect written before that
    page exists (or before it is published) takes effect when it is."""

    __tablename__ = "redirects"

    old_slug: Mapped[str] = mapped_column(String(255), primary_key=True)
    target_page_id: Mapped[str] = mapped_column(String(ID), index=True)
    created_at: Mapped[datetime]


class DeskSessionRow(Base):
    """A review-desk login. The signed cookie carries a random token whose sha256 is the id:
    logging out (or changing the password) revokes the row, and a cookie whose row is revoked,
    expired or made under another password no longer opens the desk."""

    __tablename__ = "desk_sessions"

    id: Mapped[str] = mapped_column(String(HASH), primary_key=True)  # sha256 hex of the token
    user: Mapped[str] = mapped_column(SafeText)
    password_tag: Mapped[str] = mapped_column(String(HASH))  # digest of the password hash
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
    revoked_at: Mapped[datetime | None]


class DeskWriterRow(Base):
    """Who holds the desk's writer lock (one row, id 1), so that a second `run` or `watch` can
    say who is writing. The lock itself is a file or advisory lock (newsdesk.store.lock); this
    row only describes its holder and is overwritten by the next one."""

    __tablename__ = "desk_writer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pid: Mapped[int] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(SafeText)
    command: Mapped[str] = mapped_column(String(CODE))
    since: Mapped[datetime]


class StateBlobRow(Base):
    """The desk's incremental indexes and related-links memory (newsdesk.desk.state), as named
    blobs: in the database, so that any machine with its URL can run the desk. The blobs one
    save wrote together share a `generation`; `sha256` is checked when they are read back."""

    __tablename__ = "state_blobs"

    name: Mapped[str] = mapped_column(String(CODE), primary_key=True)
    data: Mapped[bytes]  # LargeBinary: BLOB on SQLite, BYTEA on PostgreSQL
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(HASH))
    generation: Mapped[str] = mapped_column(String(CODE))
    updated_at: Mapped[datetime]
