"""Runs with their counts, and rejections counted by reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.errors import StoreError
from newsdesk.store import RunStatus, Store
from newsdesk.types import Rejection

T0 = datetime(2024, 6, 1, 8, 0, tzinfo=UTC)


def test_run_counts_round_trip(store: Store) -> None:
    run_id = store.start_run(T0)
    (running,) = store.last_runs()
    assert (running.id, running.status, running.finished_at, running.counts) == (
        run_id,
        RunStatus.RUNNING,
        None,
        {},
    )
    counts = {"fetched": 12, "new": 7, "unchanged": 5, "rejected": 3, "pages_written": 4}
    store.finish_run(run_id, counts, RunStatus.OK)
    run = store.runs.get(run_id)
    assert run is not None
    assert run.counts == counts
    assert run.status == "ok"
    assert run.started_at == T0
    assert run.finished_at is not None and run.finished_at.tzinfo is not None


def test_last_runs_newest_first(store: Store) -> None:
    ids = [store.start_run(T0 + timedelta(hours=i)) for i in range(5)]
    for run_id in ids:
        store.finish_run(run_id, {"new": run_id}, "ok")
    assert [r.id for r in store.last_runs(3)] == ids[::-1][:3]


def test_finishing_an_unknown_run_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no such run"):
        store.finish_run(424242, {}, "ok")


def test_rejections_by_run_and_reason(store: Store) -> None:
    first, second = store.start_run(T0), store.start_run(T0 + timedelta(hours=1))
    bad = [
        Rejection("https://a.example/feed", "ingest", "http_500", "Internal Server Error", "s1"),
        Rejection("https://a.example/x", "ingest", "too_large", "52 MB > 10 MB", "s1"),
        Rejection("/data/vide.html", "extract", "empty_body", "aucun texte trouvé"),
        Rejection("https://b.example/feed", "ingest", "http_500", "", "s2"),
        Rejection("https://c.example/", "ingest", "http_500", "", "s3"),
    ]
    for r in bad:
        store.add_rejection(first, r)
    store.add_rejections(second, [Rejection("https://a.example/feed", "ingest", "timeout", "15 s")])
    assert store.rejections.list(first) == bad
    assert store.rejections.counts_by_reason(first) == {
        "http_500": 3,
        "empty_body": 1,
        "too_large": 1,
    }
    assert list(store.rejections.counts_by_reason(first)) == ["http_500", "empty_body", "too_large"]
    assert store.rejections.counts_by_reason(second) == {"timeout": 1}
    assert store.rejections.counts_by_reason() == {
        "http_500": 3,
        "empty_body": 1,
        "timeout": 1,
        "too_large": 1,
    }
    assert [r.item for r in store.rejections.list(reason="timeout")] == ["https://a.example/feed"]


def test_a_rejection_needs_a_real_run(store: Store) -> None:
    with pytest.raises(StoreError, match="constraint"):
        store.add_rejection(999, Rejection("x", "ingest", "http_404"))


def test_a_new_run_marks_unfinished_earlier_runs_interrupted(store: Store) -> None:
    done = store.start_run(T0)
    store.finish_run(done, {"new": 1}, RunStatus.OK)
    killed = [store.runs.start(T0 + timedelta(hours=h)).id for h in (1, 2)]
    assert store.runs.get(killed[0]).status == RunStatus.INTERRUPTED  # type: ignore[union-attr]
    started = store.runs.start(T0 + timedelta(hours=3))
    assert [r.id for r in started.interrupted] == killed[1:]
    assert started.interrupted[0].status == RunStatus.INTERRUPTED
    by_id = {r.id: r for r in store.last_runs()}
    assert by_id[done].status == RunStatus.OK and by_id[done].finished_at is not None
    for run_id in killed:
        assert by_id[run_id].status == RunStatus.INTERRUPTED
        assert by_id[run_id].finished_at is None  # when it stopped is not known
    assert by_id[started.id].status == RunStatus.RUNNING
