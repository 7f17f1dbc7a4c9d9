"""Desk runs (start, finish with counts and status) and the rejections recorded in each."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import func, insert, select, update

from newsdesk.errors import StoreError
from newsdesk.store.models import RejectionRow, RunRow
from newsdesk.store.records import RunRecord, RunStart, RunStatus
from newsdesk.store.sessions import Sessions
from newsdesk.types import Rejection


def row_to_run(row: RunRow) -> RunRecord:
    return RunRecord(
        id=row.id,
        started_at=row.started_at,
        finished_at=row.finished_at,
        status=row.status,
        counts={str(k): int(v) for k, v in (row.counts or {}).items()},
    )


class RunRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def start(self, now: datetime) -> RunStart:
        """Record a new run, and mark every earlier run still `running` as `interrupted`
        (its end time stays unknown): a run that finishes, even by failing, records its own
        status, so one still running when another starts was killed (kill -9, power loss).

        This assumes one run at a time per database; a concurrent run marked here by mistake
        records its real status when it finishes (`finish` overwrites it)."""
        with self._s.write() as session:
            stale = session.scalars(
                select(RunRow).where(RunRow.status == RunStatus.RUNNING.value).order_by(RunRow.id)
            ).all()
            for old in stale:
                old.status = RunStatus.INTERRUPTED.value
            row = RunRow(started_at=now, status=RunStatus.RUNNING.value, counts={})
            session.add(row)
            session.flush()
            return RunStart(int(row.id), tuple(row_to_run(old) for old in stale))

    def finish(
        self, run_id: int, counts: Mapping[str, int], status: str, now: datetime | None = None
    ) -> None:
        with self._s.write() as session:
            result = session.execute(
                update(RunRow)
                .where(RunRow.id == run_id)
                .values(
                    finished_at=now or self._s.now(),
                    status=str(status),
                    counts={str(k): int(v) for k, v in counts.items()},
                )
            )
            if not getattr(result, "rowcount", 0):
                raise StoreError(f"cannot finish run {run_id}: no such run")

    def get(self, run_id: int) -> RunRecord | None:
        with self._s.read() as session:
            row = session.get(RunRow, run_id)
            return row_to_run(row) if row else None

    def last(self, limit: int = 10) -> list[RunRecord]:
        """The most recent runs, newest first."""
        stmt = select(RunRow).order_by(RunRow.started_at.desc(), RunRow.id.desc()).limit(limit)
        with self._s.read() as session:
            return [row_to_run(r) for r in session.scalars(stmt)]


class RejectionRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def add(self, run_id: int, rejection: Rejection) -> None:
        self.add_many(run_id, [rejection])

    def add_many(self, run_id: int, rejections: Iterable[Rejection]) -> int:
        now = self._s.now()
        rows = [
            {
                "run_id": run_id,
                "item": r.item,
                "stage": r.stage,
                "reason": r.reason,
                "detail": r.detail,
                "source_id": r.source_id,
                "created_at": now,
            }
            for r in rejections
        ]
        if rows:
            with self._s.write() as session:
                session.execute(insert(RejectionRow), rows)
        return len(rows)

    def list(self, run_id: int | None = None, reason: str | None = None) -> list[Rejection]:
        """Rejections in the order they were recorded, for one run and/or one reason."""
        stmt = select(RejectionRow).order_by(RejectionRow.id)
        if run_id is not None:
            stmt = stmt.where(RejectionRow.run_id == run_id)
        if reason is not None:
            stmt = stmt.where(RejectionRow.reason == reason)
        with self._s.read() as session:
            return [
                Rejection(
                    item=r.item,
                    stage=r.stage,
                    reason=r.reason,
                    detail=r.detail,
                    source_id=r.source_id,
                )
                for r in session.scalars(stmt)
            ]

    def counts_by_reason(self, run_id: int | None = None) -> dict[str, int]:
        """{reason: count}, largest first, for one run or all runs."""
        n = func.count().label("n")
        stmt = select(RejectionRow.reason, n).group_by(RejectionRow.reason)
        if run_id is not None:
            stmt = stmt.where(RejectionRow.run_id == run_id)
        with self._s.read() as session:
            rows = sorted(session.execute(stmt).all(), key=lambda r: (-r[1], r[0]))
        return {reason: int(count) for reason, count in rows}
