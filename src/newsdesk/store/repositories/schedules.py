"""Each source's watch schedule (columns of `sources`, see migration 0007): when it is next due,
the interval chosen, the hints and recent checks it was computed from, and whether it is paused.

The rules live in newsdesk.desk.schedule; this repository only stores their inputs and result,
so a restarted watcher (or one on another machine) carries on with the same schedule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from newsdesk.store.models import SourceRow
from newsdesk.store.sessions import Sessions


@dataclass(frozen=True)
class SourceSchedule:
    source_id: str
    next_check_at: datetime | None
    check_interval: float | None
    paused_at: datetime | None
    hints: Any  # JSON, read by newsdesk.desk.schedule.Hints.from_json
    history: Any  # JSON, read by newsdesk.desk.schedule.history_from_json
    consecutive_errors: int


class ScheduleRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def all(self) -> dict[str, SourceSchedule]:
        """Every source's schedule, by source id."""
        with self._s.read() as session:
            return {
                row.id: SourceSchedule(
                    source_id=row.id,
                    next_check_at=row.next_check_at,
                    check_interval=row.check_interval,
                    paused_at=row.paused_at,
                    hints=row.schedule_hints,
                    history=row.schedule_history,
                    consecutive_errors=row.consecutive_errors,
                )
                for row in session.scalars(select(SourceRow))
            }

    def get(self, source_id: str) -> SourceSchedule | None:
        return self.all().get(source_id)

    def save(
        self,
        source_id: str,
        *,
        next_check_at: datetime,
        check_interval: float,
        hints: Any,
        history: Any,
        paused_at: datetime | None = None,
    ) -> None:
        """Record the schedule decided after a check (and pause the source when `paused_at`)."""
        values: dict[str, object] = {
            "next_check_at": next_check_at,
            "check_interval": check_interval,
            "schedule_hints": hints,
            "schedule_history": history,
        }
        if paused_at is not None:
            values["paused_at"] = paused_at
        with self._s.write() as session:
            session.execute(update(SourceRow).where(SourceRow.id == source_id).values(**values))

    def resume(self, source_id: str) -> bool:
        """Unpause a source: it is due at once and its run of failures starts again from zero."""
        with self._s.write() as session:
            result = session.execute(
                update(SourceRow)
                .where(SourceRow.id == source_id)
                .values(paused_at=None, next_check_at=None, consecutive_errors=0)
            )
            return bool(getattr(result, "rowcount", 0))
