"""Composed pages with their verdict and status; the review queue reads from here.

A page's `updated_at` moves only when its content, verdict or status changes, so the site can
be rebuilt incrementally from `changed_since`. An editor's approval or rejection is kept when
the desk saves the same content again: the decision applies to exactly the content decided on
(the decision records its content hash), and new content goes back through verification.

"En savoir plus" links are navigation, not content an editor vouched for: `set_related` changes
only them (for the site's incremental build, through the content hash) and keeps the page's
status and verdict; and when the desk later saves content that differs from the stored page
only in those links, the status an editor gave the stored page carries over (see
`_carried_status`).
"""

from __future__ import annotations

import builtins
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from newsdesk.errors import StoreError
from newsdesk.log import get_logger
from newsdesk.store.codec import canonical_hash, from_json, to_json
from newsdesk.store.models import DecisionRow, PageRow
from newsdesk.store.records import DecisionAction, PageRecord, PageStatus
from newsdesk.store.sessions import Sessions
from newsdesk.types import Page, RelatedRef, Verdict

log = get_logger(__name__)

# Decisions that fix a page's status for the content they were made on.
_STATUS_OF_DECISION = {
    DecisionAction.APPROVE.value: PageStatus.PUBLISHED,
    DecisionAction.REJECT.value: PageStatus.REJECTED,
}


