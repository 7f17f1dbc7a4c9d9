"""`newsdesk watch`: desk cycles until stopped, each source checked on its own schedule.

Each turn of the loop reads the roster (a source added at the desk joins at the next turn),
runs one cycle (`run_cycle`) over the sources that are due, and sleeps until the next one is
due. New items are therefore composed, verified and published in the cycle that fetched them,
and the site is rebuilt incrementally (`build_from_store` writes only what changed). After each
source's check its next one is planned by `desk.schedule` from the response's hints, its recent
history and its failures, and stored with the source, so a restarted watcher keeps the schedule.

The loop stops when `stop` is set (SIGTERM, SIGINT, `serve` shutting down): the cycle in progress
ends after its current item, and the wait between cycles ends at once.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from newsdesk.config import Settings
from newsdesk.desk.cycle import Progress, SourceOutcome, run_cycle
from newsdesk.desk.roster import Roster
from newsdesk.desk.schedule import (
    Check,
    Hints,
    hints_from,
    history_from_json,
    history_to_json,
    plan_next,
    remember,
)
from newsdesk.desk.summary import RunSummary
from newsdesk.ingest.fetcher import ResponseMeta
from newsdesk.log import get_logger
from newsdesk.store import Store
from newsdesk.store.repositories.schedules import SourceSchedule
from newsdesk.types import Source

log = get_logger(__name__)

#: Longest single sleep between cycles, in seconds: the roster is read again after it, so a
#: source added (or resumed) at the desk is picked up within this time.
MAX_SLEEP = 60.0


class Stoppable(Protocol):
    """A stop flag one can wait on (threading.Event)."""

    def is_set(self) -> bool: ...

    def wait(self, timeout: float | None = None) -> bool: ...


@dataclass
class WatchReport:
    cycles: int = 0
    # The last cycle's summary only: a watcher runs for months, a list of every one would grow.
    last: RunSummary | None = None
    new: int = 0  # new items over all cycles
    stopped: bool = False  # ended by the stop flag (rather than --max-cycles / --until-idle)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def hints_of(response: ResponseMeta | None) -> Hints | None:
    """The scheduling hints in a source's last response (None for files, or no response)."""
    if response is None:
        return None
    feed = dict(response.feed_hints)
    return hints_from(
        at=response.received_at,
        status=response.status,
        headers=response.headers,
        ttl=feed.get("ttl"),
        update_period=feed.get("update_period"),
        update_frequency=feed.get("update_frequency"),
    )


def is_due(schedule: SourceSchedule | None, now: datetime) -> bool:
    if schedule is None:
        return True
    if schedule.paused_at is not None:
        return False
    return schedule.next_check_at is None or schedule.next_check_at <= now


def reschedule(
    store: Store,
    outcome: SourceOutcome,
    before: SourceSchedule | None,
    settings: Settings,
    now: datetime,
    rng: random.Random | None = None,
) -> None:
    """Plan and store the next check of the source `outcome` is about."""
    history = history_from_json(before.history if before else None)
    history = remember(history, Check(now, outcome.new, outcome.ok), settings.watch.history)
    failures = 0 if outcome.ok else (before.consecutive_errors if before else 0) + 1
    hints = hints_of(outcome.response)
    plan = plan_next(
        hints=hints,
        history=history,
        failures=failures,
        previous=before.check_interval if before else None,
        now=now,
        settings=settings.watch,
        rng=rng,
    )
    store.schedules.save(
        outcome.source.id,
        next_check_at=plan.next_at,
        check_interval=plan.interval,
        hints=hints.to_json() if hints else None,
        history=history_to_json(history),
        paused_at=now if plan.paused else None,
    )
    log.info(
        "source_scheduled",
        source=outcome.source.location,
        next_check_at=plan.next_at.isoformat(),
        interval=round(plan.interval, 1),
        reason=plan.reason,
        paused=plan.paused,
        failures=failures,
    )
    if plan.paused:
        log.warning("source_paused", source=outcome.source.location, failures=failures)


def next_wake(store: Store, sources: list[Source], now: datetime) -> float | None:
    """Seconds until the next active source is due (0: one is due now; None: none active)."""
    schedules = store.schedules.all()
    times = []
    for source in sources:
        schedule = schedules.get(source.id)
        if schedule is not None and schedule.paused_at is not None:
            continue
        if schedule is None or schedule.next_check_at is None:
            return 0.0
        times.append(schedule.next_check_at)
    if not times:
        return None
    return max(0.0, (min(times) - now).total_seconds())


def watch(
    store: Store,
    settings: Settings,
    roster: Callable[[], Roster],
    stop: Stoppable,
    *,
    max_cycles: int | None = None,
    until_idle: bool = False,
    clock: Callable[[], datetime] = _utc_now,
    rng: random.Random | None = None,
    progress: Progress | None = None,
    on_cycle: Callable[[RunSummary], None] | None = None,
) -> WatchReport:
    """Run cycles over the due sources until `stop` is set, `max_cycles` cycles have run, or
    (`until_idle`) a cycle brought nothing new."""
    report = WatchReport()
    while not stop.is_set():
        current = roster()
        now = clock()
        schedules = store.schedules.all()
        active = [s for s in current.sources if s.enabled]
        due = [s for s in active if is_due(schedules.get(s.id), now)]
        if due:

            def scheduled(
                outcome: SourceOutcome, known: dict[str, SourceSchedule] = schedules
            ) -> None:
                before = known.get(outcome.source.id)
                reschedule(store, outcome, before, settings, clock(), rng)

            summary = run_cycle(
                store,
                due,
                settings,
                now,
                progress,
                withdrawn=current.withdrawn,
                stop=stop,
                on_source=scheduled,
            )
            report.cycles += 1
            report.last = summary
            report.new += summary.new
            log.info("watch_cycle", cycle=report.cycles, sources=len(due), new=summary.new)
            if on_cycle is not None:
                on_cycle(summary)
            if max_cycles is not None and report.cycles >= max_cycles:
                break
            if until_idle and summary.new == 0:
                break
            continue  # sources may be due again already (an interval shorter than a cycle)
        wake = next_wake(store, active, clock())
        if wake is None and until_idle:
            break  # nothing active (every source paused or disabled)
        stop.wait(min(MAX_SLEEP, wake if wake is not None else MAX_SLEEP))
    report.stopped = stop.is_set()
    return report
