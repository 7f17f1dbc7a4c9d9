"""/healthz and /metrics over a store filled by a real desk cycle on the bundled samples: the
JSON health verdict (200/503, no login), and the Prometheus exposition parsed by
prometheus_client's own parser, each number checked against the store's own accounts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import update
from starlette.testclient import TestClient

from newsdesk.cli import bundled_sources
from newsdesk.config import HealthSettings, Settings
from newsdesk.desk.cycle import run_cycle
from newsdesk.desk.roster import sources_for_run
from newsdesk.desk.summary import RunSummary
from newsdesk.store import Store
from newsdesk.store.models import SourceRow
from newsdesk.store.records import PageStatus, RunRecord
from newsdesk.types import Source, SourceKind
from newsdesk.web.app import create_app
from newsdesk.web.metrics import public_location
from newsdesk.web.settings import DeskSettings

TOKEN = "metrics-token-0123456789"


class Clock:
    """The app's clock, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Monitored:
    store: Store
    settings: Settings
    run: RunRecord
    tmp: Path

    def client(self, clock: Clock, health: HealthSettings | None = None) -> TestClient:
        settings = self.settings.model_copy(update={"health": health or HealthSettings()})
        desk = DeskSettings(
            secret_key="k" * 48, api_token_hash=hashlib.sha256(TOKEN.encode()).hexdigest()
        )
        return TestClient(create_app(settings, desk=desk, store=self.store, clock=clock))


def desk_cycle(store: Store, settings: Settings, junk: Path | None = None) -> RunSummary:
    """One cycle on the bundled samples, as `newsdesk run` with no configuration does it, and
    on a folder of pages too short to keep (`junk`: rejected with reason `too_short`)."""
    roster = sources_for_run(store, None, bundled_sources())
    sources = list(roster.sources)
    if junk is not None:
        junk.mkdir()
        for i in range(3):
            (junk / f"breve-{i}.txt").write_text(f"Brève {i}\n\nTrois mots seulement.\n")
        sources.append(store.add_source(Source(SourceKind.FOLDER, str(junk), language="fr")))
    return run_cycle(store, sources, settings, datetime.now(UTC), withdrawn=roster.withdrawn)


@pytest.fixture(scope="module")
def monitored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Monitored]:
    tmp = tmp_path_factory.mktemp("monitoring")
    settings = Settings(data_dir=tmp / "data", out=tmp / "site")
    store = Store.open(settings.db_url, settings.data_dir)
    summary = desk_cycle(store, settings, junk=tmp / "junk")
    assert summary.processed_anything
    (run,) = store.last_runs(1)
    assert run.status == "ok" and run.finished_at is not None
    try:
        yield Monitored(store, settings, run, tmp)
    finally:
        store.close()


def after_run(monitored: Monitored, seconds: float) -> Clock:
    assert monitored.run.finished_at is not None
    return Clock(monitored.run.finished_at + timedelta(seconds=seconds))


def metrics(
    client: TestClient, **headers: str
) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    samples = {}
    for family in text_string_to_metric_families(response.text):
        assert family.documentation, family.name  # every metric has its HELP line
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


# /healthz


def test_healthz_after_a_good_cycle_is_200_with_its_time_result_and_duration(
    monitored: Monitored,
) -> None:
    client = monitored.client(after_run(monitored, 60))
    response = client.get("/healthz")  # no login, no token
    assert response.status_code == 200
    body = response.json()
    run = monitored.run
    assert run.finished_at is not None
    assert body["status"] == "ok" and body["problems"] == []
    assert body["database"] == {"reachable": True, "error": None}
    last = body["last_cycle"]
    assert last["id"] == run.id and last["result"] == "ok"
    assert datetime.fromisoformat(last["finished_at"]) == run.finished_at
    assert last["duration_seconds"] == pytest.approx(
        (run.finished_at - run.started_at).total_seconds(), abs=1e-3
    )
    assert last["age_seconds"] == pytest.approx(60)
    assert body["running_cycle"] is None
    assert response.headers["cache-control"] == "no-store"


def test_healthz_is_503_when_the_last_cycle_is_older_than_the_setting(monitored: Monitored) -> None:
    health = HealthSettings(max_cycle_age=600)
    assert monitored.client(after_run(monitored, 599), health).get("/healthz").status_code == 200
    response = monitored.client(after_run(monitored, 601), health).get("/healthz")
    assert response.status_code == 503
    assert response.json()["problems"] == ["cycle_stale"]
    never = HealthSettings(max_cycle_age=0)  # 0: never stale
    assert monitored.client(after_run(monitored, 10**7), never).get("/healthz").status_code == 200


