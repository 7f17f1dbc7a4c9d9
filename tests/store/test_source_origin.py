"""Each source records where it comes from (newsdesk.toml, by hand, the samples), and
databases from before origins were recorded are upgraded without losing a source."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from newsdesk.store import Store
from newsdesk.store.db import create_store_engine
from newsdesk.store.migrate import alembic_config
from newsdesk.store.repositories.sources import ORIGIN_ADDED, ORIGIN_CONFIG, ORIGIN_SAMPLES

from .factories import feed_source

SAMPLES_FOLDER = "/opt/venv/lib/python3.12/site-packages/newsdesk/samples/articles"


def test_rows_from_before_origins_are_upgraded(db_url: str, data_dir: Path) -> None:
    engine = create_store_engine(db_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0004")
        with engine.begin() as connection:
            for source_id, location in (("s" * 16, SAMPLES_FOLDER), ("f" * 16, "https://a.fr/f")):
                connection.execute(
                    text(
                        "INSERT INTO sources (id, kind, location, licence, allow_private, "
                        "enabled, rules, created_at, updated_at, consecutive_errors) VALUES "
                        "(:id, 'folder', :location, 'full', false, true, '{}', "
                        "'2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00', 0)"
                    ),
                    {"id": source_id, "location": location},
                )
    finally:
        engine.dispose()
    with Store.open(db_url, data_dir) as store:
        assert store.sources.origins() == {"s" * 16: ORIGIN_SAMPLES, "f" * 16: ORIGIN_ADDED}


def test_origin_is_set_by_add_and_update(store: Store) -> None:
    by_hand, declared = feed_source(), feed_source("https://b.fr/feed")
    store.add_source(by_hand)
    store.sources.update(declared, origin=ORIGIN_CONFIG)
    store.sources.update(by_hand)  # no origin given: the stored one stays
    assert store.sources.origins() == {by_hand.id: ORIGIN_ADDED, declared.id: ORIGIN_CONFIG}
