"""Store fixtures: every store test runs on SQLite and on a throwaway PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdesk.store import Store

from .pg_server import PgServer, unavailable_reason

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


class StepClock:
    """A clock the test moves: starts at a fixed instant, advances one second per reading
    unless frozen, so stored times are distinct and ordered like real ones."""

    def __init__(self, start: datetime = datetime(2024, 5, 31, 16, 41, tzinfo=UTC)) -> None:
        self.now = start
        self.step = timedelta(seconds=1)

    def __call__(self) -> datetime:
        value = self.now
        self.now += self.step
        return value


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    server = PgServer.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A URL of a fresh, empty database on each backend."""
    if backend == "sqlite":
        yield f"sqlite:///{(tmp_path / 'db' / 'newsdesk.sqlite').as_posix()}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    url = server.create_database()
    try:
        yield url
    finally:
        server.drop_database(url)


@pytest.fixture(scope="session")
def pg_shared_url(pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory) -> str:
    """One migrated PostgreSQL database for the `store` fixture, emptied before each test
    (creating a database per test costs about a second on a loaded machine)."""
    url = pg_server.create_database("newsdesk_shared")
    Store.open(url, tmp_path_factory.mktemp("pg-shared")).close()
    return url


def _empty_all_tables(store: Store) -> None:
    from newsdesk.store.models import Base

    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with store.engine.begin() as connection:
        connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


@pytest.fixture
def clock() -> StepClock:
    return StepClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(
    backend: str, tmp_path: Path, data_dir: Path, clock: StepClock, request: pytest.FixtureRequest
) -> Iterator[Store]:
    """An open, migrated, empty store on each backend, with the test's clock."""
    if backend == "sqlite":
        url = f"sqlite:///{(tmp_path / 'db' / 'newsdesk.sqlite').as_posix()}"
    else:
        url = request.getfixturevalue("pg_shared_url")
    with Store.open(url, data_dir, clock=clock) as opened:
        if backend == "postgresql":
            _empty_all_tables(opened)
        yield opened