def test_healthz_is_503_after_a_failed_cycle_and_recovers_with_the_next(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", out=tmp_path / "site")
    with Store.open(settings.db_url, settings.data_dir) as store:
        desk_cycle(store, settings)
        t0 = datetime.now(UTC)
        failed = store.runs.start(t0)
        store.runs.finish(failed.id, {"fetched": 0}, "failed", now=t0 + timedelta(seconds=2))
        clock = Clock(t0 + timedelta(seconds=5))
        desk = DeskSettings(secret_key="k" * 48)
        client = TestClient(create_app(settings, desk=desk, store=store, clock=clock))
        response = client.get("/healthz")
        assert response.status_code == 503
        body = response.json()
        assert body["problems"] == ["last_cycle_failed"]
        assert body["last_cycle"]["result"] == "failed"
        assert body["last_cycle"]["duration_seconds"] == 2.0
        # A cycle running now does not hide the failure; its end does.
        running = store.runs.start(t0 + timedelta(seconds=3))
        body = client.get("/healthz").json()
        assert body["running_cycle"]["id"] == running.id and body["problems"] == [
            "last_cycle_failed"
        ]
        store.runs.finish(running.id, {"fetched": 1}, "ok", now=t0 + timedelta(seconds=4))
        assert client.get("/healthz").status_code == 200


def test_a_cycle_left_running_by_a_dead_watcher_goes_stale(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", out=tmp_path / "site")
    with Store.open(settings.db_url, settings.data_dir) as store:
        desk_cycle(store, settings)
        t0 = datetime.now(UTC) + timedelta(hours=1)
        store.runs.start(t0)  # killed: never finished
        desk = DeskSettings(secret_key="k" * 48)
        health = HealthSettings(max_cycle_age=3600)
        app_settings = settings.model_copy(update={"health": health})
        clock = Clock(t0 + timedelta(minutes=59))
        client = TestClient(create_app(app_settings, desk=desk, store=store, clock=clock))
        assert client.get("/healthz").status_code == 200  # a long cycle, still in its time
        clock.now = t0 + timedelta(minutes=61)
        response = client.get("/healthz")
        assert response.status_code == 503 and response.json()["problems"] == ["cycle_stale"]


def test_a_quiet_watcher_is_not_stale_and_a_dead_one_is(tmp_path: Path) -> None:
    """Staleness follows the schedule `newsdesk watch` planned: no cycle for hours is fine when
    no source was due, not when their checks are overdue."""
    settings = Settings(
        data_dir=tmp_path / "data", out=tmp_path / "site", health=HealthSettings(max_cycle_age=3600)
    )
    with Store.open(settings.db_url, settings.data_dir) as store:
        desk_cycle(store, settings)
        (run,) = store.last_runs(1)
        assert run.finished_at is not None
        end = run.finished_at

        def plan(**values: object) -> None:
            with store.engine.begin() as connection:
                connection.execute(update(SourceRow).values(**values))

        clock = Clock(end + timedelta(hours=5))
        desk = DeskSettings(secret_key="k" * 48)
        client = TestClient(create_app(settings, desk=desk, store=store, clock=clock))
        plan(next_check_at=end + timedelta(hours=6))  # quiet: the next check is an hour away
        response = client.get("/healthz")
        assert response.status_code == 200
        assert datetime.fromisoformat(response.json()["cycle_due_since"]) == end + timedelta(
            hours=6
        )
        plan(next_check_at=end + timedelta(hours=3))  # due 2 h ago, and nothing ran: dead
        response = client.get("/healthz")
        assert response.status_code == 503 and response.json()["problems"] == ["cycle_stale"]
        plan(next_check_at=None)  # never planned (cycles from `newsdesk run`): since the last
        assert client.get("/healthz").status_code == 503
        plan(paused_at=end)  # every source paused: no cycle is expected
        body = client.get("/healthz").json()
        assert body["status"] == "ok" and body["cycle_due_since"] is None


def test_a_fresh_install_is_healthy_until_its_first_cycle_is_overdue(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "data", out=tmp_path / "site", health=HealthSettings(max_cycle_age=300)
    )
    start = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    clock = Clock(start)
    with Store.open(settings.db_url, settings.data_dir) as store:
        client = TestClient(
            create_app(settings, desk=DeskSettings(secret_key="k" * 48), store=store, clock=clock)
        )
        body = client.get("/healthz").json()
        assert body["status"] == "ok" and body["last_cycle"] is None
        clock.now = start + timedelta(seconds=301)
        assert client.get("/healthz").status_code == 503


# /metrics


def test_metrics_count_what_the_desk_run_stored(monitored: Monitored) -> None:
    store = monitored.store
    samples = metrics(monitored.client(after_run(monitored, 30)))
    assert samples[("newsdesk_database_up", ())] == 1
    health = store.source_health()
    assert samples[("newsdesk_items_fetched_total", ())] == sum(h.items for h in health) > 0
    assert samples[("newsdesk_articles_extracted_total", ())] == sum(h.articles for h in health)
    for status in PageStatus:
        total = store.pages.listing(status, 1, None).total
        assert samples[("newsdesk_pages", (("status", status.value),))] == total
    assert samples[("newsdesk_pages", (("status", "published"),))] > 0
    by_reason = {
        dict(labels)["reason"]: value
        for (name, labels), value in samples.items()
        if name == "newsdesk_rejections_total"
    }
    assert by_reason == store.rejections.counts_by_reason() and by_reason
    assert samples[("newsdesk_cycles_total", (("status", "ok"),))] == 1
    run = monitored.run
    assert run.finished_at is not None
    assert samples[("newsdesk_last_cycle_duration_seconds", ())] == pytest.approx(
        (run.finished_at - run.started_at).total_seconds()
    )
    assert samples[("newsdesk_last_cycle_end_timestamp_seconds", ())] == pytest.approx(
        run.finished_at.timestamp()
    )
    assert samples[("newsdesk_last_cycle_success", ())] == 1
    assert samples[("newsdesk_last_cycle_items", (("count", "fetched"),))] == run.counts["fetched"]


def test_metrics_give_each_source_its_lag_and_state(monitored: Monitored) -> None:
    store = monitored.store
    failing = store.add_source(Source(SourceKind.FEED, "https://mort.example/rss.xml"))
    store.sources.record_fetch(failing.id, ok=False, error="HTTP 500")
    store.sources.record_fetch(failing.id, ok=False, error="HTTP 500")
    paused = store.add_source(Source(SourceKind.FEED, "https://pause.example/rss.xml"))
    store.sources.record_fetch(paused.id, ok=False, error="HTTP 503")
    with store.engine.begin() as connection:  # what `newsdesk watch` does after N failures
        connection.execute(
            update(SourceRow).where(SourceRow.id == paused.id).values(paused_at=datetime.now(UTC))
        )
    disabled = store.add_source(Source(SourceKind.FEED, "https://off.example/rss.xml"))
    store.sources.set_enabled(disabled.id, False)
    expected = {failing.id: "failing", paused.id: "paused", disabled.id: "disabled"}
    try:
        clock = after_run(monitored, 90)
        samples = metrics(monitored.client(clock))
        seen = set()
        for h in store.source_health():
            labels = (("location", public_location(h.source.location)), ("source", h.source.id))
            since = h.last_ok_at or h.created_at
            assert samples[("newsdesk_source_lag_seconds", labels)] == pytest.approx(
                (clock.now - since).total_seconds()
            )
            want = expected.get(h.source.id, "ok")
            states = {
                state: samples[("newsdesk_source_state", (*labels, ("state", state)))]
                for state in ("ok", "failing", "paused", "disabled")
            }
            assert states == {s: float(s == want) for s in states}
            assert samples[("newsdesk_source_consecutive_errors", labels)] == h.consecutive_errors
            seen.add(want)
        assert seen == {"ok", "failing", "paused", "disabled"}
        labels = (("location", "https://mort.example/rss.xml"), ("source", failing.id))
        assert samples[("newsdesk_source_consecutive_errors", labels)] == 2
    finally:
        for source in (failing, paused, disabled):
            store.remove_source(source.id)


def test_metrics_labels_give_away_no_key_and_no_server_folder(monitored: Monitored) -> None:
    store = monitored.store
    keyed = store.add_source(
        Source(SourceKind.FEED, "https://agent:pw@wire.example:8443/feed.xml?apikey=S3CRET#top")
    )
    try:
        client = monitored.client(after_run(monitored, 1))
        body = client.get("/metrics").text
        assert "S3CRET" not in body and "agent" not in body and ":pw@" not in body
        labels = (("location", "https://wire.example:8443/feed.xml"), ("source", keyed.id))
        assert metrics(client)[("newsdesk_source_consecutive_errors", labels)] == 0
        samples_folder = bundled_sources()[0].location
        assert samples_folder not in body and 'location="articles"' in body
    finally:
        store.remove_source(keyed.id)


def test_metrics_token_is_optional(monitored: Monitored) -> None:
    guarded = monitored.client(after_run(monitored, 1), HealthSettings(metrics_token=True))
    refused = guarded.get("/metrics")
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    assert guarded.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert metrics(guarded, Authorization=f"Bearer {TOKEN}")[("newsdesk_database_up", ())] == 1
    assert guarded.get("/healthz").status_code == 200  # health stays open


# An unreachable database: a real PostgreSQL server, stopped under the running app.


@pytest.mark.postgres
def test_a_stopped_database_is_503_on_healthz_and_down_in_metrics(tmp_path: Path) -> None:
    from store.pg_server import PgServer, unavailable_reason

    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    server = PgServer.start()
    running = True
    try:
        url = server.create_database()
        settings = Settings(db=url, data_dir=tmp_path / "data", out=tmp_path / "site")
        with Store.open(url, settings.data_dir) as store:
            desk_cycle(store, settings)
            client = TestClient(
                create_app(settings, desk=DeskSettings(secret_key="k" * 48), store=store)
            )
            assert client.get("/healthz").status_code == 200
            assert metrics(client)[("newsdesk_database_up", ())] == 1
            server.stop()
            running = False
            response = client.get("/healthz")
            assert response.status_code == 503
            body = response.json()
            assert body["problems"] == ["database_unreachable"]
            assert body["database"]["reachable"] is False and body["database"]["error"]
            assert url.split("@")[-1] not in response.text  # no address given away
            assert metrics(client) == {("newsdesk_database_up", ()): 0.0}
    finally:
        if running:
            server.stop()
