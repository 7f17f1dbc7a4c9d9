"""Rows that have no type in `newsdesk.types`: source health, runs, page records, the review
trail and cached translations. Frozen dataclasses, like the shared types."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from newsdesk.store.codec import JsonValue
from newsdesk.types import Page, Source, Verdict, VerdictStatus


@dataclass(frozen=True)
class SourceHealth:
    """A source with what its fetches have been doing (shown by `sources list` and the UI)."""

    source: Source
    created_at: datetime
    last_fetch_at: datetime | None = None
    last_ok_at: datetime | None = None
    last_status: str | None = None  # "ok", "error", or the code given to record_fetch
    consecutive_errors: int = 0
    last_error: str | None = None
    items: int = 0  # raw items stored from this source
    articles: int = 0  # articles extracted from them
    articles_with_findings: int = 0
    # The watcher's schedule (newsdesk.desk.schedule): when it checks the source next, the
    # interval it chose, and since when the source is paused after repeated failures.
    next_check_at: datetime | None = None
    check_interval: float | None = None
    paused_at: datetime | None = None

    @property
    def findings_rate(self) -> float:
        return self.articles_with_findings / self.articles if self.articles else 0.0


class RunStatus(StrEnum):
    RUNNING = "running"  # started, not finished (or the process died: see INTERRUPTED)
    INTERRUPTED = "interrupted"  # still running when a later run started: killed (end unknown)
    OK = "ok"
    FAILED = "failed"
    NOTHING_PROCESSED = "nothing_processed"
    STOPPED = "stopped"  # asked to stop (SIGTERM, SIGINT): ended cleanly between two items


@dataclass(frozen=True)
class RunRecord:
    id: int
    started_at: datetime
    finished_at: datetime | None
    status: str  # a RunStatus value, or another code the desk chose
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class RunStart:
    """A run just started, and the earlier runs it found unfinished and marked interrupted."""

    id: int
    interrupted: tuple[RunRecord, ...] = ()


class PageStatus(StrEnum):
    PUBLISHED = "published"
    HELD = "held"  # waiting in the review queue
    FAILED = "failed"  # failed verification: never published
    REJECTED = "rejected"  # an editor said no

    @classmethod
    def from_verdict(cls, verdict: Verdict) -> PageStatus:
        return {
            VerdictStatus.PASS: cls.PUBLISHED,
            VerdictStatus.HOLD: cls.HELD,
            VerdictStatus.FAIL: cls.FAILED,
        }[verdict.status]


@dataclass(frozen=True)
class PageRecord:
    """A composed page as stored: the page, its verdict and its status.

    `content_hash`, `created_at` and `updated_at` are filled by the store; leave them out when
    saving. `updated_at` moves only when the page, its verdict or its status changes, so the
    site builder can rebuild just the pages changed since its last build.
    """

    page: Page
    verdict: Verdict
    status: PageStatus
    article_ids: tuple[str, ...] = ()
    content_hash: str = ""  # sha256 of the page's JSON document
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def id(self) -> str:
        return self.page.id

    @property
    def slug(self) -> str:
        return self.page.slug

    @property
    def story_id(self) -> str | None:
        return self.page.story_id

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.verdict.reasons


class DecisionAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    EDIT = "edit"
    RERUN = "rerun"


@dataclass(frozen=True)
class Decision:
    """One editor's action on one page: the review audit trail."""

    page_id: str
    action: DecisionAction
    who: str
    at: datetime
    reason: str = ""
    details: dict[str, JsonValue] = field(default_factory=dict)  # e.g. {"title": [old, new]}
    id: int | None = None  # set by the store


@dataclass(frozen=True)
class TranslationRecord:
    key: str
    engine: str
    engine_version: str
    source_lang: str
    target_lang: str
    source_text: str
    text: str
    created_at: datetime
