"""/metrics in the Prometheus text exposition format, built from the database at each scrape.

No counter lives in this process: a `CollectorRegistry` is made per scrape and filled from the
tables the desk writes (see store/repositories/readings.py), so the numbers are the same
whichever process serves them — a `serve` on another machine than the `watch` that does the
work, or several replicas behind a load balancer — and survive restarts. Counters (`_total`)
only grow because the rows they count are never deleted by the desk.

Metrics (labels in braces):
- newsdesk_database_up: 1 when the database answered this scrape (0: nothing else follows)
- newsdesk_items_fetched_total: raw items fetched and stored, all runs
- newsdesk_articles_extracted_total
- newsdesk_rejections_total{reason}
- newsdesk_pages{status}: pages now published, held, failed, rejected (a gauge: an editor's
  decision moves a page from held to published)
- newsdesk_cycles_total{status}
- newsdesk_last_cycle_duration_seconds, newsdesk_last_cycle_end_timestamp_seconds,
  newsdesk_last_cycle_success (0 when it failed), newsdesk_last_cycle_items{count}: the
  latest finished cycle and its counts (fetched, new, pages_published, ...)
- newsdesk_source_lag_seconds{source,location}: now minus the source's last successful fetch
  (minus its creation when it never had one)
- newsdesk_source_state{source,location,state}: 1 for the source's state, 0 for the others:
  ok, failing (its last fetch failed), paused (`newsdesk watch` stopped checking it after
  repeated failures), disabled
- newsdesk_source_consecutive_errors{source,location}

`location` is the source's URL without credentials, query or fragment, or a local source's
folder or file name (see `public_location`). Optional protection: with health.metrics_token,
the JSON API's bearer token is required.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from urllib.parse import urlsplit

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from newsdesk.errors import StoreError
from newsdesk.log import get_logger
from newsdesk.store.models import PAGE_STATUSES
from newsdesk.store.records import RunRecord, RunStatus
from newsdesk.store.repositories.readings import CycleReadings, Readings, SourceReading, Totals
from newsdesk.web.api import authorised
from newsdesk.web.desk_state import Clock
from newsdesk.web.settings import DeskSettings

log = get_logger(__name__)

SOURCE_STATES = ("ok", "failing", "paused", "disabled")
SOURCE_LABELS = ["source", "location"]


def public_location(location: str) -> str:
    """The `location` label: a URL without its user, password, query and fragment (feed URLs
    of paid services carry keys there, and /metrics is open by default), a local path by its
    last component (the server's folders are nobody's business)."""
    parts = urlsplit(location)
    if parts.scheme in ("http", "https") and parts.hostname:
        host = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
        return f"{parts.scheme}://{host}{parts.path}"
    return PurePath(location).name or location


def source_state(source: SourceReading) -> str:
    """paused > disabled > failing > ok: a paused source is usually failing too, and the pause
    is what an operator must act on."""
    if source.paused_at is not None:
        return "paused"
    if not source.enabled:
        return "disabled"
    if source.consecutive_errors > 0:
        return "failing"
    return "ok"


@dataclass(frozen=True)
class Scrape:
    """What one scrape read; None everywhere when the database did not answer."""

    now: datetime
    totals: Totals | None
    cycles: CycleReadings | None
    sources: list[SourceReading]


class DeskCollector:
    """A prometheus_client collector over one `Scrape` (registered in a fresh registry)."""

    def __init__(self, scrape: Scrape) -> None:
        self._scrape = scrape

    def collect(self) -> Iterator[Metric]:
        scrape = self._scrape
        up = GaugeMetricFamily(
            "newsdesk_database_up", "1 when the database answered this scrape, 0 when it did not."
        )
        up.add_metric([], 1.0 if scrape.totals is not None else 0.0)
        yield up
        if scrape.totals is not None:
            yield from _totals(scrape.totals)
        if scrape.cycles is not None and scrape.cycles.finished is not None:
            yield from _last_cycle(scrape.cycles.finished)
        if scrape.totals is not None:
            yield from _sources(scrape.sources, scrape.now)


def _totals(totals: Totals) -> Iterable[Metric]:
    items = CounterMetricFamily(
        "newsdesk_items_fetched", "Raw items fetched and stored by the desk, all runs."
    )
    items.add_metric([], totals.raw_items)
    yield items
    articles = CounterMetricFamily(
        "newsdesk_articles_extracted", "Articles extracted from the fetched items, all runs."
    )
    articles.add_metric([], totals.articles)
    yield articles
    rejections = CounterMetricFamily(
        "newsdesk_rejections",
        "Items, articles and pages rejected, by reason code, all runs.",
        labels=["reason"],
    )
    for reason, n in sorted(totals.rejections.items()):
        rejections.add_metric([reason], n)
    yield rejections
    pages = GaugeMetricFamily(
        "newsdesk_pages",
        "Story pages by status (published, held for review, ...).",
        labels=["status"],
    )
    for status in sorted(set(PAGE_STATUSES) | set(totals.pages)):
        pages.add_metric([status], totals.pages.get(status, 0))
    yield pages
    cycles = CounterMetricFamily(
        "newsdesk_cycles", "Desk cycles by how they ended (running: not ended).", labels=["status"]
    )
    for status in sorted(set(s.value for s in RunStatus) | set(totals.runs)):
        cycles.add_metric([status], totals.runs.get(status, 0))
    yield cycles


def _last_cycle(run: RunRecord) -> Iterable[Metric]:
    assert run.finished_at is not None
    duration = GaugeMetricFamily(
        "newsdesk_last_cycle_duration_seconds", "Duration of the latest finished desk cycle."
    )
    duration.add_metric([], (run.finished_at - run.started_at).total_seconds())
    yield duration
    end = GaugeMetricFamily(
        "newsdesk_last_cycle_end_timestamp_seconds",
        "When the latest finished desk cycle ended (Unix time).",
    )
    end.add_metric([], run.finished_at.timestamp())
    yield end
    success = GaugeMetricFamily(
        "newsdesk_last_cycle_success", "1 unless the latest finished desk cycle failed."
    )
    success.add_metric([], 0.0 if run.status == RunStatus.FAILED.value else 1.0)
    yield success
    counts = GaugeMetricFamily(
        "newsdesk_last_cycle_items",
        "Counts of the latest finished desk cycle (fetched, new, extracted, pages_published, ...).",
        labels=["count"],
    )
    for name, n in sorted(run.counts.items()):
        if not name.startswith("rejected."):  # by reason: newsdesk_rejections_total
            counts.add_metric([name], n)
    yield counts


def _sources(sources: list[SourceReading], now: datetime) -> Iterable[Metric]:
    lag = GaugeMetricFamily(
        "newsdesk_source_lag_seconds",
        "Seconds since the source's last successful fetch (since it was added, if never).",
        labels=SOURCE_LABELS,
    )
    state = GaugeMetricFamily(
        "newsdesk_source_state",
        "1 for the source's state (ok, failing, paused, disabled), 0 for the others.",
        labels=[*SOURCE_LABELS, "state"],
    )
    errors = GaugeMetricFamily(
        "newsdesk_source_consecutive_errors",
        "Failed fetches of the source since its last success.",
        labels=SOURCE_LABELS,
    )
    for source in sources:
        labels = [source.id, public_location(source.location)]
        since = source.last_ok_at or source.created_at
        lag.add_metric(labels, max(0.0, (now - since).total_seconds()))
        current = source_state(source)
        for name in SOURCE_STATES:
            state.add_metric([*labels, name], 1.0 if name == current else 0.0)
        errors.add_metric(labels, source.consecutive_errors)
    yield lag
    yield state
    yield errors


def read_scrape(readings: Readings, clock: Clock) -> Scrape:
    try:
        totals, cycles, sources = readings.totals(), readings.cycles(), readings.sources()
    except StoreError as exc:
        log.warning("metrics_database_error", error=str(exc))
        return Scrape(clock(), None, None, [])
    return Scrape(clock(), totals, cycles, sources)


def exposition(scrape: Scrape) -> bytes:
    """The text exposition of one scrape, from a registry made for it alone."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DeskCollector(scrape))
    return generate_latest(registry)


def endpoint(
    readings: Readings, clock: Clock, desk: DeskSettings, token_required: bool
) -> Callable[[Request], Awaitable[Response]]:
    async def metrics(request: Request) -> Response:
        if token_required and not authorised(request, desk):
            return JSONResponse(
                {"error": "unauthorised"}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
            )
        scrape = await run_in_threadpool(read_scrape, readings, clock)
        return Response(
            exposition(scrape),
            media_type=CONTENT_TYPE_LATEST,
            headers={"Cache-Control": "no-store"},
        )

    return metrics
