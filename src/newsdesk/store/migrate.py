"""Bring a database to the schema this version of newsdesk expects, with Alembic, in-process.

The migration scripts ship inside the package (`store/migrations/`), so no alembic.ini and no
`alembic` command are needed: `Store.open` calls `upgrade_to_head` on every start. On
PostgreSQL an advisory lock keeps two processes that start together from migrating at once;
on SQLite the migration's BEGIN IMMEDIATE does the same.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from newsdesk.log import get_logger
from newsdesk.store.db import writer

log = get_logger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Arbitrary constant naming newsdesk's migration lock among PostgreSQL advisory locks.
PG_MIGRATION_LOCK = 0x6E657773  # "news"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config pointing at the bundled scripts (and at `connection`, if given)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migration scripts found"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine) -> str | None:
    """Run every pending migration; return the revision the database was at before (or None)."""
    head = head_revision()
    before = current_revision(engine)
    if before == head:
        return before
    with writer(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK})
        command.upgrade(alembic_config(connection), "head")
    log.info("store_migrated", before=before, after=head)
    return before