@dataclass(frozen=True)
class PageListing:
    """What a list of pages shows (the desk's queue, the API's list): read from a few columns,
    never from the page's JSON document, so a list of thousands costs what it shows."""

    id: str
    slug: str
    title: str
    status: PageStatus
    verdict: str  # the verifier's VerdictStatus value (an editor's status may differ)
    reasons: tuple[str, ...]
    sources: int  # articles the page was composed from
    updated_at: datetime


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing, newest change first; `next_after` continues it (None: the end)."""

    items: tuple[PageListing, ...]
    total: int  # pages in the whole listing
    next_after: tuple[datetime, str] | None


def page_hash(page: Page) -> str:
    return canonical_hash(to_json(page))


def row_to_record(row: PageRow) -> PageRecord:
    return PageRecord(
        page=from_json(Page, row.body),
        verdict=from_json(Verdict, row.verdict),
        status=PageStatus(row.status),
        article_ids=tuple(row.article_ids),
        content_hash=row.content_hash,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


#: Seconds a page count of the listing is reused. The count scans the status index (about
#: half a millisecond per 10,000 pages) and the desk and the API ask for it on every page of the
#: queue; a write through this store forgets it at once, another process's within this delay.
COUNT_REUSE_S = 1.0


class PageRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions
        # status (None: all) → (writes seen, monotonic deadline, count)
        self._counts: dict[str | None, tuple[int, float, int]] = {}

    def _count(self, session: Session, status: PageStatus | None) -> int:
        key = status.value if status is not None else None
        cached = self._counts.get(key)
        now = time.monotonic()
        if cached is not None and cached[0] == self._s.writes and now < cached[1]:
            return cached[2]
        count = select(func.count()).select_from(PageRow)
        if status is not None:
            count = count.where(PageRow.status == status.value)
        total = int(session.scalar(count) or 0)
        self._counts[key] = (self._s.writes, now + COUNT_REUSE_S, total)
        return total

    def save(self, record: PageRecord) -> bool:
        """Store a composed page; True when it is new or its content, verdict or status changed.

        Raises StoreError when another page already has the slug (two pages must never write
        the same output path)."""
        page = record.page
        body = to_json(page)
        digest = canonical_hash(body)
        verdict = to_json(record.verdict)
        now = self._s.now()
        with self._s.write() as session:
            owner = session.scalar(select(PageRow.id).where(PageRow.slug == page.slug))
            if owner is not None and owner != page.id:
                raise StoreError(f"slug {page.slug!r} is already used by page {owner}")
            row = session.get(PageRow, page.id)
            status = (
                self._editor_status(session, page.id, digest)
                or (self._carried_status(session, row, page) if row is not None else None)
                or record.status
            )
            if row is not None and (
                row.content_hash == digest
                and row.status == status.value
                and row.verdict == verdict
                and tuple(row.article_ids) == tuple(record.article_ids)
            ):
                return False
            if row is None:
                row = PageRow(id=page.id, created_at=now)
                session.add(row)
            row.slug = page.slug
            row.story_id = page.story_id
            row.article_ids = list(record.article_ids)
            row.title = page.title
            row.description = page.description
            row.language = page.language
            row.body = body
            row.status = status.value
            row.verdict = verdict
            row.reasons = list(record.verdict.reasons)
            row.content_hash = digest
            row.updated_at = now
        log.debug("page_saved", page=page.id, slug=page.slug, status=status.value)
        return True

    @staticmethod
    def _editor_status(session: Session, page_id: str, digest: str) -> PageStatus | None:
        """The status an editor gave this exact content, if the last decision was one."""
        last = session.scalars(
            select(DecisionRow)
            .where(
                DecisionRow.page_id == page_id, DecisionRow.action.in_(list(_STATUS_OF_DECISION))
            )
            .order_by(DecisionRow.at.desc(), DecisionRow.id.desc())
            .limit(1)
        ).first()
        if last is not None and (last.details or {}).get("content_hash") == digest:
            return _STATUS_OF_DECISION[last.action]
        return None

    @classmethod
    def _carried_status(cls, session: Session, row: PageRow, page: Page) -> PageStatus | None:
        """The status an editor gave the stored page, when `page` differs from it only in its
        "En savoir plus" links.

        Either a decision on the stored content itself, or a status that disagrees with the
        stored verdict: only an editor's decision sets one, and `set_related` keeps it while
        it changes the content hash, so an approval survives any number of link refreshes."""
        stored = from_json(Page, row.body)
        if replace(page, related=stored.related) != stored:
            return None
        decided = cls._editor_status(session, row.id, row.content_hash)
        if decided is not None:
            return decided
        status = PageStatus(row.status)
        if status != PageStatus.from_verdict(from_json(Verdict, row.verdict)):
            return status
        return None

    def set_related(self, page_id: str, related: Sequence[RelatedRef]) -> bool:
        """Replace a stored page's "En savoir plus" links; True when they changed.

        Only the links change: the page's dates, verdict and status stay as they are (the links
        are navigation, not verified content, so a held or rejected page stays unpublished and
        an approved one stays approved). The content hash follows the new body, so the
        incremental site build rewrites this page and no other."""
        links = tuple(related)
        with self._s.write() as session:
            row = session.get(PageRow, page_id)
            if row is None:
                return False
            page = from_json(Page, row.body)
            if page.related == links:
                return False
            body = to_json(replace(page, related=links))
            row.body = body
            row.content_hash = canonical_hash(body)
            row.updated_at = self._s.now()
        log.debug("page_related_set", page=page_id, related=len(links))
        return True

    def published_refs(self) -> dict[str, RelatedRef]:
        """Story id → link (slug, title) of every published story page, without loading the
        pages: what "En savoir plus" may point to."""
        stmt = select(PageRow.story_id, PageRow.slug, PageRow.title).where(
            PageRow.status == PageStatus.PUBLISHED.value, PageRow.story_id.is_not(None)
        )
        with self._s.read() as session:
            return {
                story_id: RelatedRef(slug, title)
                for story_id, slug, title in session.execute(stmt)
                if story_id
            }

    def get(self, page_id: str) -> PageRecord | None:
        with self._s.read() as session:
            row = session.get(PageRow, page_id)
            return row_to_record(row) if row else None

    def get_by_slug(self, slug: str) -> PageRecord | None:
        with self._s.read() as session:
            row = session.scalars(select(PageRow).where(PageRow.slug == slug)).first()
            return row_to_record(row) if row else None

    def list(self, status: PageStatus | None = None, limit: int | None = None) -> list[PageRecord]:
        """Pages, most recently changed first (one status only, if given)."""
        stmt = select(PageRow).order_by(PageRow.updated_at.desc(), PageRow.id)
        if status is not None:
            stmt = stmt.where(PageRow.status == PageStatus(status).value)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._s.read() as session:
            return [row_to_record(r) for r in session.scalars(stmt)]

    def listing(
        self,
        status: PageStatus | None = None,
        limit: int = 50,
        after: tuple[datetime, str] | None = None,
    ) -> ListingPage:
        """One page of the pages (of one status, if given), most recently changed first.

        Keyset pagination on (updated_at, id): `after` is the last item's key of the previous
        page, so page 200 costs what page 1 does and a page changing meanwhile neither repeats
        nor skips the others. Served by ix_pages_status_updated_at (or the updated_at index)."""
        verdict = PageRow.verdict["status"].as_string()
        stmt = select(
            PageRow.id,
            PageRow.slug,
            PageRow.title,
            PageRow.status,
            verdict,
            PageRow.reasons,
            PageRow.article_ids,
            PageRow.updated_at,
        ).order_by(PageRow.updated_at.desc(), PageRow.id.desc())
        if status is not None:
            stmt = stmt.where(PageRow.status == PageStatus(status).value)
        if after is not None:
            at, page_id = after
            stmt = stmt.where(
                PageRow.updated_at <= at,  # a range the index serves, however deep the page
                or_(
                    PageRow.updated_at < at,
                    and_(PageRow.updated_at == at, PageRow.id < page_id),
                ),
            )
        with self._s.read() as session:
            rows = session.execute(stmt.limit(limit + 1)).all()
            total = self._count(session, PageStatus(status) if status is not None else None)
        items = tuple(
            PageListing(
                id=row[0],
                slug=row[1],
                title=row[2],
                status=PageStatus(row[3]),
                verdict=str(row[4]),
                reasons=tuple(row[5] or ()),
                sources=len(row[6] or ()),
                updated_at=row[7],
            )
            for row in rows[:limit]
        )
        more = len(rows) > limit
        return ListingPage(
            items, total, (items[-1].updated_at, items[-1].id) if more and items else None
        )

    def published_hashes(self) -> dict[str, str]:
        """Slug → content hash of every published page, without loading the pages (the site
        builder compares them with its last build to read only what changed)."""
        stmt = select(PageRow.slug, PageRow.content_hash).where(
            PageRow.status == PageStatus.PUBLISHED.value
        )
        with self._s.read() as session:
            return {slug: digest for slug, digest in session.execute(stmt)}

    def changed_since(
        self, since: datetime, status: PageStatus | None = None
    ) -> builtins.list[PageRecord]:
        """Pages saved with a change at or after `since`, oldest change first."""
        stmt = select(PageRow).where(PageRow.updated_at >= since)
        if status is not None:
            stmt = stmt.where(PageRow.status == PageStatus(status).value)
        stmt = stmt.order_by(PageRow.updated_at, PageRow.id)
        with self._s.read() as session:
            return [row_to_record(r) for r in session.scalars(stmt)]

    def set_status(self, page_id: str, status: PageStatus) -> bool:
        with self._s.write() as session:
            result = session.execute(
                update(PageRow)
                .where(PageRow.id == page_id)
                .values(status=PageStatus(status).value, updated_at=self._s.now())
            )
            return bool(getattr(result, "rowcount", 0))

    def remove(self, page_id: str) -> bool:
        with self._s.write() as session:
            result = session.execute(delete(PageRow).where(PageRow.id == page_id))
            return bool(getattr(result, "rowcount", 0))
