"""What /healthz and /metrics read: the latest cycles, totals by status and reason, and each
source's fetch health, in a few aggregate queries that touch no document column.

Read-only, through the engine alone (no session, no write transaction), so that a monitoring
scrape never competes with the desk for SQLite's write lock. Everything is computed from the
tables the desk already writes (runs, rejections, pages, raw_items, articles, sources): no
counter lives in a process, so any process or machine with the database URL reports the same
numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from newsdesk.errors import StoreError
from newsdesk.store.models import (
    ArticleRow,
    PageRow,
    RawItemRow,
    RejectionRow,
    RunRow,
    SourceRow,
)
from newsdesk.store.records import RunRecord
from newsdesk.store.repositories.runs import row_to_run


@dataclass(frozen=True)
class CycleReadings:
    """The latest finished cycle (any end status) and the latest cycle of all (which may still
    be running, or have been killed while running)."""

    finished: RunRecord | None
    latest: RunRecord | None


@dataclass(frozen=True)
class SourceReading:
    id: str
    location: str
    enabled: bool
    created_at: datetime
    last_fetch_at: datetime | None
    last_ok_at: datetime | None
    consecutive_errors: int
    paused_at: datetime | None  # set by `newsdesk watch` after repeated failures (0007)
    next_check_at: datetime | None = None  # when `newsdesk watch` plans to check it (0007)


@dataclass(frozen=True)
class Totals:
    raw_items: int
    articles: int
    pages: dict[str, int]  # status -> pages
    rejections: dict[str, int]  # reason code -> rejections, all runs
    runs: dict[str, int]  # status -> runs


class Readings:
    """Aggregate reads for monitoring. Every method raises StoreError (naming the database,
    password hidden) when the database cannot answer."""

    def __init__(self, engine: Engine, label: str) -> None:
        self._engine = engine
        self._label = label

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as connection:
                yield connection
        except SQLAlchemyError as exc:
            detail = getattr(exc, "orig", None) or exc
            raise StoreError(f"{self._label}: database error: {detail}") from exc

    def ping(self) -> None:
        """A real round trip to the database (SELECT 1); raises StoreError if it fails."""
        with self._connect() as connection:
            connection.execute(text("SELECT 1")).scalar_one()

    def cycles(self) -> CycleReadings:
        # By id, the primary key, not by finished_at (no index): one writer at a time, so runs
        # end in the order they start, and the latest finished is among the last few ids.
        finished = (
            select(RunRow)
            .where(RunRow.finished_at.is_not(None))
            .order_by(RunRow.id.desc())
            .limit(1)
        )
        latest = select(RunRow).order_by(RunRow.id.desc()).limit(1)
        with self._connect() as connection:
            done = connection.execute(finished).first()
            last = connection.execute(latest).first()
        return CycleReadings(_run(done), _run(last))

    def totals(self) -> Totals:
        with self._connect() as connection:
            raw_items = connection.execute(select(func.count()).select_from(RawItemRow)).scalar()
            articles = connection.execute(select(func.count()).select_from(ArticleRow)).scalar()
            pages = connection.execute(
                select(PageRow.status, func.count()).group_by(PageRow.status)
            ).all()
            # By reason alone: the index on reason answers it (with the stage too, SQLite sorted
            # the whole table: 85 ms a scrape for 100,000 rejections against 8).
            rejections = connection.execute(
                select(RejectionRow.reason, func.count()).group_by(RejectionRow.reason)
            ).all()
            runs = connection.execute(
                select(RunRow.status, func.count()).group_by(RunRow.status)
            ).all()
        return Totals(
            raw_items=int(raw_items or 0),
            articles=int(articles or 0),
            pages={str(s): int(n) for s, n in pages},
            rejections={str(reason): int(n) for reason, n in rejections},
            runs={str(s): int(n) for s, n in runs},
        )

    def sources(self) -> list[SourceReading]:
        """Every source, enabled or not, by location. `paused_at` and `next_check_at` are
        read when the schema has them (migration 0007, `newsdesk watch`), None before."""
        paused = getattr(SourceRow, "paused_at", None)
        planned = getattr(SourceRow, "next_check_at", None)
        columns: list[Any] = [
            SourceRow.id,
            SourceRow.location,
            SourceRow.enabled,
            SourceRow.created_at,
            SourceRow.last_fetch_at,
            SourceRow.last_ok_at,
            SourceRow.consecutive_errors,
        ]
        optional = [c for c in (paused, planned) if c is not None]
        columns.extend(optional)
        with self._connect() as connection:
            rows = connection.execute(select(*columns).order_by(SourceRow.location)).all()
        return [
            SourceReading(
                id=row[0],
                location=row[1],
                enabled=bool(row[2]),
                created_at=row[3],
                last_fetch_at=row[4],
                last_ok_at=row[5],
                consecutive_errors=int(row[6] or 0),
                paused_at=row[7] if paused is not None else None,
                next_check_at=row[len(columns) - 1] if planned is not None else None,
            )
            for row in rows
        ]


def _run(row: Any) -> RunRecord | None:
    """A Core row of `runs` as a RunRecord (row_to_run reads attributes, which rows have)."""
    return row_to_run(row) if row is not None else None
