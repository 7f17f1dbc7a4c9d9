"""The schema comes from the migrations, matches the models, and opening is idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, inspect, text

from newsdesk.errors import StoreError
from newsdesk.store import Store
from newsdesk.store.db import create_store_engine
from newsdesk.store.migrate import alembic_config, current_revision, head_revision
from newsdesk.store.models import Base

from .factories import feed_source

TABLES = {
    "alembic_version",
    "articles",
    "decisions",
    "desk_sessions",
    "desk_writer",
    "fetch_state",
    "findings",
    "links",
    "pages",
    "raw_items",
    "redirects",
    "rejections",
    "runs",
    "sources",
    "state_blobs",
    "stories",
    "story_members",
    "translations",
}


def _diff(db_url: str, metadata: MetaData) -> list[object]:
    engine = create_store_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, metadata))
    finally:
        engine.dispose()


def test_migrations_from_empty_create_every_table(db_url: str, data_dir: Path) -> None:
    engine = create_store_engine(db_url)
    assert inspect(engine).get_table_names() == []
    engine.dispose()
    with Store.open(db_url, data_dir) as store:
        assert set(inspect(store.engine).get_table_names()) == TABLES
        assert current_revision(store.engine) == head_revision()
    assert (data_dir / "raw").is_dir()


def test_models_and_migrations_agree(db_url: str, data_dir: Path) -> None:
    Store.open(db_url, data_dir).close()
    assert _diff(db_url, Base.metadata) == []


def test_model_drift_is_detected(db_url: str, data_dir: Path) -> None:
    """The agreement check above can fail: a column the migrations lack shows up as a diff."""
    Store.open(db_url, data_dir).close()
    drifted = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.tables.values():
        table.to_metadata(drifted)
    drifted.tables["sources"].append_column(Column("favicon_size", Integer, nullable=True))
    diff = _diff(db_url, drifted)
    assert any("favicon_size" in repr(d) for d in diff)


def test_reopening_is_idempotent_and_keeps_data(db_url: str, data_dir: Path) -> None:
    source = feed_source()
    with Store.open(db_url, data_dir) as store:
        store.add_source(source)
    for _ in range(2):
        with Store.open(db_url, data_dir) as store:
            assert current_revision(store.engine) == head_revision()
            assert store.list_sources() == [source]
            with store.engine.connect() as connection:
                versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
            assert versions == [(head_revision(),)]


def test_downgrade_to_empty_and_upgrade_again(db_url: str, data_dir: Path) -> None:
    Store.open(db_url, data_dir).close()
    engine = create_store_engine(db_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    with Store.open(db_url, data_dir) as store:
        assert set(inspect(store.engine).get_table_names()) == TABLES


def test_database_from_a_newer_newsdesk_is_refused(db_url: str, data_dir: Path) -> None:
    Store.open(db_url, data_dir).close()
    engine = create_store_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="cannot migrate database .*9999"):
        Store.open(db_url, data_dir)


@pytest.mark.postgres
def test_unreachable_postgresql_names_the_url(tmp_path: Path) -> None:
    from .pg_server import _free_port

    url = f"postgresql://newsdesk:secret@127.0.0.1:{_free_port()}/newsdesk"
    with pytest.raises(StoreError) as info:
        Store.open(url, tmp_path)
    message = str(info.value)
    assert f"127.0.0.1:{url.split(':')[3].split('/')[0]}/newsdesk" in message
    assert "secret" not in message  # the password is hidden


@pytest.mark.postgres
def test_missing_postgresql_database_names_the_url(pg_server: object, tmp_path: Path) -> None:
    from .pg_server import PgServer

    assert isinstance(pg_server, PgServer)
    url = pg_server.admin_url.rpartition("/")[0] + "/no_such_database"
    with pytest.raises(StoreError, match="cannot open database .*no_such_database"):
        Store.open(url, tmp_path)


def test_sqlite_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match=f"cannot open database sqlite:///{path}"):
        Store.open(f"sqlite:///{path}", tmp_path / "data")


def test_sqlite_path_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot open database"):
        Store.open(f"sqlite:///{tmp_path}/file/db.sqlite", tmp_path / "data")


def test_data_dir_that_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot create data folder"):
        Store.open(f"sqlite:///{tmp_path}/db.sqlite", tmp_path / "file" / "data")


def test_0002_turns_old_title_findings_into_title_part(db_url: str, data_dir: Path) -> None:
    """A database written before revision 0002 kept title findings at 0–0 with "(titre)" in
    the message; upgrading marks them `part = "title"` and restores the message."""
    from .test_findings_links_stories import _articles

    with Store.open(db_url, data_dir) as store:
        (art,) = _articles(store, 1)
    engine = create_store_engine(db_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0001")
            connection.execute(
                text(
                    "INSERT INTO findings (article_id, category, severity, span_start, span_end,"
                    " excerpt, detector, message, confidence) VALUES (:a, 'leaked-instruction',"
                    " 'error', 0, 0, 'Customize this title', 'd', '(titre) consigne', 1.0),"
                    " (:a, 'residue', 'warning', 4, 19, 'Skip to content', 'd', 'menu', 1.0)"
                ),
                {"a": art.id},
            )
    finally:
        engine.dispose()
    with Store.open(db_url, data_dir) as store:
        found = {(f.part, f.message) for f in store.findings.list(art.id)}
    assert found == {("title", "consigne"), ("text", "menu")}
