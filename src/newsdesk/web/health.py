"""/healthz: is this desk working? The database answers a real query, and the last desk cycle
ended well and not too long ago. 200 when healthy, 503 otherwise, with a JSON body that says
why, for load balancers, Docker's HEALTHCHECK and uptime monitors.

No login: the answer names no page, source or secret, only times, statuses and counts (the
database's error is reported by its class name; the full message goes to the log).

Staleness (`cycle_stale`) is a cycle overdue by more than `health.max_cycle_age` seconds. A
cycle is due from the latest sign of life (a cycle starting or finishing; before any cycle, the
moment this app started, so a fresh install has that long for its first cycle) — but not before
the earliest next check `newsdesk watch` planned for an active source: a watcher whose sources
are all quiet for hours runs no cycle and is not stale, while one that died leaves its sources
overdue and goes stale. A watcher killed mid-cycle leaves its run `running` with an old start.
With sources but none active (every one paused or disabled), no cycle is expected; paused
sources are shown by /metrics.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from newsdesk.errors import StoreError
from newsdesk.log import get_logger
from newsdesk.store.records import RunRecord, RunStatus
from newsdesk.store.repositories.readings import CycleReadings, Readings, SourceReading
from newsdesk.web.desk_state import Clock

log = get_logger(__name__)

#: Ends of a cycle that make the desk unhealthy. `interrupted` is not one: it marks a cycle
#: killed before the current process started, which recovered by starting a new one.
FAILED_STATUSES = frozenset({RunStatus.FAILED.value})


@dataclass(frozen=True)
class Health:
    checked_at: datetime
    database_error: str | None  # class name of the error, None when the database answered
    cycles: CycleReadings | None
    problems: tuple[str, ...]
    max_cycle_age: float
    due_since: datetime | None = None  # when a cycle became due; None: none is expected

    @property
    def healthy(self) -> bool:
        return not self.problems


def assess(
    cycles: CycleReadings | None,
    database_error: str | None,
    now: datetime,
    up_since: datetime,
    max_cycle_age: float,
    sources: list[SourceReading] | None = None,
) -> Health:
    """The verdict from what was read (pure: the clock and the readings are passed in).
    `sources` None: not read (no schedule taken into account)."""
    problems: list[str] = []
    due: datetime | None = None
    if database_error is not None or cycles is None:
        problems.append("database_unreachable")
    else:
        if cycles.finished is not None and cycles.finished.status in FAILED_STATUSES:
            problems.append("last_cycle_failed")
        due = _due_since(cycles, up_since, sources)
        if max_cycle_age > 0 and due is not None and (now - due).total_seconds() > max_cycle_age:
            problems.append("cycle_stale")
    return Health(now, database_error, cycles, tuple(problems), max_cycle_age, due)


def _due_since(
    cycles: CycleReadings, up_since: datetime, sources: list[SourceReading] | None
) -> datetime | None:
    """When the next cycle became due, or None when none is expected (no active source)."""
    due = _last_sign_of_life(cycles, up_since)
    if not sources:  # not read, or none yet (a fresh install: its first cycle adds them)
        return due
    active = [s for s in sources if s.enabled and s.paused_at is None]
    if not active:
        return None
    planned = [s.next_check_at for s in active]
    if all(t is not None for t in planned):  # every active source has its next check planned
        due = max(due, min(t for t in planned if t is not None))
    return due


def _last_sign_of_life(cycles: CycleReadings, up_since: datetime) -> datetime:
    moments = [
        t
        for t in (
            cycles.finished.finished_at if cycles.finished else None,
            cycles.latest.started_at if cycles.latest else None,
        )
        if t is not None
    ]
    return max(moments) if moments else up_since


def _duration(run: RunRecord) -> float | None:
    if run.finished_at is None:
        return None
    return round((run.finished_at - run.started_at).total_seconds(), 3)


def health_json(health: Health) -> dict[str, Any]:
    cycles = health.cycles
    finished = cycles.finished if cycles else None
    latest = cycles.latest if cycles else None
    running = latest if latest is not None and latest.status == RunStatus.RUNNING.value else None
    return {
        "status": "ok" if health.healthy else "unhealthy",
        "problems": list(health.problems),
        "checked_at": health.checked_at.isoformat(),
        "database": {"reachable": health.database_error is None, "error": health.database_error},
        "last_cycle": None
        if finished is None
        else {
            "id": finished.id,
            "result": finished.status,
            "started_at": finished.started_at.isoformat(),
            "finished_at": finished.finished_at.isoformat() if finished.finished_at else None,
            "duration_seconds": _duration(finished),
            "age_seconds": round(
                (health.checked_at - (finished.finished_at or finished.started_at)).total_seconds(),
                3,
            ),
        },
        "running_cycle": None
        if running is None
        else {"id": running.id, "started_at": running.started_at.isoformat()},
        "cycle_due_since": health.due_since.isoformat() if health.due_since else None,
        "max_cycle_age_seconds": health.max_cycle_age,
    }


def read_health(
    readings: Readings, clock: Clock, up_since: datetime, max_cycle_age: float
) -> Health:
    """Query the database (SELECT 1, the latest cycles, the sources' schedule) and assess."""
    cycles: CycleReadings | None = None
    sources: list[SourceReading] | None = None
    error: str | None = None
    try:
        readings.ping()
        cycles = readings.cycles()
        sources = readings.sources()
    except StoreError as exc:
        cause = exc.__cause__
        orig = getattr(cause, "orig", None) or cause or exc
        error = type(orig).__name__
        log.warning("healthz_database_error", error=str(exc))
    return assess(cycles, error, clock(), up_since, max_cycle_age, sources)


def endpoint(
    readings: Readings, clock: Clock, up_since: datetime, max_cycle_age: float
) -> Callable[[Request], Awaitable[Response]]:
    async def healthz(request: Request) -> Response:
        health = await run_in_threadpool(read_health, readings, clock, up_since, max_cycle_age)
        return JSONResponse(
            health_json(health),
            status_code=200 if health.healthy else 503,
            headers={"Cache-Control": "no-store"},
        )

    return healthz
