"""The review audit trail: who did what to which page, when and why."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select, update

from newsdesk.errors import StoreError
from newsdesk.store.codec import JsonValue
from newsdesk.store.models import DecisionRow, PageRow
from newsdesk.store.records import Decision, DecisionAction, PageStatus
from newsdesk.store.sessions import Sessions


def row_to_decision(row: DecisionRow) -> Decision:
    return Decision(
        page_id=row.page_id,
        action=DecisionAction(row.action),
        who=row.who,
        at=row.at,
        reason=row.reason,
        details=dict(row.details or {}),
        id=row.id,
    )


class DecisionRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def record(self, decision: Decision, new_status: PageStatus | None = None) -> Decision:
        """Store a decision and, in the same transaction, set the page's status.

        The content hash of the page as decided on is added to `details["content_hash"]`, so
        an approval or rejection sticks to that content only (see repositories.pages)."""
        with self._s.write() as session:
            page = session.get(PageRow, decision.page_id)
            if page is None:
                raise StoreError(f"no page {decision.page_id} to record a decision on")
            details: dict[str, JsonValue] = {**decision.details, "content_hash": page.content_hash}
            row = DecisionRow(
                page_id=decision.page_id,
                action=DecisionAction(decision.action).value,
                who=decision.who,
                at=decision.at,
                reason=decision.reason,
                details=details,
            )
            session.add(row)
            if new_status is not None:
                session.execute(
                    update(PageRow)
                    .where(PageRow.id == decision.page_id)
                    .values(status=PageStatus(new_status).value, updated_at=self._s.now())
                )
            session.flush()
            return replace(decision, details=details, id=row.id)

    def list(self, page_id: str | None = None, limit: int | None = None) -> list[Decision]:
        """Decisions, newest first (for one page, if given)."""
        stmt = select(DecisionRow).order_by(DecisionRow.at.desc(), DecisionRow.id.desc())
        if page_id is not None:
            stmt = stmt.where(DecisionRow.page_id == page_id)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._s.read() as session:
            return [row_to_decision(r) for r in session.scalars(stmt)]
