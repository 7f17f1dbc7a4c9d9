"""The watcher's schedule in the database: saved with the source, paused and resumed, and shown
where the desk shows source health (the sources page, `sources list`, the JSON API)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdesk.store import Store
from newsdesk.types import Source, SourceKind
from tests.web.conftest import TOKEN, make_desk
from tests.web.test_desk import login

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def test_schedule_saved_paused_and_resumed(db_url: str, data_dir: Path) -> None:
    with Store.open(db_url, data_dir) as store:
        source = store.add_source(Source(SourceKind.FEED, "https://exemple.fr/a.xml"))
        assert store.schedules.get(source.id) is not None
        assert store.schedules.get(source.id).next_check_at is None  # type: ignore[union-attr]
        hints = {"at": NOW.isoformat(), "ttl": 1800.0}
        history = [{"at": NOW.isoformat(), "new": 2, "ok": True}]
        store.schedules.save(
            source.id,
            next_check_at=NOW + timedelta(minutes=30),
            check_interval=1800.0,
            hints=hints,
            history=history,
        )
        saved = store.schedules.get(source.id)
        assert saved is not None
        assert saved.next_check_at == NOW + timedelta(minutes=30)
        assert (saved.hints, saved.history, saved.paused_at) == (hints, history, None)

        for _ in range(3):
            store.record_fetch(source.id, ok=False, error="http_500: boom")
        store.schedules.save(
            source.id,
            next_check_at=NOW,
            check_interval=0.0,
            hints=None,
            history=history,
            paused_at=NOW,
        )
        (health,) = store.source_health()
        assert health.paused_at == NOW and health.consecutive_errors == 3

        assert store.schedules.resume(source.id)
        resumed = store.schedules.get(source.id)
        assert resumed is not None
        assert (resumed.paused_at, resumed.next_check_at, resumed.consecutive_errors) == (
            None,
            None,
            0,
        )
        assert not store.schedules.resume("nosuchsource")


def test_the_desk_shows_a_paused_source_and_the_next_check(tmp_path: Path) -> None:
    desk = make_desk(tmp_path)
    try:
        (source,) = desk.store.list_sources()
        desk.store.schedules.save(
            source.id,
            next_check_at=NOW,
            check_interval=0.0,
            hints=None,
            history=[],
            paused_at=NOW,
        )
        assert login(desk.client) == 303
        page = desk.client.get("/desk/sources").text
        assert "En pause depuis" in page and f"newsdesk sources resume {source.id}" in page
        api = desk.client.get(
            "/api/v1/sources", headers={"Authorization": f"Bearer {TOKEN}"}
        ).json()
        assert api["sources"][0]["paused_at"] == NOW.isoformat()

        desk.store.schedules.resume(source.id)
        desk.store.schedules.save(
            source.id,
            next_check_at=NOW + timedelta(hours=1),
            check_interval=3600.0,
            hints=None,
            history=[],
        )
        page = desk.client.get("/desk/sources").text
        assert "En pause" not in page and "Prochaine collecte" in page
    finally:
        desk.store.close()
