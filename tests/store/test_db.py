"""URLs users type map to the driver we support; SQLite gets its concurrency settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from newsdesk.errors import StoreError
from newsdesk.store.db import SQLITE_BUSY_TIMEOUT_MS, create_store_engine, normalise_url, redact


@pytest.mark.parametrize(
    "given",
    [
        "postgresql://u:p@db.example:5433/news",
        "postgres://u:p@db.example:5433/news",
        "postgresql+psycopg://u:p@db.example:5433/news",
    ],
)
def test_postgresql_urls_use_psycopg3(given: str) -> None:
    url = normalise_url(given)
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database, url.username) == ("db.example", 5433, "news", "u")


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("postgresql+psycopg2://u@h/db", "psycopg2"),
        ("mysql://u@h/db", "only sqlite"),
        ("sqlite+aiosqlite:///x.db", "aiosqlite"),
        ("not a url", "not a database URL"),
    ],
)
def test_unsupported_urls_are_refused_clearly(given: str, why: str) -> None:
    with pytest.raises(StoreError, match=why):
        normalise_url(given)


def test_redact_hides_the_password() -> None:
    assert redact("postgresql://me:hunter2@h/db") == "postgresql://me:***@h/db"


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path}/sub/dir/x.sqlite")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert (
                connection.execute(text("PRAGMA busy_timeout")).scalar() == SQLITE_BUSY_TIMEOUT_MS
            )
        assert (tmp_path / "sub" / "dir" / "x.sqlite").exists()
    finally:
        engine.dispose()


def test_in_memory_sqlite_keeps_its_data_between_calls(tmp_path: Path) -> None:
    from newsdesk.store import Store

    from .factories import feed_source

    with Store.open("sqlite://", tmp_path / "data") as store:
        store.add_source(feed_source())
        assert store.list_sources() == [feed_source()]
